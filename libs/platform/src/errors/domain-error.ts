export type DomainErrorCode =
  'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'unprocessable' | 'unauthorized' | 'gone' | 'too_many_requests';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A rule of the domain was not met. Domain code throws these; the HTTP layer maps the code to a
 * status in one place (HttpErrorFilter), so services never speak HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string) {
    super('not_found', `${entity} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role may not do this') {
    super('forbidden', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: FieldProblem[]) {
    super('conflict', message, details);
  }
}

/** The thing existed but is no longer available (e.g. an expired export). */
export class GoneError extends DomainError {
  constructor(message: string) {
    super('gone', message);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details?: FieldProblem[]) {
    super('invalid', message, details);
  }
}

/** A move that a state machine does not allow; names the moves that are allowed. */
export class IllegalTransitionError extends ConflictError {
  constructor(entity: string, from: string, to: string, allowed: readonly string[]) {
    super(`${entity} cannot move from '${from}' to '${to}'; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`, [
      { field: 'status', message: `allowed from '${from}': ${allowed.length ? allowed.join(', ') : 'none'}` },
    ]);
  }
}

/**
 * Optimistic locking: a change sent with the version the client read is refused (409) when someone
 * else changed the record since. Without an expected version, nothing is checked.
 */
export function assertCurrentVersion(entity: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new ConflictError(
      `The ${entity} was changed by someone else (version ${current}, yours ${expected}); reload and try again`,
      [{ field: 'version', message: `current version is ${current}` }],
    );
  }
}

/** Too many attempts; the client may try again after `retryAfterSeconds` (sent as Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', message);
  }
}
