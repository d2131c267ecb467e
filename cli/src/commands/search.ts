/** `flopcast search SPEC`: the Pareto frontier of plans (cost vs days) for a model, token count and hardware. */
import { choiceOption, expectPositionals, parseCommandArgs } from '../args.js';
import { EXIT } from '../errors.js';
import { searchTable } from '../format/search.js';
import { progressBar } from '../format/progress.js';
import { colourEnabled } from '../io.js';
import { readDocument } from '../plan-source.js';
import { API_HELP, API_OPTION, EXIT_HELP, FORMAT_OPTION, evaluatorFor, type Command } from './command.js';

const NAME = 'search';

export const searchCommand: Command = {
  name: NAME,
  summary: 'search parallelism and hardware for the cheapest / fastest plans (Pareto frontier)',
  help: `Usage: flopcast search SPEC [options]

Enumerates plans for a model, token count and candidate hardware (the search spec, JSON or YAML; "-" reads
stdin), prunes what cannot fit or cannot win, estimates the rest and prints the Pareto frontier of cost vs
wall-clock days, with the cheapest, fastest and fewest-GPU plans marked. A progress bar is drawn on stderr
when it is a terminal.

Spec (version 1):
  version: 1
  model: llama3-70b                     # preset id or inline architecture
  training: { tokens: 15e12, sequenceLength: 8192, globalBatchSize: 512 }
  candidates: [{ gpu: h100-sxm, maxGpus: 4096 }, { gpu: b200, maxGpus: 2048, usdPerGpuHour: 5.5 }]
  fixed: { precision: bf16 }            # any plan field to pin
  constraints: { deadlineDays: 90, budgetUsd: 20e6, memoryHeadroomPct: 10 }

Each candidate GPU is timed with its own default software stack unless the spec names one
(fixed: { assumptions: { framework: megatron-core } }): H100 / H200 default to PyTorch-native eager,
others to generic, so name one to compare GPUs like for like.

Options:
  -f, --format FORMAT  table (default) or json (the engine SearchResult)
${API_HELP}
  -h, --help           show this help

Examples:
  flopcast search specs/llama3-70b.search.yaml
  flopcast search spec.json --format json > frontier.json

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, { ...FORMAT_OPTION, ...API_OPTION });
    const [file] = expectPositionals(NAME, args, 'SPEC (a .json/.yaml search spec, or - for stdin)', 1);
    const format = choiceOption(NAME, args, 'format', ['table', 'json'] as const, 'table');
    const evaluator = evaluatorFor(NAME, args, io);
    const doc = await readDocument(file!, io, NAME);
    const bar = progressBar(io);
    let result;
    try {
      result = await evaluator.search(doc.value, doc.label, bar ? (d, t) => bar.update(d, t) : undefined);
    } finally {
      bar?.clear();
    }
    if (format === 'json') io.stdout.write(JSON.stringify({ version: 1, ...result }, null, 2) + '\n');
    else io.stdout.write(searchTable(result, doc.label, evaluator.source, colourEnabled(io.stdout, io.env)));
    return EXIT.ok;
  },
};
