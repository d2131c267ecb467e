/**
 * Held-out validation (engine/validation/README.md): published Megatron-Bridge runs that no catalog number was set
 * from. Dense and DeepSeek-V3 runs must stay within 15%; fine-grained MoE runs with 16 experts per GPU on an eager
 * stack are a known gap (the model is too fast: host time is charged at 47 µs per launch but only at the model's own
 * kernel counts, about half the real launches) and are pinned by sign, so a fix or a regression shows up here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCalibration, type CalibrationCase } from '../src/calibration.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../validation/megatron-bridge');

function loadCases(): CalibrationCase[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.plan.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.plan.json'.length);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, `${id}.expected.json`), 'utf8')) as { metric: string; value: number };
      return { id, plan: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown, expected: { metric: expected.metric, value: expected.value } };
    });
}

/** Qwen3 MoE runs whose GPUs hold 16 (of 128) experts, or whose per-layer GPU work is small: host-bound in practice. */
const KNOWN_HOST_BOUND = new Set([
  'mbridge-25.11-dgx-h100-qwen3-30b-a3b-fp8-cs-16',
  'mbridge-25.11-dgx-h100-qwen3-235b-a22b-fp8-cs-256',
  'mbridge-25.11-dgx-b200-qwen3-30b-a3b-fp8-mx-8',
  'mbridge-25.11-dgx-b200-qwen3-235b-a22b-fp8-mx-64',
  'mbridge-25.11-dgx-gb200-qwen3-30b-a3b-fp8-mx-8',
]);

describe('held-out validation: Megatron-Bridge performance tables (tokens/s per GPU)', () => {
  const cases = loadCases();
  const result = runCalibration(cases);

  it('has the 18 published runs and prints them', () => {
    expect(cases).toHaveLength(18);
    console.log(result.rows.map((r) => `${r.id.padEnd(52)} ${r.published.toFixed(0).padStart(7)} ${r.predicted.toFixed(0).padStart(7)} ${r.errorPct.toFixed(1).padStart(7)}%`).join('\n'));
  });

  it('predicts every dense and DeepSeek-V3 run within 15% and the median within 10%', () => {
    for (const r of result.rows) if (!KNOWN_HOST_BOUND.has(r.id)) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(15);
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });

  it('is too fast, never too slow, on the fine-grained MoE runs it does not charge host overhead for', () => {
    for (const r of result.rows) if (KNOWN_HOST_BOUND.has(r.id)) expect(r.errorPct, r.id).toBeGreaterThan(10);
  });
});
