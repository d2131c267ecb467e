/**
 * Explore page helpers: build the search spec (issue 8 shape) from the form, and shape the frontier for the chart.
 */
import type { PlanSummary, PrecisionId } from '@flopcast/engine';

export interface SearchForm {
  model: string;
  tokens: number;
  sequenceLength: number;
  globalBatchSize: number;
  /** GPU id → max GPUs (only ticked GPUs are present). */
  candidates: Array<{ gpu: string; maxGpus: number; usdPerGpuHour?: number | undefined }>;
  precision?: PrecisionId | undefined;
  /** assumptions.framework for every candidate; absent: each GPU's default stack. */
  framework?: string | undefined;
  maxGpus?: number | undefined;
  deadlineDays?: number | undefined;
  budgetUsd?: number | undefined;
  memoryHeadroomPct?: number | undefined;
  /**
   * MoE models: also try selective recomputation that re-runs whole MoE layers (Megatron-Core `--recompute-modules
   * layernorm moe`, the engine's `space.recomputeModules`), which fits layouts `selective` alone does not.
   */
  moeLayerRecompute?: boolean | undefined;
}

/** The module list the explore page offers as a further selective variant for MoE models. */
export const MOE_LAYER_RECOMPUTE = ['layernorm', 'moe'] as const;

/** The part of the engine's per-plan search summary the explore page reads. */
export type FrontierSummary = Pick<PlanSummary, 'gpu' | 'gpus' | 'gpuHours' | 'wallClockDays' | 'costUsd' | 'peakGiB' | 'mfu'>;
export interface FrontierEntry {
  plan: Record<string, unknown>;
  summary: FrontierSummary;
}
export interface SearchOutput {
  frontier: FrontierEntry[];
  best?: { cheapest?: FrontierEntry | null; fastest?: FrontierEntry | null; fewestGpus?: FrontierEntry | null };
  stats?: { generated?: number; evaluated?: number; feasible?: number; pruned?: Record<string, number>; seconds?: number; complete?: boolean };
}

/** The search spec for POST /v1/search and the engine's `search`. Optional constraints are left out when empty. */
export function buildSearchSpec(f: SearchForm): Record<string, unknown> {
  const constraints: Record<string, number> = {};
  if (f.maxGpus !== undefined) constraints.maxGpus = f.maxGpus;
  if (f.deadlineDays !== undefined) constraints.deadlineDays = f.deadlineDays;
  if (f.budgetUsd !== undefined) constraints.budgetUsd = f.budgetUsd;
  if (f.memoryHeadroomPct !== undefined) constraints.memoryHeadroomPct = f.memoryHeadroomPct;
  return {
    version: 1,
    model: f.model,
    training: { tokens: f.tokens, sequenceLength: f.sequenceLength, globalBatchSize: f.globalBatchSize },
    candidates: f.candidates.map((c) => (c.usdPerGpuHour !== undefined ? { gpu: c.gpu, maxGpus: c.maxGpus, usdPerGpuHour: c.usdPerGpuHour } : { gpu: c.gpu, maxGpus: c.maxGpus })),
    fixed: { ...(f.precision ? { precision: f.precision } : {}), ...(f.framework ? { assumptions: { framework: f.framework } } : {}) },
    ...(f.moeLayerRecompute ? { space: { recomputeModules: [[...MOE_LAYER_RECOMPUTE]] } } : {}),
    constraints,
  };
}

export interface ScatterPoint {
  index: number;
  costUsd: number;
  wallClockDays: number;
  gpus: number;
  gpu: string;
  label: string;
  best: string[];
}

/** One scatter point per frontier plan, tagged with the objectives it is best at. */
export function frontierPoints(out: SearchOutput): ScatterPoint[] {
  const tag = (e: FrontierEntry): string[] => {
    const tags: string[] = [];
    const same = (x?: FrontierEntry | null) => x && x.summary.costUsd === e.summary.costUsd && x.summary.wallClockDays === e.summary.wallClockDays && x.summary.gpus === e.summary.gpus;
    if (same(out.best?.cheapest)) tags.push('cheapest');
    if (same(out.best?.fastest)) tags.push('fastest');
    if (same(out.best?.fewestGpus)) tags.push('fewest GPUs');
    return tags;
  };
  return out.frontier.map((e, index) => ({
    index,
    costUsd: e.summary.costUsd,
    wallClockDays: e.summary.wallClockDays,
    gpus: e.summary.gpus,
    gpu: e.summary.gpu,
    label: `${e.summary.gpus} × ${e.summary.gpu}`,
    best: tag(e),
  }));
}

/** "selective (layernorm, moe)" — a frontier plan's recomputation as the explore table shows it. */
export function recomputeLabel(par: Record<string, unknown>): string {
  const mode = typeof par.recompute === 'string' ? par.recompute : 'none';
  return Array.isArray(par.recomputeModules) ? `${mode} (${par.recomputeModules.join(', ')})` : mode;
}
