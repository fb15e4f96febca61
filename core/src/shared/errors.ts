/**
 * Domain errors. They carry no transport concerns; `transport/format-error.ts` maps each class to
 * its API error code.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Input failed validation; `fields` maps each offending input field to a reason. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly fields: Record<string, string>) {
    super(
      `Invalid input: ${Object.entries(fields)
        .map(([f, r]) => `${f} ${r}`)
        .join('; ')}`,
    );
  }
}

/** The caller is not signed in, or their credentials are invalid or expired. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentication required') {
    super(message);
  }
}

/** The caller is signed in but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Not allowed') {
    super(message);
  }
}

/** The resource does not exist or the caller may not see it (never says which). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(what = 'Resource') {
    super(`${what} not found`);
  }
}

/** The request conflicts with the current state (e.g. an idempotency key reused for other content). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** Too many requests; try again after `retryAfterMs`. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly retryAfterMs: number,
    message = `Rate limit exceeded; retry after ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** A subscription cannot resume from the requested point; the client must refetch. */
export class ResyncRequiredError extends DomainError {
  readonly code = 'RESYNC_REQUIRED';
  constructor(message = 'Too far behind to resume; refetch and subscribe again') {
    super(message);
  }
}
