import { ValidationError } from './errors.js';

/** Longest accepted display name (teams, keys, plans). */
export const MAX_NAME_LENGTH = 200;

/** A trimmed, non-empty name of at most MAX_NAME_LENGTH characters, else ValidationError at `path`. */
export function requireName(value: unknown, path = 'name'): string {
  if (typeof value !== 'string') throw ValidationError.field(path, 'invalid_type', 'must be a string');
  const name = value.trim();
  if (name.length === 0) throw ValidationError.field(path, 'too_small', 'must not be empty');
  if (name.length > MAX_NAME_LENGTH) {
    throw ValidationError.field(path, 'too_big', `must be at most ${MAX_NAME_LENGTH} characters`);
  }
  return name;
}

/** A positive integer (versions), else ValidationError at `path`. */
export function requireVersion(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    throw ValidationError.field(path, 'invalid_version', 'must be a positive integer');
  }
  return value;
}
