/**
 * Precision recipes as data: bytes per element of each tensor class and the precision each GEMM class runs at.
 * Consumers (memory, time and communication models) look these tables up; no precision `if`s elsewhere.
 */
import type { PrecisionId } from '../plan/types.js';
import type { PrecisionRecipe } from './types.js';

/** FP32 scale per 1x128 activation tile: 4 bytes / 128 elements (DeepSeek-V3 §3.3.2; DeepGEMM: FP32 scales on SM90). */
const TILE_SCALE_BYTES = 4 / 128;

/**
 * BF16 mixed precision as in Megatron-LM: BF16 weights and activations, FP32 main gradients (gradient accumulation
 * buffer) and FP32 master weights + Adam moments — 2 + 4 + 12 = 18 bytes/parameter, the count Megatron-LM's
 * `theoretical_memory_usage.py` uses without the distributed optimizer (6 + 12/DP with it).
 */
const BF16: PrecisionRecipe = {
  id: 'bf16',
  description: 'BF16 mixed precision: BF16 weights/activations/GEMMs, FP32 master weights, gradients and Adam moments',
  bytes: {
    masterWeights: 4,
    modelWeights: 2,
    gradients: 4,
    optimizerMoment1: 4,
    optimizerMoment2: 4,
    linearActivationCache: 2,
    otherActivations: 2,
    dispatch: 2,
    combine: 2,
    tpCommunication: 2,
    dpGradientCommunication: 4,
  },
  gemm: { linear: 'bf16', expert: 'bf16', attentionCore: 'bf16', embedding: 'bf16', head: 'bf16', router: 'bf16' },
  quantisationBytesPerElement: 0,
  scaling: { activation: 'none', weight: 'none' },
  recomputeSwigluOutput: false,
  source:
    'Megatron-LM megatron/training/theoretical_memory_usage.py (18 bytes/param: BF16 weight, FP32 grad, FP32 master + 2 Adam moments); Micikevicius et al. 2018 mixed precision',
};

/**
 * Transformer-Engine-style per-tensor FP8 (delayed or current scaling; torchao "tensorwise"): linear-layer GEMMs in
 * FP8 (E4M3 forward, E5M2 gradients), everything else BF16; FP8 copies of linear inputs are what backward reads.
 * Quantisation passes: read BF16 (2 B) + write FP8 (1 B) per element, plus an amax reduction read (2 B).
 */
const FP8_TENSORWISE: PrecisionRecipe = {
  id: 'fp8-tensorwise',
  description: 'Per-tensor-scaled FP8 linear GEMMs (Transformer Engine / torchao tensorwise); BF16 elsewhere; FP32 optimizer',
  bytes: {
    masterWeights: 4,
    modelWeights: 2,
    gradients: 4,
    optimizerMoment1: 4,
    optimizerMoment2: 4,
    linearActivationCache: 1,
    otherActivations: 2,
    dispatch: 2,
    combine: 2,
    tpCommunication: 2,
    dpGradientCommunication: 4,
  },
  gemm: { linear: 'fp8', expert: 'fp8', attentionCore: 'bf16', embedding: 'bf16', head: 'bf16', router: 'bf16' },
  quantisationBytesPerElement: 5,
  scaling: { activation: 'per-tensor', weight: 'per-tensor' },
  recomputeSwigluOutput: false,
  source:
    'NVIDIA Transformer Engine FP8 primer (E4M3 fwd / E5M2 bwd, per-tensor scaling, FP8 inputs saved for backward); torchao float8 README (tensorwise recipe)',
};

/**
 * DeepSeek-V3 fine-grained FP8 (arXiv 2412.19437 §3.3): Fprop/Dgrad/Wgrad of every Linear (dense and expert) in FP8
 * E4M3 with 1x128 activation tiles and 128x128 weight blocks, FP32 promotion every 128 elements (§3.3.2);
 * embedding, output head, MoE gating, normalisation and attention operators stay BF16/FP32 (§3.3.1);
 * FP32 master weights and gradients, BF16 AdamW moments (§3.3.3); linear-layer activations cached in FP8
 * (+ FP32 tile scales), SwiGLU output recomputed (§3.3.3); dispatch in FP8 with scales, combine in BF16 (§3.3.3).
 * Quantisation traffic: read 128 BF16 values, write FP8, read again for the MMA (§3.5.2) = 2 + 1 + 1 bytes.
 */
