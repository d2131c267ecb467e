/** Top-level behaviour of the real binary: help on every command, versions, usage errors. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const COMMANDS = ['estimate', 'validate', 'compare', 'diff', 'presets', 'calibrate', 'search'];

describe('flopcast (no command)', () => {
  it('prints the command list with exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 ok · 1 a budget rule is broken');
  });

  it('gives every command a --help with usage and examples', async () => {
    for (const c of COMMANDS) {
      const r = await runCli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: flopcast ${c}`));
      expect(r.stdout, c).toMatch(/\nExamples:\n  flopcast /);
    }
  });

  it('prints the CLI and engine versions', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flopcast \d+\.\d+\.\d+ \(engine \S+\)\n$/);
  });

  it('rejects an unknown command with exit 2', async () => {
    const r = await runCli(['estimat', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "estimat"');
  });

  it('rejects an unknown option with exit 2 and points to the command help', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--fromat', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--fromat'");
    expect(r.stderr).toContain('flopcast estimate --help');
  });

  it('rejects a format the command does not have with exit 2', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of table, json, markdown');
  });
});
