/**
 * Batch-size ramp: the whole-run cost of starting training with smaller batches.
 *
 * Ramp as Megatron-LM runs it (`--rampup-batch-size START INCREMENT SAMPLES`, megatron/core/num_microbatches_calculator.py
 * RampupBatchsizeNumMicroBatchesCalculator): the batch starts at START and grows by INCREMENT sequences each time
 * another SAMPLES / ((GLOBAL − START) / INCREMENT) samples have been consumed, so the ramp's n = (GLOBAL − START) /
 * INCREMENT stages each take an equal share of its tokens. Published runs that ramp: GPT-3 (arXiv 2005.14165 App. B,
 * linearly over the first 4-12B tokens), BLOOM (192 → 2048 sequences in steps of 16; shared/calibration bloom-176b
 * notes), DeepSeek-V2 (2304 → 9216 over the first 225B tokens) and DeepSeek-V3 (3072 → 15360 over the first 469B
 * tokens, arXiv 2412.19437 §4.2; shared/deepseek-v3-and-hardware.md §2.2).
 *
 * A smaller batch has fewer micro-batches per data-parallel rank, so the pipeline bubble and the per-step
 * gradient/parameter communication and optimizer update are spread over fewer tokens: each stage's step is timed by
 * the same pipeline simulation at that batch. With more than `MAX_TIMED` stages, `MAX_TIMED` evenly spaced stages are
 * simulated and the others interpolated linearly in the batch size (a pipeline step is affine in its micro-batch
 * count once it exceeds the pipeline depth: (m + PP − 1)·(F + B) for 1F1B [derived]).
 */
import type { BatchRamp } from '../plan/types.js';

/** Most ramp stages timed by a full pipeline simulation; the rest are interpolated. */
export const MAX_TIMED = 16;

export interface RampStage {
  globalBatchSize: number;
  tokens: number;
  steps: number;
  stepSeconds: number;
  /** false: step time interpolated between simulated stages. */
  simulated: boolean;
}

export interface RampTotals {
  stages: RampStage[];
  /** Steps and productive seconds of the ramp (before goodput). */
  steps: number;
  seconds: number;
}

/**
 * The ramp's stage batch sizes, smallest first: START, START + INCREMENT, … while below GLOBAL (a default increment
 * that does not divide the ramp leaves a last, partial step up to GLOBAL).
 */
export function rampBatchSizes(ramp: BatchRamp, globalBatchSize: number): number[] {
  const n = Math.ceil((globalBatchSize - ramp.startBatchSize) / ramp.increment);
  return Array.from({ length: n }, (_, j) => ramp.startBatchSize + j * ramp.increment);
}

/** Steps and seconds of the ramp. `stepSeconds(b)` times one step at batch b (the caller's pipeline simulation). */
export function rampTotals(
  ramp: BatchRamp,
  training: { globalBatchSize: number; sequenceLength: number },
  stepSeconds: (globalBatchSize: number) => number,
): RampTotals {
  const sizes = rampBatchSizes(ramp, training.globalBatchSize);
  const n = sizes.length;
  const timedIdx = new Set<number>();
  if (n <= MAX_TIMED) sizes.forEach((_, j) => timedIdx.add(j));
  else for (let k = 0; k < MAX_TIMED; k++) timedIdx.add(Math.round((k * (n - 1)) / (MAX_TIMED - 1)));
  const timed = [...timedIdx].sort((x, y) => x - y).map((j) => ({ j, b: sizes[j]!, t: stepSeconds(sizes[j]!) }));
  const at = (j: number): number => {
    const hit = timed.find((p) => p.j === j);
    if (hit) return hit.t;
    const hi = timed.findIndex((p) => p.j > j);
    const a = timed[hi - 1]!;
    const b = timed[hi]!;
    return a.t + ((b.t - a.t) * (sizes[j]! - a.b)) / (b.b - a.b);
  };
  const share = ramp.tokens / n;
  const stages = sizes.map((b, j) => {
    const steps = Math.ceil(share / (b * training.sequenceLength));
    return { globalBatchSize: b, tokens: share, steps, stepSeconds: at(j), simulated: timedIdx.has(j) };
  });
  return {
    stages,
    steps: stages.reduce((s, x) => s + x.steps, 0),
    seconds: stages.reduce((s, x) => s + x.steps * x.stepSeconds, 0),
  };
}
