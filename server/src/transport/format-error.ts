import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DomainError, RateLimitedError, ValidationError } from '../domain/errors';
import type { Logger } from '../logger';

// Codes graphql-js and Apollo produce for malformed requests; their messages are safe to show.
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Maps any error to the API's error shape: domain errors to their codes, request errors kept,
 * everything else to INTERNAL_SERVER_ERROR with no detail (and logged with the request id).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  requestId?: string,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof ValidationError) extensions['fields'] = original.fields;
    if (original instanceof RateLimitedError) extensions['retryAfterMs'] = original.retryAfterMs;
    return { message: original.message, ...base, extensions };
  }
  const code = formatted.extensions?.['code'];
  const isRequestError =
    (typeof code === 'string' && REQUEST_CODES.has(code)) ||
    // graphql-js reports variable coercion and validation problems without an original error.
    (code === undefined && error instanceof GraphQLError && !error.originalError);
  if (isRequestError) {
    return { message: formatted.message, ...base, extensions: { code: typeof code === 'string' ? code : 'BAD_USER_INPUT' } };
  }
  log.error({ err: original, requestId }, 'internal error');
  return { message: 'Internal server error', ...base, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) } };
}
