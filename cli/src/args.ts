/** Command-line parsing on node:util parseArgs, with usage errors that name the command. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
};

/** Parses `argv` strictly: unknown options and missing values are usage errors (exit 2). */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    throw new UsageError((err as Error).message, command);
  }
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A string option restricted to `allowed` values; `fallback` when absent. */
export function choiceOption<T extends string>(
  command: string,
  args: ParsedArgs,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = stringOption(args, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`, command);
  }
  return v as T;
}

/** Requires exactly `min..max` positionals, naming them in the error. */
export function expectPositionals(command: string, args: ParsedArgs, names: string, min: number, max = min): string[] {
  const n = args.positionals.length;
  if (n < min) throw new UsageError(`missing ${names}`, command);
  if (n > max) throw new UsageError(`unexpected argument "${args.positionals[max]}"`, command);
  return args.positionals;
}
