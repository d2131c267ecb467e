/**
 * Typed errors the repository throws. The API maps them to problem+json responses
 * (NotFound → 404, Conflict → 409/412, Immutable → 403/409, Validation → 400/422).
 */

/** Kinds of stored things an error can be about. */
export type EntityKind = 'team' | 'apiKey' | 'gpu' | 'link' | 'model' | 'plan' | 'planRevision';

/** One invalid input field: dotted path, machine code, human message. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Base class of every repository error; `code` is stable for programmatic checks. */
export abstract class RepositoryError extends Error {
  abstract readonly code: 'not_found' | 'conflict' | 'immutable' | 'validation';
}

/** The entity does not exist, is soft-deleted, or belongs to another team (never distinguishable). */
export class NotFoundError extends RepositoryError {
  readonly code = 'not_found' as const;
  constructor(
    readonly entity: EntityKind,
    readonly id: string,
  ) {
    super(`${entity} ${JSON.stringify(id)} not found`);
    this.name = 'NotFoundError';
  }
}

/** A write lost a race or collides with existing data (stale version, duplicate id). */
export class ConflictError extends RepositoryError {
  readonly code = 'conflict' as const;
  constructor(
    readonly entity: EntityKind,
    readonly id: string,
    message: string,
    /** For optimistic-concurrency conflicts: the version currently stored. */
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Attempt to change or delete a built-in profile. */
export class ImmutableError extends RepositoryError {
  readonly code = 'immutable' as const;
  constructor(
    readonly entity: EntityKind,
    readonly id: string,
  ) {
    super(`${entity} ${JSON.stringify(id)} is built in and cannot be changed or deleted`);
    this.name = 'ImmutableError';
  }
}

/** Input the repository refuses before touching the database. */
export class ValidationError extends RepositoryError {
  readonly code = 'validation' as const;
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'ValidationError';
  }
  /** Shorthand for a single-field error. */
  static field(path: string, code: string, message: string): ValidationError {
    return new ValidationError([{ path, code, message }]);
  }
}
