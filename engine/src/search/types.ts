/**
 * Capacity search (issue 8): the search spec (input) and the search result (output).
 * The spec is parsed by `parseSearchSpec` (spec.ts); `search()` returns `SearchResult`.
 */
import type { PrecisionId, Recompute, Schedule } from '../plan/types.js';
import type { RecomputeModule } from '../plan/recompute.js';

/** A candidate GPU type and how many of it the search may use. */
export interface SearchCandidate {
  /** GPU profile id (catalog). */
  gpu: string;
  /** Largest GPU count to consider for this GPU type. */
  maxGpus: number;
  /** Smallest GPU count to consider (default 1). */
  minGpus?: number;
  /** Price override; default from the GPU profile. */
  usdPerGpuHour?: number;
  gpusPerNode?: number;
  intraNode?: string;
  interNode?: string;
  nicsPerNode?: number;
}

/** Global batch: one value, a list of values, or a range (see `SearchSpec.training`). */
export type GlobalBatchChoice = number | number[] | { min: number; max: number };

/** Plan fields the user pins. Any field given here is not searched. */
export interface SearchFixed {
  precision?: PrecisionId;
  training?: { microBatchSize?: number };
  parallelism?: {
    tensor?: number;
    pipeline?: number;
    virtualStages?: number;
    context?: number;
    expert?: number;
    expertTensor?: number;
    sequenceParallel?: boolean;
    zero?: 0 | 1 | 2 | 3;
    schedule?: Schedule;
    recompute?: Recompute;
    /** What `selective` recomputes in every candidate (Megatron-Core `--recompute-modules`, plan/recompute.ts). */
    recomputeModules?: RecomputeModule[];
  };
  moe?: { balancing?: 'aux-loss' | 'aux-loss-free' | 'none'; nodeLimit?: number; dispatchPrecision?: 'fp8' | 'bf16' };
  /** Engine assumption overrides, passed to every plan unchanged (plan-format.md `assumptions`). */
  assumptions?: Record<string, number | string>;
}

/** Optional restriction of the value lists the search enumerates (a pinned `fixed` value wins). */
export interface SearchSpace {
  gpus?: number[];
  tensor?: number[];
  pipeline?: number[];
  virtualStages?: number[];
  context?: number[];
  expert?: number[];
  zero?: Array<0 | 1 | 2 | 3>;
  microBatchSize?: number[];
  schedule?: Schedule[];
  recompute?: Recompute[];
  /**
   * Module lists (Megatron-Core `--recompute-modules`, plan/recompute.ts) to try as further `selective` variants beside
   * plain `selective` — e.g. `[["layernorm", "moe"]]` lets an MoE plan fit by re-running its MoE layers.
   */
  recomputeModules?: RecomputeModule[][];
  precision?: PrecisionId[];
}

export interface SearchConstraints {
  /** Upper bound on GPUs for every candidate (in addition to each candidate's maxGpus). */
  maxGpus?: number;
  /** Plans must finish within this many days (wall clock, goodput included). */
  deadlineDays?: number;
  /** Plans must cost at most this many USD. */
  budgetUsd?: number;
  /** Percent of HBM kept free: a plan fits when peak ≤ capacity × (1 − pct/100). Default 0. */
  memoryHeadroomPct?: number;
  /** Allowed pipeline schedules (default: all). */
  schedules?: Schedule[];
}

export interface SearchLimits {
  /** Stop after this many full estimates (the result says `stats.complete: false`). */
  maxEvaluations?: number;
  /** Stop after this many milliseconds (needs the `now` clock option). */
  timeBudgetMs?: number;
}

/** A validated search spec. */
export interface SearchSpec {
  version: 1;
  name?: string;
  /** Catalog preset id or inline architecture (plan-format.md). */
  model: string | Record<string, unknown>;
  training: {
    tokens: number;
    sequenceLength: number;
    /**
     * Sequences per step. A number or a list: exactly those values. A range `{min, max}`: for each
     * configuration, the largest valid batch ≤ max and its successive halvings (rounded down to a valid batch) ≥ min.
     */
    globalBatchSize: GlobalBatchChoice;
  };
  candidates: SearchCandidate[];
  fixed: SearchFixed;
  space: SearchSpace;
  constraints: SearchConstraints;
  limits: SearchLimits;
}

/** The headline numbers of one plan's report. */
export interface PlanSummary {
  gpu: string;
  gpus: number;
  gpuHours: number;
  wallClockDays: number;
  costUsd: number;
  peakGiB: number;
  mfu: number;
  stepSeconds: number;
  tokensPerGpuSecond: number;
}

/** One feasible plan: a complete plan document (valid input to `estimate()`) and its summary. */
export interface SearchEntry {
  plan: Record<string, unknown>;
  summary: PlanSummary;
}

/** Candidates removed before the full estimate, by rule. */
export interface PruneCounts {
  /** Degrees that do not divide (GPUs, heads, layers, experts, batch, micro-batches, schedule rules). */
  divisibility: number;
  /** Weights + gradients + optimizer states alone (no schedule can avoid them) exceed usable HBM. */
  memoryLowerBound: number;
  /** Exact memory model says the plan does not fit (checked before the time model runs). */
  memory: number;
  /** The compute-only time lower bound is strictly dominated by a plan already found. */
  dominated: number;
  /** The cost or time lower bound already breaks the budget or the deadline. */
  constraint: number;
}

export interface SearchStats {
  /** Candidate plans in the space (each one is pruned by exactly one rule, evaluated, or skipped by a limit). */
  generated: number;
  pruned: PruneCounts;
  /** Full estimates run. */
  evaluated: number;
  /** Evaluated plans that fit and meet every constraint. */
  feasible: number;
  /** Candidates not examined because a limit stopped the search. */
  skipped: number;
  /**
   * Work done one by one: node tuples (GPU type × precision × GPU count × TP × PP × CP × EP) checked individually,
   * plus candidate plans that got their own bound. Rejected nodes account for all their candidate plans at once.
   */
  examined: number;
  /** False when `limits` stopped the search early (the frontier may then be incomplete). */
  complete: boolean;
  /** Wall seconds (from the `now` clock; 0 when no clock was given — callers may fill it in). */
  seconds: number;
}

export interface DeadlineResult {
  deadlineDays: number;
  /** Per candidate GPU type: the fewest GPUs with a plan that meets the deadline (and every other constraint). */
  perGpu: Array<{ gpu: string; minGpus: number | null; plan?: SearchEntry }>;
}

export interface SearchResult {
  /** Pareto frontier on (cost, days), feasible plans only, ordered by cost ascending. */
  frontier: SearchEntry[];
  best: { cheapest: SearchEntry | null; fastest: SearchEntry | null; fewestGpus: SearchEntry | null };
  deadline?: DeadlineResult;
  stats: SearchStats;
}

export interface SearchOptions {
  /** Called now and then with candidates done and the total. */
  onProgress?: (done: number, total: number) => void;
  catalog?: import('../catalog/types.js').Catalog;
  /** Clock in milliseconds (e.g. `performance.now`); the engine reads no clock by itself. */
  now?: () => number;
}
