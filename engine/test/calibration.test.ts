/**
 * Accuracy against the published training runs in ../shared/calibration (issue 3 "Done when").
 * The cases are read from FLOPCAST_SHARED_DIR (or the `shared/` folder beside the repository root). Missing cases:
 * the suite fails under CI and is skipped (with the reason printed) elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCaseReadings, readCaseAsSource, runCalibration, type CalibrationCase, type CalibrationResult } from '../src/calibration.js';
import { loadCaseFolder, withAssumptions } from './fixtures/case-folder.js';
import { estimate } from '../src/index.js';

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
 * Readings of cases in the software stack, hardware or FLOP convention their own sources state, which the plan format
 * leaves out, or in the pipeline layout the source implies where the case assumed another (the three Llama 3 405B
 * cases: one layer per model chunk, virtualStages 8 instead of 2) (engine/validation/calibration-readings.json, each
 * with its source). As the cases define them the two
 * torchtitan eager rows are +17% / +21% (h100-sxm instead of the Grand Teton H100 96 GB HBM2e at 500 W); the
 * Megatron-Core ModelZoo rows count attention in full where Megatron-Core's counter counts it causally (1.7× apart at
 * 64k), and their plans can say only `recompute: selective` where the table lists Megatron-Core's recompute modules
 * (`layernorm, moe` for the long-context rows, `norm, act` for two H100 rows). The TP2-EP8-PP32 A2A case is also host-bound: the model charges the measured 47 µs per launch at its own
 * kernel counts (a lower bound) and the `moe-host-bound` warning flags the plan.
 */
/** The readings (engine/validation/calibration-readings.json), parsed against the case ids so a stale one fails. */
const readingsFile = path.resolve(here, '../validation/calibration-readings.json');
const readingsOf = (cases: CalibrationCase[]) => parseCaseReadings(JSON.parse(fs.readFileSync(readingsFile, 'utf8')), cases.map((c) => c.id));

/**
 * Cases off by more than 25% as the case files define them, with the sign the model errs in (+1: predicts too fast,
 * −1: too slow). Llama 3 405B at 131k context (CP16): the case assumes two virtual pipeline stages, which with 16
 * micro-batches over PP16 leaves a 30% bubble; the paper's own layout (one layer per model chunk, arXiv 2407.21783
 * §3.3.2) is eight, read in engine/validation/calibration-readings.json with the paper's all-gather context
 * parallelism (−21%; −17% with the ring the case plan implies, whose attention kernels run at one 8k KV block each).
 * Attention is 72% of the layer time and Meta names no kernel (with `flash2` at the case's V=2, −7%; `flash3`, +19%),
 * so none is asserted.
 */
const KNOWN_OUTLIERS = new Map<string, { sign: 1 | -1 }>([['llama3-405b-16384-cp16', { sign: -1 }]]);

/**
 * Readings allowed past 25%, each with the sign it errs in and a bound, so a fix or a regression shows. None at engine
 * 0.7.2: the ModelZoo A2A row (the one run with Megatron-Core's NCCL `alltoall` dispatcher, PP32 × VPP3 for 94 layers)
 * was pinned here at +25% (sign +, within 35%) until the dispatcher's second permutation each way was timed
 * (compute/layer.ts: the all-to-all dispatcher sorts the token copies by destination before sending and back after
 * combining, which DeepEP / HybridEP fuse into their kernels); read in its own stack it is now +24%, held to 25% like
 * every other reading.
 */
const READING_GAPS = new Map<string, { sign: 1 | -1; within: number }>();
const withinOrKnownGap = (r: { id: string; errorPct: number }) => {
  const gap = READING_GAPS.get(r.id);
  if (gap) {
    expect(Math.sign(r.errorPct), r.id).toBe(gap.sign);
    expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(gap.within);
  } else expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(25);
};

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

  it('the cases whose sources state their stack, hardware, FLOP convention or pipeline layout come within 25% read that way (but the one pinned gap)', () => {
    const readings = readingsOf(cases);
    expect(readings.map((r) => r.case).sort()).toEqual(
      [
        'llama3-405b-16384-cp1',
        'llama3-405b-16384-cp16',
        'llama3-405b-8192-cp1',
        'mcore-qwen3-235b-gb200-BF16',
        'mcore-qwen3-235b-h100-A2A-tp2-ep8-pp32-st24.2',
        'mcore-qwen3-235b-h100-DeepEP-tp2-ep32-pp8-st19.7',
        'mcore-qwen3-235b-h100-DeepEP-tp4-ep8-pp8-st29.0',
        'mcore-qwen3-235b-h100-longctx-16384',
        'mcore-qwen3-235b-h100-longctx-65536',
        'torchtitan-8b-128-FSDP',
        'torchtitan-8b-8-FSDP',
      ],
    );
    const like = runCalibration(readings.map((r) => readCaseAsSource(cases.find((c) => c.id === r.case)!, r)));
    console.log(like.rows.map((r) => `  like for like ${r.id} (${r.metric}): ${r.errorPct.toFixed(1)}%`).join('\n'));
    for (const r of like.rows) withinOrKnownGap(r);
  });

  it('the long-context ModelZoo runs fit in 80 GB with the recompute modules their table lists, not with selective alone', () => {
    const readings = readingsOf(cases);
    for (const id of ['mcore-qwen3-235b-h100-longctx-16384', 'mcore-qwen3-235b-h100-longctx-65536']) {
      const c = cases.find((x) => x.id === id)!;
      const asDefined = estimate(c.plan);
      const read = estimate(readCaseAsSource(c, readings.find((r) => r.case === id)!).plan);
      // `selective` alone keeps every routed copy's activations: the run that happened would not fit
      expect(asDefined.memory.fits, id).toBe(false);
      // `layernorm, moe` keeps only each MoE layer's input
      expect(read.memory.fits, id).toBe(true);
      expect(read.memory.peakGiB, id).toBeLessThan(0.6 * asDefined.memory.peakGiB);
    }
  });

  it('the whole Megatron-Core ModelZoo family is within 25% in its own stack (the A2A row with its NCCL all-to-all dispatcher) and FLOP convention, median within 10%', () => {
    const family = cases.filter((c) => c.id.startsWith('mcore-qwen3-235b-'));
    expect(family.length).toBe(6);
    const stack = (id: string) => ({ framework: 'megatron-core', ...(id.includes('-A2A-') ? { moeDispatcher: 'alltoall' } : {}) });
    const like = runCalibration(
      family.map((c) => ({ ...withAssumptions(c, stack(c.id)), expected: { ...c.expected, metric: 'throughput.modelTflopsPerGpuCausal' } })),
    );
    for (const r of like.rows) withinOrKnownGap(r);
    expect(like.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });
});
