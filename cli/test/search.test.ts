/** `flopcast search` through the real binary, against the engine's search() on the same spec. */
import { readFileSync } from 'node:fs';
import { parsePlanText, search } from '@flopcast/engine';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('flopcast search', () => {
  it('returns the same frontier as the engine, as versioned JSON', async () => {
    const r = await runCli(['search', 'llama3-8b.search.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.version).toBe(1);
    const direct = search(parsePlanText(readFileSync(fixture('llama3-8b.search.yaml'), 'utf8'), 'yaml') as Parameters<typeof search>[0]);
    expect(body.frontier).toEqual(JSON.parse(JSON.stringify(direct.frontier)));
    expect(body.frontier.length).toBeGreaterThan(0);
    expect(body.stats.seconds).toBeGreaterThan(0); // the CLI lends the engine a clock
  });

  it('prints the frontier as a table, marks the best plans, and draws no progress bar when stderr is not a TTY', async () => {
    const r = await runCli(['search', 'llama3-8b.search.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/#\s+GPU\s+GPUs\s+TP\s+PP/);
    expect(r.stdout).toContain('cheapest');
    expect(r.stdout).toMatch(/[\d,]+ candidates: [\d,]+ evaluated/);
    expect(r.stderr).toBe('');
  });

  it('exits 2 on an invalid spec, naming the field', async () => {
    const r = await runCli(['search', '-'], { input: 'version: 1\nmodel: llama3-8b\ntraining: { tokens: 1e12, sequenceLength: 8192 }\ncandidates: []\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}candidates: /m);
  });
});
