/**
 * Whole-run totals of a plan from its step time (documented assumptions; a plan's `assumptions:` may override):
 * - steps = ⌈tokens / (global batch × sequence length)⌉, plus the steps of a batch-size ramp when the plan gives one
 *   (`training.batchRamp`, step/ramp.ts): its tokens run at smaller batches, each stage timed by the pipeline
 *   simulation at its own micro-batch count; `details.batchRamp` reports its stages and the GPU-hours it adds.
 * - GPU-hours = productive seconds (steps × step seconds) × GPUs / goodput. Goodput (effective training time)
 *   defaults to 0.9: Llama 3 reports > 90% effective training time (arXiv 2407.21783 §3.3.4), MegaScale > 90% ETTR
 *   (arXiv 2402.15627 §6.3). It stands for restarts after failures, checkpointing and evaluation, which a step model
 *   does not see.
 * - wall-clock days = productive seconds / goodput / 86,400.
 * - cost = GPU-hours × price per GPU-hour (plan `pricing` or the GPU profile's dated snapshot; estimate.ts).
 * - energy (MWh) = GPU-hours × TDP × powerFractionOfTdp × PUE / 10^6 (average draw during training as a fraction of
 *   TDP, data-centre PUE; both named assumptions).
 */
import type { BatchRamp, ResolvedPlan } from '../plan/types.js';
import { rampTotals, type RampStage } from './ramp.js';
import type { StageModel } from './stages.js';
import { simulateStep } from './step.js';

/** `details.batchRamp`: the ramp as the plan gives it, its stages, and what it adds to the run. */
export interface BatchRampDetail extends BatchRamp {
  stages: RampStage[];
  steps: number;
  productiveSeconds: number;
  /** GPU-hours over the same run without a ramp (every token at the full batch): the difference the totals show. */
  extraGpuHours: number;
}

export interface RunTotals {
  steps: number;
  productiveSeconds: number;
  wallSeconds: number;
  gpuHours: number;
  energyMWh: number;
  batchRamp: BatchRampDetail | null;
}

/** Totals of the whole run for a plan whose full-batch step takes `stepSeconds` on stage model `sm`. */
export function runTotals(plan: ResolvedPlan, sm: StageModel, stepSeconds: number): RunTotals {
  const t = plan.training;
  const a = plan.assumptions;
  const gpus = plan.cluster.gpus;
  const tokensPerStep = t.globalBatchSize * t.sequenceLength;
  const hours = (productive: number) => ((productive / a.goodput) * gpus) / 3600;
  // A batch ramp runs its tokens at smaller batches, each stage's step simulated at its own micro-batch count on the
  // same stage model (per-layer costs do not depend on the batch); the rest of the run is at the full batch.
  const ramp = t.batchRamp
    ? rampTotals(t.batchRamp, t, (b) => {
        const microBatches = b / (plan.parallelism.data * t.microBatchSize);
        const variant: ResolvedPlan = { ...plan, training: { ...t, globalBatchSize: b }, parallelism: { ...plan.parallelism, microBatches } };
        const s = simulateStep(variant, sm).seconds;
        if (!Number.isFinite(s)) throw new Error(`internal: ramp step seconds is not finite (${s})`);
        return s;
      })
    : undefined;
  const fullSteps = Math.ceil((t.tokens - (t.batchRamp?.tokens ?? 0)) / tokensPerStep);
  const steps = fullSteps + (ramp?.steps ?? 0);
  const productiveSeconds = fullSteps * stepSeconds + (ramp?.seconds ?? 0);
  const wallSeconds = productiveSeconds / a.goodput;
  const gpuHours = hours(productiveSeconds);
  const energyMWh = (gpuHours * plan.cluster.gpu.tdpWatts * a.powerFractionOfTdp * a.pue) / 1e6;
  const batchRamp =
    ramp && t.batchRamp
      ? {
          ...t.batchRamp,
          stages: ramp.stages,
          steps: ramp.steps,
          productiveSeconds: ramp.seconds,
          extraGpuHours: gpuHours - hours(Math.ceil(t.tokens / tokensPerStep) * stepSeconds),
        }
      : null;
  return { steps, productiveSeconds, wallSeconds, gpuHours, energyMWh, batchRamp };
}
