/** Shape of a subcommand and helpers shared by several commands. */
import { ApiClient, normaliseApiUrl } from '../api-client.js';
import { stringOption, type OptionSpec, type ParsedArgs } from '../args.js';
import { apiEvaluator, offlineEvaluator, type Evaluator } from '../evaluator.js';
import type { Io } from '../io.js';

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text, with examples. */
  help: string;
  run(argv: string[], io: Io): Promise<number>;
}

export const FORMAT_OPTION: OptionSpec = { format: { type: 'string', short: 'f' } };
export const API_OPTION: OptionSpec = { api: { type: 'string' } };
export const CONFIG_OPTION: OptionSpec = { config: { type: 'string', short: 'c' } };

/** Offline engine, or the HTTP API when `--api URL` is given (Bearer token from FLOPCAST_API_KEY). */
export function evaluatorFor(command: string, args: ParsedArgs, io: Io): Evaluator {
  const api = stringOption(args, 'api');
  if (api === undefined) return offlineEvaluator();
  const key = io.env.FLOPCAST_API_KEY;
  return apiEvaluator(new ApiClient({ baseUrl: normaliseApiUrl(api, command), ...(key ? { apiKey: key } : {}) }));
}

/** Help text block shared by commands that talk to the API. */
export const API_HELP = `  --api URL            evaluate through the flopcast HTTP API at URL (team profiles) instead of offline;
                       sends FLOPCAST_API_KEY as a Bearer token when set`;

/** Help text block for budgets. */
export const BUDGET_HELP = `  -c, --config PATH    budget file (default: flopcast.yml in the working directory, if present)`;

/** Exit codes, printed at the end of every --help. */
export const EXIT_HELP = `Exit codes: 0 ok · 1 a budget rule is broken · 2 usage error, invalid plan or config · 3 internal error
(add --debug for the stack trace).`;
