/**
 * Error classes that map to the CLI's exit codes, so CI can tell a broken budget from bad input from a crash:
 *   0 ok · 1 a budget rule is broken · 2 usage error, invalid plan or invalid config · 3 internal error.
 */

export const EXIT = { ok: 0, budget: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One invalid field, as reported by the engine's plan validation or the API's problem+json. */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

/** Wrong command line (unknown option, missing argument, bad value). Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** Command whose `--help` the message should point to. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Invalid input file (plan, search spec, flopcast.yml): the message names the file, `fields` the bad fields. Exit 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * A failure that is not the user's input: the API is unreachable or answered 5xx / garbage, git crashed.
 * Exit 3, like any unexpected exception.
 */
export class InternalError extends Error {
  override name = 'InternalError';
}

/** Exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof UsageError || err instanceof InputError) return EXIT.usage;
  return EXIT.internal;
}
