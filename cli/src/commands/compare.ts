/** `flopcast compare BASE HEAD [HEAD…]`: deltas of one or more plans against a base plan. */
import { ENGINE_VERSION, type Report } from '@flopcast/engine';
import { choiceOption, parseCommandArgs } from '../args.js';
import { loadBudgetConfig } from '../budgets.js';
import { comparePlans } from '../comparison.js';
import { UsageError } from '../errors.js';
import { readDocument, type PlanDocument } from '../plan-source.js';
import { API_HELP, API_OPTION, BUDGET_HELP, CONFIG_OPTION, EXIT_HELP, FORMAT_OPTION, evaluatorFor, type Command } from './command.js';
import { finishComparison } from './render-comparison.js';

const NAME = 'compare';
/** The API compares at most 10 plans per request (base + 9 heads). */
const MAX_PLANS_PER_REQUEST = 10;

export const compareCommand: Command = {
  name: NAME,
  summary: 'compare plans against a base plan (GPU-hours, days, cost, memory, MFU, deltas)',
  help: `Usage: flopcast compare BASE HEAD [HEAD...] [options]

Estimates BASE and every HEAD plan and shows, per HEAD, GPU-hours, wall-clock days, cost, peak memory per
GPU, MFU and whether it fits, with absolute and % deltas against BASE. Budgets from flopcast.yml are checked
(maxIncreasePct rules compare each HEAD with BASE).

Options:
  -f, --format FORMAT  table (default), json ({"version":1,"kind":"flopcast.comparison",...}) or markdown
                       (a pull-request comment with the hidden marker <!-- flopcast-plan-check -->)
${API_HELP}
${BUDGET_HELP}
  -h, --help           show this help

Examples:
  flopcast compare plans/v3-fp8.plan.yaml plans/v3-bf16.plan.yaml
  flopcast compare base.json tp8.json tp4-pp2.json --format markdown > comment.md
  flopcast compare base.yaml head.yaml --config ci/flopcast.yml --format json

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, { ...FORMAT_OPTION, ...API_OPTION, ...CONFIG_OPTION });
    if (args.positionals.length < 2) throw new UsageError('compare needs a BASE plan and at least one HEAD plan', NAME);
    const format = choiceOption(NAME, args, 'format', ['table', 'json', 'markdown'] as const, 'table');
    const evaluator = evaluatorFor(NAME, args, io);
    const budgets = await loadBudgetConfig(args.values.config as string | undefined, io.cwd, NAME);
    const docs: PlanDocument[] = [];
    for (const file of args.positionals) docs.push(await readDocument(file, io, NAME));
    const [baseDoc, ...headDocs] = docs;
    const plans = (list: PlanDocument[]) => list.map((d) => ({ label: d.label, plan: d.value }));
    let baseReport: Report | undefined;
    const headReports: Report[] = [];
    for (let i = 0; i < headDocs.length; i += MAX_PLANS_PER_REQUEST - 1) {
      const [b, ...h] = await evaluator.compare(plans([baseDoc!, ...headDocs.slice(i, i + MAX_PLANS_PER_REQUEST - 1)]));
      baseReport ??= b;
      headReports.push(...h);
    }
    const entries = headDocs.map((d, i) => comparePlans(d.label, baseReport!, headReports[i]!));
    return finishComparison(
      io,
      format,
      { command: 'compare', engineVersion: baseReport!.engineVersion ?? ENGINE_VERSION, evaluatedBy: evaluator.source, baseLabel: baseDoc!.label },
      entries,
      budgets,
    );
  },
};
