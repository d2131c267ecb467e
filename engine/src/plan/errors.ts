/** Errors of plan parsing and validation. Every error names the field (dotted path) and says why. */

/** One problem with one field of a plan. `path` is dotted, e.g. "parallelism.tensor" ("" = the whole document). */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Thrown by `estimate()` and friends when a plan does not validate; carries every error found. */
export class PlanValidationError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(
      errors.length === 1
        ? `invalid plan: ${formatFieldError(errors[0] as FieldError)}`
        : `invalid plan (${errors.length} errors):\n${errors.map((e) => `  - ${formatFieldError(e)}`).join('\n')}`,
    );
    this.name = 'PlanValidationError';
    this.errors = errors;
  }
}

/** Thrown by `parsePlanText` when the text is not valid JSON/YAML; the message says line and column. */
export class PlanParseError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly format: 'json' | 'yaml';
  constructor(message: string, format: 'json' | 'yaml', line?: number, column?: number) {
    super(line !== undefined ? `${format.toUpperCase()} parse error at line ${line}, column ${column ?? 1}: ${message}` : `${format.toUpperCase()} parse error: ${message}`);
    this.name = 'PlanParseError';
    this.format = format;
    this.line = line;
    this.column = column;
  }
}

/** "path: message" (the message alone when the path is empty). */
export function formatFieldError(e: FieldError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}
