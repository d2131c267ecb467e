/**
 * Accuracy against the published training runs in ../shared/calibration (issue 3 "Done when").
 * The cases are read from FLOPCAST_SHARED_DIR (or the `shared/` folder beside the repository root). Missing cases:
 * the suite fails under CI and is skipped (with the reason printed) elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCalibration, type CalibrationCase, type CalibrationResult } from '../src/calibration.js';
import { loadCaseFolder, withAssumptions } from './fixtures/case-folder.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.FLOPCAST_SHARED_DIR ?? path.resolve(here, '../../../shared');
const calDir = path.join(sharedDir, 'calibration');

const loadCases = (): CalibrationCase[] => loadCaseFolder(calDir);

function table(r: CalibrationResult): string {
  const lines = r.rows.map(
    (row) =>
      `${row.id.padEnd(50)} ${row.metric.padEnd(34)} ${row.published.toPrecision(5).padStart(11)} ${row.predicted.toPrecision(5).padStart(11)} ${row.errorPct.toFixed(1).padStart(7)}%`,
  );
  const header = `${'case'.padEnd(50)} ${'metric'.padEnd(34)} ${'published'.padStart(11)} ${'predicted'.padStart(11)} ${'error'.padStart(8)}`;
  return [header, ...lines, `median |error| ${r.medianAbsErrorPct.toFixed(1)}%   max |error| ${r.maxAbsErrorPct.toFixed(1)}%   mean signed error ${r.meanErrorPct.toFixed(1)}%`].join('\n');
}

/**
 * Readings of cases in the software stack, hardware or FLOP convention their own sources state (each case's
 * expected.json `source`/`notes`), which the plan format leaves out: the plan assumptions that state the source's
 * stack, the catalog GPU the source's hardware is, and, where the source counts FLOPs differently from the case's
 * metric, the report field in the source's convention.
 * - torchtitan Llama 3.1 8B, eager rows: Grand Teton H100 96 GB HBM2e at a 500 W cap (not the 700 W H100 SXM profile)
 *   running eager elementwise ops and op-level SAC (the `torchtitan` preset, which is also the H100 default stack)
 *   on the `h100-hbm2e-96gb` profile (its memory and 2.4 TB/s; the 500 W clock is not modelled). As the case defines
 *   them (h100-sxm) they are +17% / +21%. The layer model itself holds for that stack on real Hopper silicon
 *   (test/measurements.test.ts).
 * - Megatron-Core Qwen3-235B on H100 (ModelZoo): Megatron-Core with Transformer Engine (cuDNN attention: the
 *   `megatron-core` preset), and TFLOP/s from Megatron-Core's FLOP counter, which since NVIDIA/Megatron-LM 8873b55
 *   (2025-03-06, megatron/training/training.py `num_floating_point_operations`: "Only half of the attention matrix is
 *   non-zero", seq_length / hidden_size / 2) counts causal attention — the engine's `modelTflopsPerGpuCausal`; the
 *   ModelZoo table post-dates it (its notes require TransformerEngine PR 2125, of September 2025). The case metric
 *   `modelTflopsPerGpu` counts full attention, which at 64k context is 1.7× the causal count.
 *   TP2-EP8-PP32 with the plain NCCL all-to-all dispatcher (16 experts per GPU, 512 micro-batches) is also host-bound;
 *   the model charges the measured 47 µs per launch at its own kernel counts (a lower bound) and the `moe-host-bound`
 *   warning flags the plan.
 */
interface LikeForLike {
  /** Plan assumptions that state what the source says (merged over the plan's own). */
  assumptions: Record<string, string>;
  /** The catalog GPU the source's hardware is, where the case's plan maps it to a different profile. */
  gpu?: string;
  /** Report field in the source's FLOP convention, where it differs from the case's metric. */
  metric?: string;
}
/** torchtitan's Dec-2024 eager runs: its stack, on the Grand Teton H100 96 GB HBM2e its benchmark document names. */
const TORCHTITAN_2024: LikeForLike = { assumptions: { framework: 'torchtitan' }, gpu: 'h100-hbm2e-96gb' };
const MEGATRON_CORE_COUNTER: LikeForLike = { assumptions: { framework: 'megatron-core' }, metric: 'throughput.modelTflopsPerGpuCausal' };
const LIKE_FOR_LIKE = new Map<string, LikeForLike>([
  ['torchtitan-8b-8-FSDP', TORCHTITAN_2024],
  ['torchtitan-8b-128-FSDP', TORCHTITAN_2024],
  ['mcore-qwen3-235b-h100-A2A-tp2-ep8-pp32-st24.2', MEGATRON_CORE_COUNTER],
  ['mcore-qwen3-235b-h100-longctx-65536', MEGATRON_CORE_COUNTER],
]);

