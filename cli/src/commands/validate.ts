/** `flopcast validate PLAN`: schema and consistency check without estimating. */
import { validatePlan } from '@flopcast/engine';
import { choiceOption, expectPositionals, parseCommandArgs } from '../args.js';
import { EXIT, InputError } from '../errors.js';
import { readDocument } from '../plan-source.js';
import { EXIT_HELP, FORMAT_OPTION, type Command } from './command.js';

const NAME = 'validate';

export const validateCommand: Command = {
  name: NAME,
  summary: 'check a plan file and list every invalid field',
  help: `Usage: flopcast validate PLAN [options]

Checks a plan (JSON or YAML; "-" reads stdin) against plan format v1 and the built-in catalog.
Prints "OK" (and any warnings), or every invalid field as "path: message" and exits 2.

Options:
  -f, --format FORMAT  text (default) or json ({"version":1,"ok":...,"errors":[...],"warnings":[...]})
  -h, --help           show this help

Examples:
  flopcast validate plans/llama3-70b.plan.yaml
  flopcast validate - < plan.json

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, FORMAT_OPTION);
    const [file] = expectPositionals(NAME, args, 'PLAN (a .json/.yaml file, or - for stdin)', 1);
    const format = choiceOption(NAME, args, 'format', ['text', 'json'] as const, 'text');
    const doc = await readDocument(file!, io, NAME);
    const result = validatePlan(doc.value);
    if (format === 'json') {
      const body = result.ok
        ? { version: 1, ok: true, plan: doc.label, errors: [], warnings: result.warnings }
        : { version: 1, ok: false, plan: doc.label, errors: result.errors, warnings: [] };
      io.stdout.write(JSON.stringify(body, null, 2) + '\n');
      return result.ok ? EXIT.ok : EXIT.usage;
    }
    if (!result.ok) {
      const n = result.errors.length;
      throw new InputError(`${doc.label}: invalid plan (${n} error${n === 1 ? '' : 's'})`, result.errors);
    }
    io.stdout.write(`OK: ${doc.label} is a valid plan ("${result.plan.name}")\n`);
    for (const w of result.warnings) io.stdout.write(`  warning ${w.code}: ${w.message}\n`);
    return EXIT.ok;
  },
};
