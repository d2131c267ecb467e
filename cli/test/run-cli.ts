/** Runs the real `flopcast` binary (bin/flopcast.mjs) as a subprocess and collects its output and exit code. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(CLI_DIR, 'bin', 'flopcast.mjs');
export const FIXTURES = path.join(CLI_DIR, 'test', 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `flopcast ...args` in `cwd` (default: the fixtures folder), with `input` on stdin. Colour is off (not a TTY). */
export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
    delete env.FORCE_COLOR;
    for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? FIXTURES, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Path of a fixture file. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}
