import type { GemmPrecision } from '../catalog/types.js';

/** Classes of tensors whose storage precision a recipe decides. */
export type TensorClass =
  | 'masterWeights'
  | 'modelWeights'
  | 'gradients'
  | 'optimizerMoment1'
  | 'optimizerMoment2'
  | 'linearActivationCache'
  | 'otherActivations'
  | 'dispatch'
  | 'combine'
  | 'tpCommunication'
  | 'dpGradientCommunication';

/** Classes of GEMMs whose compute precision a recipe decides. */
export type GemmClass = 'linear' | 'expert' | 'attentionCore' | 'embedding' | 'head' | 'router';

/**
 * A precision recipe is data: bytes per element of each tensor class, and the precision
 * each GEMM class runs at, plus the memory-bound overhead of quantisation passes.
 */
export interface PrecisionRecipe {
  id: 'bf16' | 'fp8' | 'fp8-tensorwise';
  description: string;
  bytes: Record<TensorClass, number>;
  gemm: Record<GemmClass, GemmPrecision>;
  /** Extra HBM bytes moved per element of a linear-layer input/weight for casts and scaling (read BF16 + write FP8 …). */
  quantisationBytesPerElement: number;
  /** Scaling granularity (for documentation and scale-tensor memory). */
  scaling: { activation: string; weight: string; accumulationPromotionElements?: number };
  /** The SwiGLU output (input of the down projection) is recomputed in backward instead of cached (DeepSeek-V3 §3.3.3). */
  recomputeSwigluOutput?: boolean;
  source: string;
}
