/**
 * flopcast command line: dispatches to the subcommands and turns errors into exit codes
 * (0 ok · 1 budget broken · 2 usage / invalid input · 3 internal error).
 */
import { readFileSync } from 'node:fs';
import { ENGINE_VERSION } from '@flopcast/engine';
import { calibrateCommand } from './commands/calibrate.js';
import type { Command } from './commands/command.js';
import { compareCommand } from './commands/compare.js';
import { diffCommand } from './commands/diff.js';
import { estimateCommand } from './commands/estimate.js';
import { presetsCommand } from './commands/presets.js';
import { searchCommand } from './commands/search.js';
import { validateCommand } from './commands/validate.js';
import { EXIT, InputError, UsageError, exitCodeFor } from './errors.js';
import { processIo, type Io } from './io.js';

export const COMMANDS: readonly Command[] = [
  estimateCommand,
  validateCommand,
  compareCommand,
  diffCommand,
  presetsCommand,
  calibrateCommand,
  searchCommand,
];

/** The CLI package version (from cli/package.json). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `flopcast — cost and capacity planner for large-model training

Usage: flopcast <command> [arguments] [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help       help for flopcast or a command (flopcast <command> --help)
  -v, --version    print the CLI and engine versions
      --debug      print the stack trace of internal errors

Examples:
  flopcast estimate plans/deepseek-v3.plan.yaml
  flopcast compare base.plan.yaml head.plan.yaml --format markdown
  flopcast diff --base-ref origin/main --format markdown > comment.md
  flopcast presets --kind gpus

Offline by default (the engine's built-in catalog); --api URL evaluates through a flopcast API server.
Exit codes: 0 ok · 1 a budget rule is broken · 2 usage error, invalid plan or config · 3 internal error.
`;
}

/** Writes the error message for `err` to stderr and returns its exit code. */
export function reportError(err: unknown, io: Io, debug: boolean): number {
  const code = exitCodeFor(err);
  if (err instanceof UsageError) {
    io.stderr.write(`flopcast: ${err.message}\n`);
    io.stderr.write(`Run "flopcast ${err.command ? `${err.command} ` : ''}--help" for usage.\n`);
  } else if (err instanceof InputError) {
    io.stderr.write(`flopcast: ${err.message}\n`);
    for (const f of err.fields) io.stderr.write(`  ${f.path || '(root)'}: ${f.message}\n`);
  } else {
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr.write(`flopcast: internal error: ${msg.split('\n')[0]}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    else io.stderr.write('(run again with --debug for the stack trace)\n');
  }
  return code;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const sub = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.stdout.write(sub ? sub.help : topHelp());
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`flopcast ${cliVersion()} (engine ${ENGINE_VERSION})\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (err) {
    return reportError(err, io, debug);
  }
}
