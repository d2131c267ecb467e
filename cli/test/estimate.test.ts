/** `flopcast estimate` and `flopcast validate` through the real binary. */
import fs, { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { estimate, parsePlanText, stackSensitivity } from '@flopcast/engine';
import { describe, expect, it } from 'vitest';
import { CLI_DIR, fixture, runCli } from './run-cli.js';

const ANSI = /\u001b\[/;

describe('flopcast estimate', () => {
  it('prints the engine Report unchanged as JSON (version 1)', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    const direct = estimate(parsePlanText(readFileSync(fixture('llama3-8b.plan.yaml'), 'utf8'), 'yaml'));
    expect(printed).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(printed.version).toBe(1);
    expect(typeof printed.totals.gpuHours).toBe('number');
    expect(printed.totals.gpuHours).toBeGreaterThan(0);
  });

  it('reads YAML, JSON and stdin to the same report', async () => {
    const yaml = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json']);
    const json = await runCli(['estimate', 'llama3-8b.plan.json', '--format', 'json']);
    const stdin = await runCli(['estimate', '-', '--format', 'json'], { input: readFileSync(fixture('llama3-8b.plan.yaml'), 'utf8') });
    expect(json.stdout).toBe(yaml.stdout);
    expect(stdin.stdout).toBe(yaml.stdout);
  });

  it('prints an aligned terminal table without colour when stdout is not a TTY', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flopcast estimate — llama3-8b-1T');
    expect(r.stdout).toMatch(/GPU-hours\s+[\d,]+/);
    expect(r.stdout).toMatch(/Memory per GPU \(recompute selective, standard scope\): peak [\d.]+ of [\d.]+ GiB/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('prints markdown with a summary line and sections', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### flopcast estimate — llama3-8b-1T\n\n\*\*[\d,]+ GPU-hours\*\* · /);
    expect(r.stdout).toContain('#### Totals');
    expect(r.stdout).toContain('| Stage | Layers |');
  });

  it('shows a batch ramp as its own section, included in the totals', async () => {
    const json = JSON.parse((await runCli(['estimate', 'llama3-8b-ramp.plan.yaml', '--format', 'json'])).stdout);
    const plain = JSON.parse((await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json'])).stdout);
    expect(json.details.batchRamp).toMatchObject({ startBatchSize: 128, tokens: 50e9, increment: 64 });
    expect(json.totals.gpuHours).toBeCloseTo(plain.totals.gpuHours + json.details.batchRamp.extraGpuHours, 3);
    const table = await runCli(['estimate', 'llama3-8b-ramp.plan.yaml']);
    expect(table.stdout).toContain('Batch ramp (training.batchRamp; included in the totals)');
    expect(table.stdout).toMatch(/batch\s+128 → 512 sequences, \+ 64 per stage/);
    expect(table.stdout).toMatch(/tokens\s+50\.0+B in 6 equal stages/);
    expect((await runCli(['estimate', 'llama3-8b.plan.yaml'])).stdout).not.toContain('Batch ramp');
  });

  it('prints the fix a warning carries (the pipeline-bubble advice) in the table and in markdown', async () => {
    // 8 micro-batches over PP8 on 1F1B: a bubble of about half the step
    const plan = readFileSync(fixture('llama3-8b.plan.yaml'), 'utf8').replace('globalBatchSize: 512', 'globalBatchSize: 64').replace('pipeline: 1', 'pipeline: 8');
    const table = await runCli(['estimate', '-'], { input: plan });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/! pipeline-bubble: the pipeline bubble is \d+% of the step \(1f1b, 8 micro-batches over 8 ranks/);
    expect(table.stdout).toMatch(/^ {4}fix: parallelism\.schedule: interleaved-1f1b, parallelism\.virtualStages: \d+$/m);
    const md = await runCli(['estimate', '-', '--format', 'markdown'], { input: plan });
    expect(md.stdout).toMatch(/- `pipeline-bubble`: .* \(fix: `parallelism\.schedule: interleaved-1f1b, parallelism\.virtualStages: \d+`\)/);
  });

  it('prints the recompute setting that fits a plan that does not (memory-fit), a module list in brackets', async () => {
    // Qwen3-235B at 16k context on the Megatron-Core ModelZoo layout, `selective` alone: ~106 GiB per GPU
    const plan = JSON.stringify({
      version: 1,
      model: 'qwen3-235b-a22b',
      training: { tokens: 4.194304e9, sequenceLength: 16384, globalBatchSize: 256 },
      cluster: { gpu: 'h100-sxm', gpus: 256, interNode: 'ib-ndr' },
      parallelism: { tensor: 4, pipeline: 8, virtualStages: 4, expert: 8, sequenceParallel: true, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective' },
      assumptions: { framework: 'megatron-core' },
    });
    const table = await runCli(['estimate', '-'], { input: plan });
    expect(table.stdout).toMatch(/! memory-fit: the plan needs [\d.]+ GiB per GPU, more than the 79\.1 GiB available: recompute selective with recomputeModules layernorm, moe fits/);
    expect(table.stdout).toMatch(/^ {4}fix: parallelism\.recompute: selective, parallelism\.recomputeModules: \[layernorm, moe\]$/m);
    // with the list the memory section says what backward re-runs
    const listed = JSON.parse(plan);
    listed.parallelism.recomputeModules = ['layernorm', 'moe'];
    const fixed = await runCli(['estimate', '-'], { input: JSON.stringify(listed) });
    expect(fixed.stdout).toMatch(/Memory per GPU \(recompute selective: layernorm, moe\): peak 57\.\d of 79\.1 GiB — fits/);
    expect(JSON.parse((await runCli(['estimate', '-', '--format', 'json'], { input: JSON.stringify(listed) })).stdout).details.recompute).toMatchObject({
      mode: 'selective',
      modules: ['layernorm', 'moe'],
      scope: { moeLayer: true, norms: true, coreAttention: false },
    });
  });

  it('includes the pipeline timeline with --timeline', async () => {
    const json = JSON.parse((await runCli(['estimate', 'llama3-8b-pp.plan.yaml', '--format', 'json', '--timeline'])).stdout);
    expect(Array.isArray(json.pipeline.timeline)).toBe(true);
    expect(json.pipeline.timeline.length).toBeGreaterThan(0);
    const table = await runCli(['estimate', 'llama3-8b-pp.plan.yaml', '--timeline']);
    expect(table.stdout).toContain('Pipeline timeline (one step)');
    expect(table.stdout).toMatch(/rank 0 │[FBWX·]+│/);
  });

  it('with --stacks, times the plan under every framework preset and marks the stack of this estimate', async () => {
    const json = JSON.parse((await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json', '--stacks'])).stdout);
    const plan = parsePlanText(readFileSync(fixture('llama3-8b.plan.yaml'), 'utf8'), 'yaml');
    expect(json.stackSensitivity).toEqual(JSON.parse(JSON.stringify(stackSensitivity(plan))));
    expect(json.stackSensitivity).toMatchObject({ framework: 'torchtitan', frameworkFrom: 'gpu-profile' });
    // the report itself is unchanged by the flag
    const { stackSensitivity: _, ...report } = json;
    expect(report).toEqual(JSON.parse(JSON.stringify(estimate(plan))));
    const table = await runCli(['estimate', 'llama3-8b.plan.yaml', '--stacks']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Software stack (assumptions.framework)');
    expect(table.stdout).toMatch(/^ {2}torchtitan ← +pytorch-flash +eager +every-other-matmul .* — /m);
    expect(table.stdout).toMatch(/^ {2}megatron-core +flash3 +fused +core-attention .* -\d+\.\d%/m);
    expect(table.stdout).toContain("← this estimate: torchtitan, the GPU profile's default stack");
    const md = await runCli(['estimate', 'llama3-8b.plan.yaml', '--stacks', '--format', 'markdown']);
    expect(md.stdout).toContain('#### Software stack (assumptions.framework)');
    expect(md.stdout).toContain('| torchtitan ← | pytorch-flash |');
  });

  it('exits 2 and lists every invalid field as "path: message"', async () => {
    const r = await runCli(['estimate', 'invalid.plan.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^flopcast: invalid\.plan\.yaml: invalid plan \(\d+ errors?\)/);
    expect(r.stderr).toMatch(/^ {2}training\.tokens: .+/m);
    expect(r.stderr).toMatch(/^ {2}training\.globalBatchSize: .+/m);
    expect(r.stderr).toMatch(/^ {2}parallelism\.tensor: .+/m);
  });

  it('exits 2 on a YAML syntax error, naming the file and line', async () => {
    const r = await runCli(['estimate', 'syntax-error.plan.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/syntax-error\.plan\.yaml: YAML parse error at line \d+/);
  });

  it('exits 2 when the file does not exist', async () => {
    const r = await runCli(['estimate', 'nope.plan.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.plan.yaml: no such file');
  });

  it('exits 1 when an absolute budget is broken, naming the rule', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--config', 'budget-tiny-gpu-hours.yml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/budgets\.maxGpuHours — GPU-hours [\d,]+ is over the limit of 1,000\n/);
  });

  it('exits 2 with the field named when the budget file is invalid', async () => {
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--config', 'budget-invalid.yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('budget-invalid.yml: invalid budget config: budgets.maxCostUsd: must be a non-negative number');
    expect(r.stderr).toContain('budgets.maxIncreasePct.dollars: unknown key');
  });

  it('exits 3 with a one-line message when the API cannot be reached, and shows the stack with --debug', async () => {
    // A loopback port that was just free: nothing listens there, so the connection is refused.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const r = await runCli(['estimate', 'llama3-8b.plan.yaml', '--api', url]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`flopcast: internal error: cannot reach the flopcast API at ${url}/v1/estimate: ECONNREFUSED\n(run again with --debug for the stack trace)\n`);
    const d = await runCli(['estimate', 'llama3-8b.plan.yaml', '--api', url, '--debug']);
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(/\n\s+at .+api-client\.js/);
  });
});

describe('flopcast validate', () => {
  it('accepts every example plan in the repository (examples/*.plan.yaml)', async () => {
    const dir = path.resolve(CLI_DIR, '..', 'examples');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.plan.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = await runCli(['validate', f], { cwd: dir });
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
    }
  });

  it('prints OK for a valid plan', async () => {
    const r = await runCli(['validate', 'llama3-8b.plan.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: llama3-8b\.plan\.yaml is a valid plan \("llama3-8b-1T"\)/);
  });

  it('exits 2 and prints every field error', async () => {
    const r = await runCli(['validate', 'invalid.plan.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}training\.tokens: /m);
    expect(r.stderr).toMatch(/^ {2}training\.globalBatchSize: /m);
    expect(r.stderr).toMatch(/^ {2}parallelism\.tensor: /m);
  });

  it('answers in JSON with --format json', async () => {
    const r = await runCli(['validate', 'invalid.plan.yaml', '--format', 'json']);
    expect(r.code).toBe(2);
    const body = JSON.parse(r.stdout);
    expect(body.version).toBe(1);
    expect(body.ok).toBe(false);
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['training.tokens', 'training.globalBatchSize', 'parallelism.tensor']);
  });
});
