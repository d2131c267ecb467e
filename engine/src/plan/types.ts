/**
 * The resolved plan: what the engine's models consume after the plan document
 * (plan-format.md) has been parsed, defaulted, presets expanded and validated.
 * Split as model / cluster / plan (parallelism, training, precision) / assumptions, as Calculon does.
 */
import type { GpuProfile, LinkProfile, ModelArch } from '../catalog/types.js';
import type { PrecisionRecipe } from '../precision/types.js';
import type { Assumptions } from './assumptions.js';
import type { RecomputeModule } from './recompute.js';

export type Schedule = 'gpipe' | '1f1b' | 'interleaved-1f1b' | 'zb1p' | 'dualpipe' | 'dualpipev';
export type Recompute = 'none' | 'selective' | 'full';
export type PrecisionId = 'bf16' | 'fp8' | 'fp8-tensorwise';
export type Balancing = 'aux-loss' | 'aux-loss-free' | 'none';

export interface TrainingSpec {
  tokens: number;
  sequenceLength: number;
  /** Sequences per optimizer step. */
  globalBatchSize: number;
  /** Sequences per micro-batch per data-parallel rank. */
  microBatchSize: number;
  /** Batch-size ramp at the start of training (step/ramp.ts); absent = the full batch from the first step. */
  batchRamp?: BatchRamp;
}

/**
 * A linear batch-size ramp as Megatron-LM runs it (`--rampup-batch-size START INCREMENT SAMPLES`): the batch starts at
 * `startBatchSize` sequences and grows by `increment` sequences in equal shares of the first `tokens` training tokens
 * until it reaches `globalBatchSize`.
 */
export interface BatchRamp {
  startBatchSize: number;
  /** Training tokens the ramp spans. */
  tokens: number;
  /** Sequences added at each increase (default: the smallest multiple of the layout's step giving at most 64 stages). */
  increment: number;
}

export interface ClusterSpec {
  gpu: GpuProfile;
  gpus: number;
  gpusPerNode: number;
  intraNode: LinkProfile;
  interNode: LinkProfile;
  nicsPerNode: number;
  /** gpus / gpusPerNode, rounded up. */
  nodes: number;
}

export interface ParallelismSpec {
  tensor: number;
  pipeline: number;
  /** Model chunks per pipeline rank (2 for dualpipe/dualpipev). */
  virtualStages: number;
  context: number;
  expert: number;
  expertTensor: number;
  /** gpus / (tensor * pipeline * context). */
  data: number;
  /** Data-parallel degree of expert weights: data * context * tensor / (expert * expertTensor). */
  expertData: number;
  sequenceParallel: boolean;
  zero: 0 | 1 | 2 | 3;
  schedule: Schedule;
  recompute: Recompute;
  /**
   * What `selective` recomputes, as Megatron-Core's `--recompute-modules` names it (plan/recompute.ts); absent = the
   * standard scope. Only with `recompute: selective`.
   */
  recomputeModules?: RecomputeModule[];
  /**
   * Explicit split of the model over pipeline chunks in Megatron-Core's `--pipeline-model-parallel-layout` notation
   * (plan/pipeline-layout.ts); absent = `assumptions.layerSplit`.
   */
  pipelineLayout?: string;
  /**
   * Layers whose saved activations go to host memory during forward and come back in backward (Megatron-Core
   * `--cpu-offloading-num-layers`, activations only; step/stages.ts times the copies, memory/report.ts drops them).
   */
  cpuOffloadLayers?: number;
  /** Micro-batches per pipeline per optimizer step: globalBatchSize / (data * microBatchSize). */
  microBatches: number;
}

export interface MoeTrainingSpec {
  balancing: Balancing;
  /** Max nodes a token is dispatched to; 0 = unlimited. */
  nodeLimit: number;
  dispatchPrecision: 'fp8' | 'bf16';
}

/** A fully resolved, validated plan. */
export interface ResolvedPlan {
  version: 1;
  name: string;
  /** Catalog id when the model came from a preset. */
  modelId?: string;
  model: ModelArch;
  training: TrainingSpec;
  cluster: ClusterSpec;
  parallelism: ParallelismSpec;
  precision: PrecisionId;
  recipe: PrecisionRecipe;
  /** Present iff the model is MoE. */
  moe?: MoeTrainingSpec;
  assumptions: Assumptions;
  /** The assumptions the plan set itself; the others are its GPU profile's stack (`defaultFramework`) or the defaults. */
  statedAssumptions: Array<keyof Assumptions>;
  pricing: { usdPerGpuHour: number };
}
