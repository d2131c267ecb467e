/** `flopcast diff --base-ref REF [PATHS…]`: plans changed between two git refs, as in a pull request. */
import { ENGINE_VERSION, type Report } from '@flopcast/engine';
import { choiceOption, parseCommandArgs, stringOption } from '../args.js';
import { loadBudgetConfig } from '../budgets.js';
import { comparePlans, type PlanComparison } from '../comparison.js';
import { InputError, UsageError } from '../errors.js';
import type { Evaluator } from '../evaluator.js';
import { changedPlans, shortCommit, type ChangedFile } from '../git.js';
import { formatFromPath, parseDocument } from '../plan-source.js';
import { API_HELP, API_OPTION, BUDGET_HELP, CONFIG_OPTION, EXIT_HELP, FORMAT_OPTION, evaluatorFor, type Command } from './command.js';
import { finishComparison } from './render-comparison.js';

const NAME = 'diff';

export const diffCommand: Command = {
  name: NAME,
  summary: 'compare the plans changed between two git refs (for pull-request checks)',
  help: `Usage: flopcast diff --base-ref REF [--head-ref REF] [PATHS...] [options]

Finds plan files that changed between the merge-base of --base-ref and --head-ref (default HEAD), reads both
versions with "git show" (no checkout needed), estimates them and prints per plan GPU-hours, days, cost, peak
memory, MFU and fits, with absolute and % deltas. Added and removed plans are listed too. Without PATHS,
every *.plan.json / *.plan.yaml / *.plan.yml file is considered; PATHS (files or folders) narrow the search
to the .json/.yaml/.yml files under them. Budgets from flopcast.yml are checked against every head plan.

Options:
      --base-ref REF   git ref to compare against (required), e.g. origin/main
      --head-ref REF   git ref with the changes (default HEAD)
  -f, --format FORMAT  table (default), json ({"version":1,...}) or markdown (PR comment with the hidden
                       marker <!-- flopcast-plan-check --> so a bot can update its own comment)
${API_HELP}
${BUDGET_HELP}
  -h, --help           show this help

Examples:
  flopcast diff --base-ref origin/main
  flopcast diff --base-ref origin/main plans/ --format markdown > comment.md
  flopcast diff --base-ref HEAD~1 --head-ref HEAD --format json

In CI, fetch enough history for the merge-base (actions/checkout with fetch-depth: 0).

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, {
      ...FORMAT_OPTION,
      ...API_OPTION,
      ...CONFIG_OPTION,
      'base-ref': { type: 'string' },
      'head-ref': { type: 'string' },
    });
    const baseRef = stringOption(args, 'base-ref');
    if (!baseRef) throw new UsageError('--base-ref is required (e.g. --base-ref origin/main)', NAME);
    const headRef = stringOption(args, 'head-ref') ?? 'HEAD';
    const format = choiceOption(NAME, args, 'format', ['table', 'json', 'markdown'] as const, 'table');
    const evaluator = evaluatorFor(NAME, args, io);
    const budgets = await loadBudgetConfig(args.values.config as string | undefined, io.cwd, NAME);
    const changes = changedPlans({ baseRef, headRef, paths: args.positionals, cwd: io.cwd, command: NAME });

    const entries: PlanComparison[] = [];
    for (const f of changes.files) entries.push(await evaluateChange(evaluator, f, changes.baseCommit, changes.headCommit));
    const engineVersion = entries.map((e) => (e.headReport ?? e.baseReport)?.engineVersion).find(Boolean) ?? ENGINE_VERSION;
    return finishComparison(
      io,
      format,
      {
        command: 'diff',
        engineVersion,
        evaluatedBy: evaluator.source,
        git: { baseRef, headRef, baseCommit: changes.baseCommit, headCommit: changes.headCommit },
      },
      entries,
      budgets,
    );
  },
};

/**
 * Evaluates one changed file. The head must be a valid plan (exit 2 otherwise). A base that no longer parses or
 * validates (e.g. written for an older engine) is reported as a note and the plan is treated as added.
 */
async function evaluateChange(
  evaluator: Evaluator,
  f: ChangedFile,
  baseCommit: string,
  headCommit: string,
): Promise<PlanComparison> {
  const fmt = formatFromPath(f.path);
  const notes: string[] = [];
  const baseLabel = `${shortCommit(baseCommit)}:${f.path}`;
  const headLabel = `${shortCommit(headCommit)}:${f.path}`;
  let base: unknown;
  if (f.baseText !== undefined) {
    try {
      base = parseDocument(baseLabel, f.baseText, fmt).value;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      notes.push(`base version could not be read: ${err.message}`);
    }
  }
  /** The base's report, or null with `note` when there is no base or it no longer validates. */
  const estimateBase = async (note: string): Promise<Report | null> => {
    if (base === undefined) return null;
    try {
      return await evaluator.estimate(base, baseLabel);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      notes.push(`${note}: ${err.message}`);
      return null;
    }
  };
  if (f.headText === undefined) {
    // Removed plan: show what it cost, if the base still evaluates.
    return comparePlans(f.path, await estimateBase('base version no longer validates'), null, notes);
  }
  const head = parseDocument(headLabel, f.headText, fmt).value;
  const headReport = await evaluator.estimate(head, headLabel);
  return comparePlans(f.path, await estimateBase('base version no longer validates, shown as added'), headReport, notes);
}
