/**
 * `assumptions.epA2aOverlap: combined-1f1b` — Megatron-Core's expert-parallel all-to-all overlap across micro-batches
 * (`--overlap-moe-expert-parallel-comm`, megatron/core/pipeline_parallel/combined_1f1b.py): where it applies and what
 * it changes. The pipeline orders pair the steady-state F and B (pipeline/orders.ts `pairFB`); the stage model times
 * each pair's layers node by node on two streams (step/combined-1f1b.ts, step/stages.ts).
 */
import type { ResolvedPlan, Schedule } from './types.js';

/**
 * Whether a layout's steady-state forward and backward steps can run as pairs: a single pipeline stage, or the
 * interleaved schedule with virtual stages (Megatron-Core requires them when pipelining). DualPipe is never one: it
 * pairs its chunks by design.
 */
export function pairableLayout(schedule: Schedule, pipeline: number, virtualStages: number): boolean {
  if (schedule === 'dualpipe' || schedule === 'dualpipev') return false;
  return pipeline === 1 || (schedule === 'interleaved-1f1b' && virtualStages > 1);
}

/**
 * Why `combined-1f1b` cannot apply to a plan's layout (Megatron-Core's own checks, transformer_config.py:
 * "virtual_pipeline_model_parallel_size must be specified when pipeline_model_parallel_size > 1", "only supported with
 * expert model parallelism", "disable full recomputation", "disable moe in recompute_modules"), or undefined when it
 * can. DualPipe schedules pair forward and backward chunks already.
 */
export function combinedOneFOneBMismatch(plan: Pick<ResolvedPlan, 'parallelism' | 'model'>): string | undefined {
  const p = plan.parallelism;
  if (p.schedule === 'dualpipe' || p.schedule === 'dualpipev') return `${p.schedule} overlaps forward and backward chunks already; combined-1f1b applies to interleaved-1f1b or a single pipeline stage`;
  if (!pairableLayout(p.schedule, p.pipeline, p.virtualStages)) {
    return `with pipeline ${p.pipeline} it needs schedule interleaved-1f1b with virtualStages > 1 (Megatron-Core requires virtual pipeline stages), got ${p.schedule} with virtualStages ${p.virtualStages}`;
  }
  if (!plan.model.moe || p.expert <= 1) return 'it overlaps the expert-parallel all-to-all, so it needs parallelism.expert > 1';
  if (p.recompute === 'full') return 'Megatron-Core does not combine it with full recomputation (recompute: full)';
  if (p.recomputeModules?.includes('moe')) return 'Megatron-Core does not combine it with the moe recompute module';
  return undefined;
}

/**
 * Whether the plan's steady-state forward and backward steps run as overlapped pairs: the assumption is set and the
 * layout is one it applies to. A plan that states it for another layout runs without the pairs and is warned
 * (`ep-overlap-not-applied`, plan/validate.ts), as a search candidate inheriting the stack's assumptions does.
 */
export function combinedOneFOneB(plan: Pick<ResolvedPlan, 'assumptions' | 'parallelism' | 'model'>): boolean {
  return plan.assumptions.epA2aOverlap === 'combined-1f1b' && combinedOneFOneBMismatch(plan) === undefined;
}