const FP8_DEEPSEEK: PrecisionRecipe = {
  id: 'fp8',
  description: 'DeepSeek-V3 fine-grained FP8 (1x128 / 128x128 block scaling, E4M3, FP32 promotion every 128)',
  bytes: {
    masterWeights: 4,
    modelWeights: 2,
    gradients: 4,
    optimizerMoment1: 2,
    optimizerMoment2: 2,
    linearActivationCache: 1 + TILE_SCALE_BYTES,
    otherActivations: 2,
    dispatch: 1 + TILE_SCALE_BYTES,
    combine: 2,
    tpCommunication: 2,
    dpGradientCommunication: 4,
  },
  gemm: { linear: 'fp8', expert: 'fp8', attentionCore: 'bf16', embedding: 'bf16', head: 'bf16', router: 'bf16' },
  quantisationBytesPerElement: 4,
  scaling: { activation: '1x128 tiles (128x1 for backward)', weight: '128x128 blocks', accumulationPromotionElements: 128 },
  recomputeSwigluOutput: true,
  source:
    'DeepSeek-V3 arXiv 2412.19437 §3.3.1-3.3.3, §3.5.2 (working weights assumed BF16: the report states FP32 master weights only)',
};

/** All recipes by plan `precision` id. */
export const RECIPES: Record<PrecisionId, PrecisionRecipe> = {
  bf16: BF16,
  'fp8-tensorwise': FP8_TENSORWISE,
  fp8: FP8_DEEPSEEK,
};

/**
 * The recipe with BF16 gradient buffers reduced in BF16 (`assumptions.gradientPrecision: bf16`, Megatron-Core
 * `grad_reduce_in_fp32 = False`): 2 bytes per gradient element in memory and on the wire; master weights and moments
 * unchanged. A recipe whose gradients are already 2 bytes or fewer is returned as is.
 */
export function withGradientPrecision(recipe: PrecisionRecipe, precision: 'fp32' | 'bf16'): PrecisionRecipe {
  if (precision === 'fp32' || (recipe.bytes.gradients <= 2 && recipe.bytes.dpGradientCommunication <= 2)) return recipe;
  return {
    ...recipe,
    description: `${recipe.description}; BF16 gradient buffers and reduction (assumptions.gradientPrecision)`,
    bytes: { ...recipe.bytes, gradients: Math.min(2, recipe.bytes.gradients), dpGradientCommunication: Math.min(2, recipe.bytes.dpGradientCommunication) },
  };
}

/**
 * The recipe with the output head (LM-head projection, and the MTP modules' shared head) in the stated precision
 * (`assumptions.outputHeadPrecision`): `fp8` = Megatron-Core's `fp8_output_proj`, which swaps the BF16 head for Transformer
 * Engine's `TELMHeadColumnParallelLinear` under MXFP8 (megatron/core/extensions/transformer_engine.py, active "only when
 * fp8_output_proj=True with fp8_recipe='mxfp8'", megatron/core/fp8_utils.py `is_mxfp8_output_proj_active`): the head GEMMs
 * run at the FP8 rate and pay the recipe's quantisation passes; `recipe` keeps the recipe's head (BF16 in every recipe
 * here, DeepSeek-V3 §3.3.1).
 */
export function withOutputHeadPrecision(recipe: PrecisionRecipe, precision: 'recipe' | 'fp8'): PrecisionRecipe {
  if (precision === 'recipe' || recipe.gemm.head === 'fp8') return recipe;
  return { ...recipe, description: `${recipe.description}; FP8 output head (assumptions.outputHeadPrecision)`, gemm: { ...recipe.gemm, head: 'fp8' } };
}

/**
 * The recipe with the optimizer state in the stated precision (`assumptions.optimizerStatePrecision`): `bf16-moments`
 * = 2-byte Adam moments with the recipe's master weights, `bf16` = 2-byte moments and master weights, `fp32` = 4-byte
 * all three; `recipe` returns the recipe as it is.
 */
export function withOptimizerStatePrecision(recipe: PrecisionRecipe, precision: 'recipe' | 'fp32' | 'bf16-moments' | 'bf16'): PrecisionRecipe {
  if (precision === 'recipe') return recipe;
  const moment = precision === 'fp32' ? 4 : 2;
  const master = precision === 'bf16' ? 2 : precision === 'fp32' ? 4 : recipe.bytes.masterWeights;
  const b = recipe.bytes;
  if (b.optimizerMoment1 === moment && b.optimizerMoment2 === moment && b.masterWeights === master) return recipe;
  return {
    ...recipe,
    description: `${recipe.description}; optimizer state ${precision} (assumptions.optimizerStatePrecision)`,
    bytes: { ...b, optimizerMoment1: moment, optimizerMoment2: moment, masterWeights: master },
  };
}
