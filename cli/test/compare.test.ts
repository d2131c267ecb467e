/** `flopcast compare`: formats, deltas, budgets and exit codes through the real binary. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, fixture, runCli } from './run-cli.js';

const MARKER = '<!-- flopcast-plan-check -->';
let dir: string;

/** Fails when a value that should be a number was printed as a string (e.g. "1,234" or "18%"). */
function expectNumbersAreNumbers(value: unknown, where = '$'): void {
  if (typeof value === 'string') expect(value, where).not.toMatch(/^[-+$]?[\d,]+(\.\d+)?%?$/);
  else if (Array.isArray(value)) value.forEach((v, i) => expectNumbersAreNumbers(v, `${where}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectNumbersAreNumbers(v, `${where}.${k}`);
}

beforeAll(() => {
  // A working directory with a flopcast.yml (10% increase budget) and the plans.
  dir = mkdtempSync(path.join(tmpdir(), 'flopcast-compare-'));
  for (const f of ['llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', 'llama3-8b-128gpu.plan.yaml']) copyFileSync(fixture(f), path.join(dir, f));
  copyFileSync(fixture('budget-10pct.yml'), path.join(dir, 'flopcast.yml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flopcast compare', () => {
  it('notes when the two sides are timed with different software stacks (a GPU default on one side), and not otherwise', async () => {
    const ex = (f: string) => path.resolve(CLI_DIR, '..', 'examples', f);
    const r = await runCli(['compare', ex('deepseek-v3.plan.yaml'), ex('llama3-70b-h100.plan.yaml'), ex('llama3-70b-h100-nemo.plan.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const [plain, nemo] = JSON.parse(r.stdout).plans;
    expect(plain.notes).toEqual([expect.stringContaining('software stack differs: base generic (GPU profile default), head torchtitan (GPU profile default)')]);
    expect(nemo.notes).toEqual([expect.stringContaining('head megatron-core;')]);
    const same = JSON.parse((await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', '--format', 'json'])).stdout);
    expect(same.plans[0].notes).toEqual([]);
  });

  it('shows +18% GPU-hours and cost for 18% more tokens, and exits 0 without budgets', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GPU-hours\s+[\d,]+\s+[\d,]+\s+\+[\d,]+\s+\+18\.0%/);
    expect(r.stdout).toMatch(/Cost \(USD\)\s+\$[\d,]+\s+\$[\d,]+\s+\+\$[\d,]+\s+\+18\.0%/);
    expect(r.stdout).toContain('Budgets: none configured');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('fails a 10% budget with exit 1 and lists each broken rule', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Budgets (flopcast.yml): 2 rules broken');
    expect(r.stdout).toMatch(/✗ llama3-8b-more-tokens\.plan\.yaml: budgets\.maxIncreasePct\.costUsd — cost rose \+18\.0% .*more than the allowed 10%/);
    expect(r.stdout).toMatch(/✗ llama3-8b-more-tokens\.plan\.yaml: budgets\.maxIncreasePct\.gpuHours — /);
  });

  it('passes the same budget for a change that does not raise cost by more than 10% (exit 0)', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b.plan.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Budgets (flopcast.yml): all rules pass');
  });

  it('writes a PR comment in markdown: marker, summary line, table, broken rules, collapsible details', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', 'llama3-8b-128gpu.plan.yaml', '--format', 'markdown'], { cwd: dir });
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md.startsWith(`${MARKER}\n### flopcast plan check\n`)).toBe(true);
    expect(md).toMatch(/\n\*\*2 plans\*\* compared \(2 modified\) · GPU-hours [\d,]+ → [\d,]+ \(\+\d+\.\d%\) · cost \$[\d,]+ → \$[\d,]+ \(\+\d+\.\d%\) · ❌ 2 budget rules broken\n/);
    expect(md).toContain('| Plan | Status | GPU-hours | Days | Cost (USD) | Peak GiB/GPU | MFU | Fits |');
    expect(md).toMatch(/\| `llama3-8b-more-tokens\.plan\.yaml` \| modified \| [\d,]+ \(\+18\.0%\) \|/);
    expect(md).toContain('- `llama3-8b-more-tokens.plan.yaml`: `budgets.maxIncreasePct.costUsd` — cost rose +18.0%');
    expect(md.match(/<details><summary>/g)).toHaveLength(2);
    expect(md.match(/<\/details>/g)).toHaveLength(2);
  });

  it('prints versioned JSON whose numbers are numbers', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.kind).toBe('flopcast.comparison');
    expect(doc.base).toBe('llama3-8b.plan.yaml');
    const p = doc.plans[0];
    expect(p.status).toBe('modified');
    for (const k of ['gpuHours', 'days', 'costUsd', 'peakGiB', 'mfu']) {
      expect(typeof p.base[k]).toBe('number');
      expect(typeof p.head[k]).toBe('number');
      expect(typeof p.deltas[k].abs).toBe('number');
    }
    expect(typeof p.head.fits).toBe('boolean');
    expect(p.deltas.costUsd.pct).toBeCloseTo(18, 0);
    expect(p.deltas.costUsd.abs).toBeCloseTo(p.head.costUsd - p.base.costUsd, 6);
    expect(doc.budgets.ok).toBe(false);
    expect(doc.budgets.violations.map((v: { rule: string }) => v.rule)).toEqual(['budgets.maxIncreasePct.gpuHours', 'budgets.maxIncreasePct.costUsd']);
    expect(doc.budgets.violations[1].actual).toBeCloseTo(18, 0);
    expectNumbersAreNumbers(doc);
  });

  it('compares several heads against the same base', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', 'llama3-8b-128gpu.plan.yaml', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.plans.map((p: { id: string }) => p.id)).toEqual(['llama3-8b-more-tokens.plan.yaml', 'llama3-8b-128gpu.plan.yaml']);
    expect(doc.plans[0].base).toEqual(doc.plans[1].base);
    // twice the GPUs: the run takes fewer days
    expect(doc.plans[1].deltas.days.abs).toBeLessThan(0);
  });

  it('exits 2 when a head plan is invalid, naming the file and field', async () => {
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'invalid.plan.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid.plan.yaml: invalid plan');
    expect(r.stderr).toMatch(/^ {2}parallelism\.tensor: /m);
  });

  it('exits 2 when only one plan is given or --config does not exist', async () => {
    expect((await runCli(['compare', 'llama3-8b.plan.yaml'])).code).toBe(2);
    const r = await runCli(['compare', 'llama3-8b.plan.yaml', 'llama3-8b.plan.yaml', '--config', 'missing.yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--config missing.yml: no such file');
  });
});
