import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * A selection of every field reachable from `type`, down to `depth` levels of objects: each field
 * with arguments that are all optional or defaulted, and for abstract types an inline fragment per
 * possible type. Used to execute "everything" against real events.
 */
export function selectEverything(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  depth: number,
  skip: ReadonlySet<string> = new Set(),
): string {
  if (isLeafType(type)) return '';
  if (isAbstractType(type)) {
    const parts = schema
      .getPossibleTypes(type)
      .map((t) => `... on ${t.name} ${selectEverything(schema, t, depth, skip)}`);
    return `{ __typename ${parts.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields())
    .filter((f) => !skip.has(`${type.name}.${f.name}`))
    .flatMap((f) => selectField(schema, f, depth, skip));
  return `{ __typename ${fields.join(' ')} }`;
}

function selectField(
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  depth: number,
  skip: ReadonlySet<string>,
): string[] {
  if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) return [];
  const named = getNamedType(field.type);
  if (isLeafType(named)) return [field.name];
  if (depth <= 0) return [];
  return [`${field.name} ${selectEverything(schema, named, depth - 1, skip)}`];
}

/** Object types reachable from the subscription root's fields (what shared execution resolves). */
export function typesReachableFromSubscriptions(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>();
  const visit = (t: GraphQLNamedType) => {
    if (seen.has(t.name) || isLeafType(t)) return;
    seen.add(t.name);
    if (isAbstractType(t)) return schema.getPossibleTypes(t).forEach(visit);
    if (isObjectType(t)) for (const f of Object.values(t.getFields())) visit(getNamedType(f.type));
  };
  for (const f of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) visit(getNamedType(f.type));
  return new Set([...seen].filter((name) => isObjectType(schema.getType(name))));
}