/**
 * Cases off by more than 25% as the case files define them, with the sign the model errs in (+1: predicts too fast,
 * −1: too slow). Llama 3 405B at 131k context (CP16): attention is 72% of the layer time, and Meta's stack runs it
 * faster than the PyTorch-native runs the H100 default stack (`pytorch-flash`) is measured on. Meta does not name its
 * kernel (with `flash2`, −4%; `flash3`, +23%), so no like-for-like reading is asserted.
 */
const KNOWN_OUTLIERS = new Map<string, { sign: 1 | -1 }>([['llama3-405b-16384-cp16', { sign: -1 }]]);

const available = fs.existsSync(calDir) && fs.readdirSync(calDir).some((f) => f.endsWith('.plan.json'));
if (!available) {
  const reason = `calibration cases not found at ${calDir} (set FLOPCAST_SHARED_DIR)`;
  if (process.env.CI) throw new Error(reason);
  console.warn(`skipping calibration suite: ${reason}`);
}

describe.skipIf(!available)('calibration against published training runs', () => {
  const cases = available ? loadCases() : [];
  const result = available ? runCalibration(cases) : undefined;

  it('prints the calibration table', () => {
    console.log(table(result!));
    expect(result!.rows.length).toBe(cases.length);
  });

  it('median absolute error over all cases is at most 10%', () => {
    expect(result!.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });

  it('DeepSeek-V3 pre-training GPU-hours are within ±10% of the published 2.664M', () => {
    const row = result!.rows.find((r) => r.id === 'deepseek-v3-pretrain')!;
    expect(row.metric).toBe('totals.gpuHours');
    expect(Math.abs(row.errorPct)).toBeLessThanOrEqual(10);
  });

  it('reports every case above the 25% target with its sign (known outliers listed in the report)', () => {
    const outliers = result!.rows.filter((r) => Math.abs(r.errorPct) > 25);
    console.log(`cases above 25%: ${outliers.length}\n${outliers.map((r) => `  ${r.id}: ${r.errorPct.toFixed(1)}%`).join('\n')}`);
    // every predicted value is a finite positive number (no NaN / Infinity leaks into the table)
    for (const r of result!.rows) expect(Number.isFinite(r.predicted) && r.predicted > 0, r.id).toBe(true);
  });

  it('no case outside the known, explained outliers is off by more than 25%, and the known ones err in their stated direction', () => {
    for (const r of result!.rows) {
      const known = KNOWN_OUTLIERS.get(r.id);
      if (known) {
        // the list stays honest: a listed case must still be an outlier, in its stated direction
        expect(Math.abs(r.errorPct), r.id).toBeGreaterThan(25);
        expect(Math.sign(r.errorPct), r.id).toBe(known.sign);
      } else expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(25);
    }
  });

  it('the former outliers whose sources name their stack, hardware and FLOP convention come within 25% read like for like', () => {
    const readable = cases.filter((c) => LIKE_FOR_LIKE.has(c.id));
    expect(readable.length).toBe(4);
    const like = runCalibration(
      readable.map((c) => {
        const l = LIKE_FOR_LIKE.get(c.id)!;
        const stated = withAssumptions(c, l.assumptions);
        const plan = stated.plan as { cluster: Record<string, unknown> };
        return {
          ...stated,
          plan: l.gpu ? { ...plan, cluster: { ...plan.cluster, gpu: l.gpu } } : plan,
          expected: { ...c.expected, metric: l.metric ?? c.expected.metric },
        };
      }),
    );
    console.log(like.rows.map((r) => `  like for like ${r.id} (${r.metric}): ${r.errorPct.toFixed(1)}%`).join('\n'));
    for (const r of like.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(25);
  });

  it('the whole Megatron-Core ModelZoo family is within 25% in its own stack and FLOP convention', () => {
    const family = cases.filter((c) => c.id.startsWith('mcore-qwen3-235b-'));
    expect(family.length).toBe(6);
    const like = runCalibration(
      family.map((c) => ({ ...withAssumptions(c, MEGATRON_CORE_COUNTER.assumptions), expected: { ...c.expected, metric: MEGATRON_CORE_COUNTER.metric! } })),
    );
    for (const r of like.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(25);
    expect(like.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });
});
