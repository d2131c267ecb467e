/** `flopcast estimate PLAN`: one plan's full report. */
import { stackVariants, summarizeStacks } from '@flopcast/engine';
import { choiceOption, expectPositionals, parseCommandArgs } from '../args.js';
import { checkEstimateBudgets, loadBudgetConfig } from '../budgets.js';
import { EXIT } from '../errors.js';
import { reportMarkdown, reportTable } from '../format/report.js';
import { colourEnabled } from '../io.js';
import { readDocument } from '../plan-source.js';
import { summarize } from '../summary.js';
import { API_HELP, API_OPTION, BUDGET_HELP, CONFIG_OPTION, EXIT_HELP, FORMAT_OPTION, evaluatorFor, type Command } from './command.js';

const NAME = 'estimate';

export const estimateCommand: Command = {
  name: NAME,
  summary: 'estimate GPU-hours, days, cost, memory and MFU of one plan',
  help: `Usage: flopcast estimate PLAN [options]

Estimates one training plan (JSON or YAML, plan format v1; "-" reads stdin) and prints the report:
parameters, FLOPs per token, step time and its breakdown, throughput and MFU, memory per pipeline stage,
communication, and totals (GPU-hours, wall-clock days, cost, energy).

Options:
  -f, --format FORMAT  table (default), json (the engine Report, {"version":1,...}) or markdown
      --timeline       include the pipeline timeline of one step (ASCII chart; "pipeline.timeline" in JSON)
      --stacks         also estimate the plan under every software-stack preset (assumptions.framework:
                       generic, megatron-core, torchtitan, torchtitan-compile) and show how far apart they are
                       ("stackSensitivity" in JSON); four estimates instead of one
${API_HELP}
${BUDGET_HELP}
                       (absolute rules only: maxGpuHours, maxCostUsd, maxDays, mustFit)
  -h, --help           show this help

Examples:
  flopcast estimate plans/deepseek-v3.plan.yaml
  flopcast estimate plan.json --format json | jq .totals.gpuHours
  cat plan.yaml | flopcast estimate - --format markdown
  flopcast estimate plan.yaml --api https://flopcast.example.com
  flopcast estimate plans/llama3-70b.plan.yaml --stacks

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, { ...FORMAT_OPTION, ...API_OPTION, ...CONFIG_OPTION, timeline: { type: 'boolean' }, stacks: { type: 'boolean' } });
    const [file] = expectPositionals(NAME, args, 'PLAN (a .json/.yaml file, or - for stdin)', 1);
    const format = choiceOption(NAME, args, 'format', ['table', 'json', 'markdown'] as const, 'table');
    const evaluator = evaluatorFor(NAME, args, io);
    const budgets = await loadBudgetConfig(args.values.config as string | undefined, io.cwd, NAME);
    const doc = await readDocument(file!, io, NAME);
    const report = await evaluator.estimate(doc.value, doc.label, { timeline: args.values.timeline === true });
    // the other presets through the same evaluator (engine or HTTP API), so --stacks works either way
    const stacks =
      args.values.stacks === true
        ? summarizeStacks(
            report,
            await Promise.all(
              stackVariants(doc.value, report).map(async (x) => ({ framework: x.framework, report: await evaluator.estimate(x.plan, doc.label, { timeline: false }) })),
            ),
          )
        : undefined;
    const violations = budgets ? checkEstimateBudgets(budgets.budgets, doc.label, summarize(report)) : [];
    const view = { report, label: doc.label, evaluatedBy: evaluator.source, budgetSource: budgets?.source ?? null, violations, ...(stacks ? { stacks } : {}) };
    if (format === 'json') {
      io.stdout.write(JSON.stringify(stacks ? { ...report, stackSensitivity: stacks } : report, null, 2) + '\n');
      for (const v of violations) io.stderr.write(`flopcast: budget rule broken: ${v.rule} — ${v.message}\n`);
    } else if (format === 'markdown') {
      io.stdout.write(reportMarkdown(view));
    } else {
      io.stdout.write(reportTable(view, colourEnabled(io.stdout, io.env)));
    }
    return violations.length > 0 ? EXIT.budget : EXIT.ok;
  },
};
