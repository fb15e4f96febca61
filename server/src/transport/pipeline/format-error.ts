import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DomainError, RateLimitedError, ValidationError } from '@parley/core';
import type { Logger } from '../../logger';

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

const API_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'RESYNC_REQUIRED']);

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
  const base = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof ValidationError) extensions['fields'] = original.fields;
    if (original instanceof RateLimitedError) extensions['retryAfterMs'] = original.retryAfterMs;
    return { message: original.message, ...base, extensions };
  }
  const code = formatted.extensions?.['code'];
  // Errors the transport raised itself (limits, parse and validation failures) carry their code.
  const own = error instanceof GraphQLError && !error.originalError;
  if (own && typeof code === 'string' && (REQUEST_CODES.has(code) || API_CODES.has(code))) {
    const extensions: Record<string, unknown> = { code };
    for (const key of ['fields', 'retryAfterMs'] as const) {
      if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
    }
    return { message: formatted.message, ...base, extensions };
  }
  // graphql-js reports variable coercion problems without a code or an original error.
  if (own && code === undefined) return { message: formatted.message, ...base, extensions: { code: 'BAD_USER_INPUT' } };
  if (typeof code === 'string' && REQUEST_CODES.has(code)) {
    return { message: formatted.message, ...base, extensions: { code } };
  }
  log.error({ err: original, requestId }, 'internal error');
  return {
    message: 'Internal server error',
    ...base,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  };
}

/**
 * Removes graphql-js's "Did you mean …?" hints, which reveal field and type names, for servers that
 * keep their schema private (introspection off).
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/\s*Did you mean [\s\S]*\?$/, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}
