import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  isObjectType,
  isInterfaceType,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Limits on the shape of an operation, the same over HTTP and WebSocket. */
export interface OperationLimits {
  /** @default 10 */
  maxDepth: number;
  /** @default 15 */
  maxAliases: number;
  /** Lexical tokens in the document. @default 5000 */
  maxTokens: number;
  /** @default 50 */
  maxDirectives: number;
  /** Fields resolved, counting list sizes from `first`/`limit` arguments. @default 20000 */
  maxCost: number;
}

/** Validation rules and parser options enforcing {@link OperationLimits}. */
export interface OperationGuards {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  /**
   * Estimated cost of the operation with its variables.
   * @throws GraphQLError (BAD_USER_INPUT) naming the limit when it is over `maxCost`.
   */
  checkCost(
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName?: string | null,
  ): void;
}

// Arguments that size a list: the subtree under a field with one of them is counted that many times.
const SIZE_ARGS = ['first', 'limit'];

/** Builds the guards for `schema`. */
export function createOperationGuards(schema: GraphQLSchema, limits: OperationLimits): OperationGuards {
  // Report a rejection as a validation error: a rule that throws aborts validate() itself, which
  // both transports would answer as an internal error.
  const common = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)],
  };
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      maxDepthRule({ ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
      maxAliasesRule({ ...common, n: limits.maxAliases }),
      maxDirectivesRule({ ...common, n: limits.maxDirectives }),
    ] as ValidationRule[],
    checkCost(document, variables, operationName) {
      const operation = getOperationAST(document, operationName ?? undefined);
      if (!operation) return;
      const root =
        operation.operation === 'query'
          ? schema.getQueryType()
          : operation.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return;
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const def of document.definitions)
        if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
      const cost = costOf(
        operation.selectionSet,
        root,
        1,
        { schema, fragments, variables: variables ?? {}, limit: limits.maxCost },
        new Set(),
      );
      if (cost > limits.maxCost) {
        throw new GraphQLError(`Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`, {
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: { query: `cost ${cost} is over the limit of ${limits.maxCost}` },
          },
        });
      }
    },
  };
}

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limit: number;
}

function costOf(
  set: SelectionSetNode,
  type: GraphQLNamedType,
  multiplier: number,
  ctx: CostContext,
  visiting: Set<string>,
): number {
  let total = 0;
  for (const sel of set.selections) {
    // Stop early: a hostile query can be exponential, and its exact cost does not matter once over.
    if (total > ctx.limit) return total;
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      const field = fieldOf(type, sel.name.value);
      if (!field) continue;
      let size = 1;
      for (const arg of sel.arguments ?? []) {
        if (!SIZE_ARGS.includes(arg.name.value)) continue;
        const def = field.args.find((a) => a.name === arg.name.value);
        const v = def ? valueFromAST(arg.value, def.type, ctx.variables) : undefined;
        if (typeof v === 'number' && v > 0) size = v;
      }
      if (size === 1) {
        const def = field.args.find((a) => SIZE_ARGS.includes(a.name));
        if (def && typeof def.defaultValue === 'number') size = def.defaultValue;
      }
      total += multiplier;
      if (sel.selectionSet)
        total += costOf(sel.selectionSet, getNamedType(field.type), multiplier * size, ctx, visiting);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? ctx.schema.getType(sel.typeCondition.name.value) : type;
      if (t) total += costOf(sel.selectionSet, t, multiplier, ctx, visiting);
    } else {
      const frag = ctx.fragments.get(sel.name.value);
      // Cycles are already a validation error; guard anyway so cost never recurses forever.
      if (!frag || visiting.has(frag.name.value)) continue;
      visiting.add(frag.name.value);
      const t = ctx.schema.getType(frag.typeCondition.name.value);
      if (t) total += costOf(frag.selectionSet, t, multiplier, ctx, visiting);
      visiting.delete(frag.name.value);
    }
  }
  return total;
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}
