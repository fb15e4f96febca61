import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const toIso = (value: unknown): string => {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be a valid date');
  return d.toISOString();
};

/** ISO-8601 UTC timestamp; accepts Dates and ISO strings from resolvers alike. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 timestamp in UTC, e.g. `2026-11-27T21:30:00.000Z`.',
  serialize: toIso,
  parseValue: (v) => new Date(toIso(v)),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return new Date(toIso(ast.value));
  },
});
