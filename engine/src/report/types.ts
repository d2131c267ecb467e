/**
 * The estimate report (plan-format.md "Report"). Field names are normative; extra fields may be added.
 * All numbers are finite. Memory in GiB (2^30 B), time in seconds, money in USD.
 */
import type { Schedule } from '../plan/types.js';

export interface FlopsPerToken {
  /** Model FLOPs per token, forward pass, attention scores included (causal convention documented in model/flops.ts). */
  forward: number;
  /** Forward + backward, no recompute (model FLOPs). */
  training: number;
  /** Training FLOPs including recomputation for the plan's recompute mode (hardware FLOPs). */
  hardware: number;
  /**
   * `training` with the attention scores counted for a causal mask ((s+1)/2s of the full count): the convention of
   * Megatron-Core's FLOP counter since 2025 and of the Megatron-Bridge / NeMo "Model TFLOP/s" tables.
   */
  trainingCausal: number;
  /** Per-component forward FLOPs per token. */
  byComponent: Record<string, number>;
}

export interface ModelReport {
  name: string;
  totalParams: number;
  activeParams: number;
  mtpParams: number;
  /** Breakdown of parameters by component (embedding, attention, denseFfn, routedExperts, sharedExperts, router, norms, head). */
  paramsByComponent: Record<string, number>;
  flopsPerToken: FlopsPerToken;
}

export interface StageMemory {
  stage: number;
  /** Layers held by this pipeline rank (all its virtual chunks). */
  layers: number;
  paramsGiB: number;
  gradientsGiB: number;
  optimizerGiB: number;
  activationsGiB: number;
  otherGiB: number;
  totalGiB: number;
  /** In-flight micro-batches whose activations are held at peak. */
  inFlightMicroBatches: number;
}

export interface MemoryReport {
  capacityGiB: number;
  peakGiB: number;
  fits: boolean;
  stages: StageMemory[];
}

export type CommKind = 'tp' | 'dp' | 'pp' | 'ep-dispatch' | 'ep-combine' | 'cp' | 'offload';

export interface CommReport {
  kind: CommKind;
  bytesPerStep: number;
  seconds: number;
  exposedSeconds: number;
}

export interface StepBreakdown {
  compute: number;
  exposedCommunication: number;
  bubble: number;
  optimizer: number;
  [cause: string]: number;
}

export interface TimelineOp {
  rank: number;
  /** F forward, B backward-for-input (or full backward), W weight-gradient, FB overlapped forward+backward pair. */
  op: 'F' | 'B' | 'W' | 'FB';
  microBatch: number;
  /** Model chunk (virtual stage / DualPipe direction). */
  chunk: number;
  start: number;
  end: number;
  /** FB only: the backward half's micro-batch and chunk. */
  microBatch2?: number;
  chunk2?: number;
}

export interface PipelineReport {
  schedule: Schedule;
  bubbleFraction: number;
  bubbleSeconds: number;
  /** Peak in-flight micro-batch activations per rank. */
  inFlight: number[];
  /** Present when requested (timeline option). */
  timeline?: TimelineOp[];
}

export interface Totals {
  tokens: number;
  steps: number;
  gpuHours: number;
  wallClockDays: number;
  costUsd: number;
  energyMWh: number;
}

export interface Warning {
  code: string;
  message: string;
  /** A change to the plan that addresses it, already estimated by the engine (e.g. the `pipeline-bubble` advice). */
  fix?: PlanChange[];
}

/** One plan field to set: a dotted path of the plan document and its new value; `null` removes the field. */
export interface PlanChange {
  path: string;
  value: string | number | boolean | string[] | null;
}

/**
 * A warning's fix as plan settings: "parallelism.schedule: interleaved-1f1b, parallelism.virtualStages: 8";
 * lists as "[layernorm, moe]", a removed field as "(remove)".
 */
export function describePlanChanges(fix: readonly PlanChange[]): string {
  const show = (v: PlanChange['value']) => (v === null ? '(remove)' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  return fix.map((c) => `${c.path}: ${show(c.value)}`).join(', ');
}

export interface Report {
  version: 1;
  engineVersion: string;
  plan: { name: string };
  model: ModelReport;
  step: { seconds: number; breakdown: StepBreakdown; tokens: number };
  throughput: {
    tokensPerSecond: number;
    tokensPerGpuSecond: number;
    modelTflopsPerGpu: number;
    /** `modelTflopsPerGpu` in the causal-attention convention (`model.flopsPerToken.trainingCausal`). */
    modelTflopsPerGpuCausal: number;
    hardwareTflopsPerGpu: number;
    mfu: number;
    mfuBf16: number;
  };
  memory: MemoryReport;
  pipeline: PipelineReport;
  communication: CommReport[];
  totals: Totals;
  warnings: Warning[];
  /** Engine-specific detail (MoE balance used, per-layer times, goodput, ...). */
  details?: Record<string, unknown>;
}
