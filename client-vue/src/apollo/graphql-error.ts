import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface ApiError {
  code: string;
  message: string;
  fields: Record<string, string>;
  retryAfterMs?: number;
}

/** Normalises any error thrown by Apollo Client into the API's error shape (API.md, "Errors"). */
export function toApiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as { code?: string; fields?: Record<string, string>; retryAfterMs?: number };
    return {
      code: ext.code ?? 'INTERNAL_SERVER_ERROR',
      message: first?.message ?? 'Something went wrong',
      fields: ext.fields ?? {},
      retryAfterMs: ext.retryAfterMs,
    };
  }
  if (ServerError.is(error) && error.statusCode < 500) {
    return { code: `HTTP_${error.statusCode}`, message: error.message, fields: {} };
  }
  return { code: 'NETWORK', message: 'Cannot reach the server', fields: {} };
}

/** Errors worth retrying later without the user's help: the request may not have reached the server. */
export function isTransient(error: ApiError): boolean {
  return (
    error.code === 'NETWORK' ||
    error.code === 'RATE_LIMITED' ||
    error.code === 'INTERNAL_SERVER_ERROR' ||
    error.code === 'UNAUTHENTICATED'
  );
}

export function hasCode(error: unknown, code: string): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.['code'] === code);
  if (Array.isArray(error)) return error.some((e: { extensions?: { code?: unknown } }) => e?.extensions?.code === code);
  return false;
}
