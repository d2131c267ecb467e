/**
 * One decoder layer on its own: a plan whose per-layer report is that layer, and the engine's cost for it. For
 * comparing the layer model with a layer timed on real hardware (engine/measurements: the tests and the dashboard's
 * accuracy page use it) or for asking what a single layer costs.
 */
import { estimate, type EstimateOptions } from '../estimate.js';

/** The shape of one decoder layer and how it runs. */
export interface SingleLayerSpec {
  label: string;
  /** Catalog GPU id (default h200-sxm). */
  gpu?: string;
  hidden: number;
  heads: number;
  kvHeads: number;
  /** Default 128. */
  headDim?: number;
  /** FFN width of the layer (per tensor-parallel rank when `tensor` > 1). */
  ffn: number;
  activation?: 'swiglu' | 'gelu';
  seq: number;
  microBatch: number;
  /** Tensor-parallel degree: heads, KV heads and FFN above are one rank's share (default 1). */
  tensor?: number;
  recompute?: 'none' | 'selective' | 'full';
  /** Plan precision recipe (default bf16). */
  precision?: string;
  /** A MoE layer: all routed experts on this GPU (expert parallel 1). */
  moe?: { experts: number; topK: number; expertFfn: number };
  assumptions?: Record<string, string | number>;
}

/** A two-layer plan on one GPU (or one TP group) whose per-layer report is the given layer. */
export function singleLayerPlan(l: SingleLayerSpec): Record<string, unknown> {
  const tp = l.tensor ?? 1;
  return {
    version: 1,
    name: l.label,
    model: {
      name: l.label,
      layers: 2,
      hiddenSize: l.hidden,
      vocabSize: 32000,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: l.heads * tp, kvHeads: l.kvHeads * tp, headDim: l.headDim ?? 128 },
      ffn: { activation: l.activation ?? 'swiglu', intermediateSize: l.ffn * tp },
      ...(l.moe ? { moe: { denseLayers: 0, routedExperts: l.moe.experts, sharedExperts: 0, expertIntermediateSize: l.moe.expertFfn, topK: l.moe.topK } } : {}),
    },
    training: { tokens: 1e9, sequenceLength: l.seq, globalBatchSize: l.microBatch, microBatchSize: l.microBatch },
    cluster: { gpu: l.gpu ?? 'h200-sxm', gpus: tp, gpusPerNode: 8, intraNode: 'nvswitch-h100' },
    parallelism: { tensor: tp, pipeline: 1, data: 1, expert: 1, sequenceParallel: false, zero: 0, schedule: '1f1b', recompute: l.recompute ?? 'none' },
    precision: l.precision ?? 'bf16',
    ...(l.moe ? { moe: { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' } } : {}),
    ...(l.assumptions ? { assumptions: l.assumptions } : {}),
  };
}

/** The engine's forward + backward cost of one such layer, in milliseconds (GEMM and attention parts too). */
export interface SingleLayerCost {
  stepMs: number;
  gemmMs: number;
  attentionMs: number;
  memoryBoundMs: number;
}

/** Estimate `singleLayerPlan(l)` and read its dense (or MoE) layer. Throws PlanValidationError on a bad spec. */
export function singleLayerCost(l: SingleLayerSpec, opts: EstimateOptions = {}): SingleLayerCost {
  const per = estimate(singleLayerPlan(l), opts).details?.perLayer as Record<string, Record<string, number> | null> | undefined;
  const c = (l.moe ? per?.moe : per?.dense) ?? undefined;
  if (!c) throw new Error(`internal: no per-layer cost for ${l.label}`);
  return {
    stepMs: (c.forwardSeconds! + c.backwardInputSeconds! + c.backwardWeightSeconds!) * 1e3,
    gemmMs: c.gemmSeconds! * 1e3,
    attentionMs: c.attentionSeconds! * 1e3,
    memoryBoundMs: c.memoryBoundSeconds! * 1e3,
  };
}
