/**
 * JSON serialisation guard: the API never emits NaN or Infinity (JSON.stringify would silently turn them into
 * `null`). Every `c.json(...)` goes through `stringifyFinite`; a non-finite number is a bug in the server (bad
 * input is rejected long before), so it becomes a 500 `internal_error` with the offending path logged.
 * This is the last line of defence — tests assert it never fires on bad input.
 */

/** Thrown when a response body contains a non-finite number. */
export class NonFiniteNumberError extends Error {
  readonly path: string;
  readonly value: number;
  constructor(path: string, value: number) {
    super(`non-finite number ${String(value)} at ${path || '/'} in a response body`);
    this.name = 'NonFiniteNumberError';
    this.path = path;
    this.value = value;
  }
}

/** JSON.stringify that throws `NonFiniteNumberError` instead of writing `null` for NaN/±Infinity. */
export function stringifyFinite(value: unknown): string {
  // Walk explicitly (not with a replacer) so the error can name the JSON pointer of the offending value.
  assertFinite(value, '');
  return JSON.stringify(value);
}

/** Throws `NonFiniteNumberError` if any number reachable from `value` (as JSON would serialise it) is non-finite. */
export function assertFinite(value: unknown, path = ''): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonFiniteNumberError(path, value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return; // Date etc. serialise themselves
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertFinite(value[i], `${path}/${i}`);
    return;
  }
  for (const key in value as Record<string, unknown>) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    assertFinite((value as Record<string, unknown>)[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}
