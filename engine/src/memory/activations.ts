/**
 * Activation memory of one transformer layer for one micro-batch, per GPU.
 *
 * Follows Korthikanti et al. 2022 (arXiv 2205.05198) §4: every tensor the backward pass reads is listed with its
 * size; for a GPT layer with 16-bit activations this gives sbh(34 + 5as/h) bytes without parallelism (Eq. 1),
 * sbh(10 + 24/t + 5as/(ht)) with tensor parallelism (Eq. 2), sbh(34/t + 5as/(ht)) with sequence parallelism (Eq. 3),
 * sbh·34/t with selective recomputation (Eq. 4, §5) and 2sbh(/t with SP) with full recomputation (§4.2.2).
 *
 * Adaptations (each a documented derivation, not a fit):
 * - FlashAttention (default): the s×s score, softmax and dropout tensors are never stored (Dao et al. 2022 §3.1);
 *   only the log-sum-exp (fp32, one per head and token) is kept — modeling-lessons.md #1.
 * - Dropout masks (1 byte/element) only when `dropout` is on; modern LLM pretraining (Llama 3, DeepSeek-V3, Qwen3)
 *   uses none.
 * - GQA: K and V are kvHeads·headDim wide, Q heads·headDim.
 * - MLA (DeepSeek-V2 §2.1): latents c_Q (d'_c) and c_KV + k^R (d_c + d_h^R) are stored, then per-head Q, K, V. With
 *   selective recompute the engine follows DeepSeek-V3 §3.2.3: "recompute all RMSNorm operations and MLA
 *   up-projections" — norm outputs and the up-projected Q, K, V are not stored, only their inputs.
 * - MoE: the router's fp32 scores; shared experts like a dense MLP; tokens per expert-parallel rank are the rank's own
 *   tokens × top-k (balanced routing).
 * - Selective recomputation (`recompute: 'selective'`, default scope 'standard'): Korthikanti §5's attention-core
 *   recomputation plus the memory-bound elementwise ops whose outputs are cheap to rebuild — norms and the FFN
 *   activation function — as Megatron-Core's `--recompute-modules layernorm,core_attn,moe_act` and torchtitan's
 *   selective activation checkpointing do; for MLA also the up-projections (DeepSeek-V3 §3.2.3 "recompute all
 *   RMSNorm operations and MLA up-projections"). Their inputs stay stored, their outputs do not.
 *   Scope 'attention-core' is Korthikanti's original definition (used to reproduce his Eq. 4).
 * - MoE routed copies keep the dispatched input and the activation-function input (and output unless recomputed);
 *   the expert output is not kept because the gate probability is applied inside the activation function
 *   (Megatron-Core v0.13 "memory efficient token permutation by moving the probs multiplication from unpermutation to
 *   activation function of GroupedMLP", megatron/core/transformer/moe/README.md).
 * - FP8 caching: inputs of linear layers take `recipe.bytes.linearActivationCache` bytes (incl. tile scales);
 *   DeepSeek-V3 §3.3.3 caches SwiGLU inputs in FP8 and recomputes its output (`recipe.recomputeSwigluOutput`).
 * - Context parallelism divides every per-token tensor by CP (each rank holds s/CP tokens).
 */
import type { ModelArch } from '../catalog/types.js';
import type { Recompute } from '../plan/types.js';
import { recomputeScope, type RecomputeModule, type RecomputeScope } from '../plan/recompute.js';
import type { ResolvedPlan } from '../plan/types.js';

export interface ActivationContext {
  /** Sequence length s and micro-batch size b. */
  sequenceLength: number;
  microBatchSize: number;
  tensor: number;
  sequenceParallel: boolean;
  context: number;
  recompute: Recompute;
  /** Bytes per element of cached linear-layer inputs. */
  linearBytes: number;
  /** Bytes per element of other stored activations (norm inputs, attention Q/K/V, activation-function inputs). */
  otherBytes: number;
  /** SwiGLU output recomputed and its input cached at `linearBytes` (DeepSeek-V3 §3.3.3). */
  recomputeSwigluOutput: boolean;
  /** Fused (Flash) attention: no s×s tensors stored. Default true. */
  flashAttention?: boolean;
  /** Dropout masks stored (1 byte per element). Default false. */
  dropout?: boolean;
  /** What `selective` recomputes: 'standard' (default; see module doc) or Korthikanti's 'attention-core'. */
  selectiveScope?: 'standard' | 'attention-core';
  /**
   * `parallelism.recomputeModules` (plan/recompute.ts): exactly the modules `selective` recomputes. A normally
   * checkpointed module (`mlp`, `moe`, `shared_experts`) keeps only its input; an output-discarding one (`layernorm`,
   * `moe_act`, `mla_up_proj`) drops its output. Overrides `selectiveScope`.
   */
  recomputeModules?: readonly RecomputeModule[];
}

/** What one layer recomputes under this context (no flags for `none` / `full`). */
function scopeOf(arch: ModelArch, c: ActivationContext): RecomputeScope {
  const scope = recomputeScope(c.recompute, arch, c.recomputeModules);
  if (c.recompute === 'selective' && c.recomputeModules === undefined && c.selectiveScope === 'attention-core') {
    return { ...recomputeScope('none', arch), coreAttention: true };
  }
  return scope;
}

/** Bytes per token of one attention block (incl. its input norm), per GPU, before dividing by CP. */
function attentionBytesPerToken(arch: ModelArch, c: ActivationContext): number {
  const h = arch.hiddenSize;
  const t = c.tensor;
  const r = c.sequenceParallel ? 1 / t : 1; // replicated region (norms, residual) shards only with SP
  const e = c.otherBytes;
  const lb = c.linearBytes;
  const s = c.sequenceLength;
  const flash = c.flashAttention ?? true;
  const drop = c.dropout ?? false;
  const rs = scopeOf(arch, c);
  const a = arch.attention;
  let bytes = h * e * r; // norm-1 input [Korthikanti §4.1: LayerNorm 2sbh]
  if (a.type === 'gqa') {
    if (!rs.norms) bytes += h * lb * r; // QKV projection input = norm output [2sbh]
    bytes += ((a.heads + 2 * a.kvHeads) * a.headDim * e) / t; // Q, K, V for the core [4sbh + 2sbh for MHA]
    bytes += (a.heads * a.headDim * lb) / t; // output-projection input [2sbh]
  } else {
    const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
    if (!rs.norms) bytes += h * lb * r; // norm output = input of W_DQ and W_DKV (recomputed with selective)
    if (a.qLoraRank > 0) {
      bytes += a.qLoraRank * e * r; // c_Q (input of the q RMSNorm)
      if (!rs.mlaUpProjections) bytes += a.qLoraRank * lb * r; // normed c_Q = W_UQ input
    }
    bytes += (a.kvLoraRank + a.qkRopeHeadDim) * e * r; // c_KV and k^R
    if (!rs.mlaUpProjections) {
      bytes += a.kvLoraRank * lb * r; // normed c_KV = W_UK/W_UV input
      bytes += (a.heads * (2 * qHead + a.vHeadDim) * e) / t; // Q, K (nope+rope), V for the core
    }
    bytes += (a.heads * a.vHeadDim * lb) / t; // output-projection input
  }
  if (flash) {
    // log-sum-exp, fp32: FlashAttention's backward reads it, so it is kept unless the core is recomputed (with MLA's
    // standard scope the core is not recomputed, DeepSeek-V3 §3.2.3, so it is kept)
    if (!rs.coreAttention) bytes += (a.heads * 4) / t;
  } else if (!rs.coreAttention) {
    // softmax output (2 B) [+ dropout mask (1 B) + dropout output (2 B)] per score: 5as²b/t in Korthikanti Eq. 2
    bytes += ((a.heads * s) / t) * (e + (drop ? 1 + e : 0));
  }
  if (drop) bytes += h * 1 * r; // attention-output dropout mask [sbh]
  return bytes;
}

/** Bytes per token of the FFN part of a layer (incl. its input norm), per GPU, before dividing by CP. */
function ffnBytesPerToken(arch: ModelArch, moe: boolean, c: ActivationContext): number {
  const h = arch.hiddenSize;
  const t = c.tensor;
  const r = c.sequenceParallel ? 1 / t : 1;
  const e = c.otherBytes;
  const lb = c.linearBytes;
  const drop = c.dropout ?? false;
  const swiglu = arch.ffn.activation === 'swiglu';
  const rs = scopeOf(arch, c);
  const actIn = (width: number) => (swiglu ? 2 * width * (c.recomputeSwigluOutput ? lb : e) : width * e);
  const actOut = (width: number, recomputed: boolean) => ((swiglu && c.recomputeSwigluOutput) || recomputed ? 0 : width * lb);
  let bytes = h * e * r; // norm-2 input [2sbh]
  if (!rs.norms) bytes += h * lb * r; // FFN / router / shared-expert input = norm output [2sbh]
  // a checkpointed MLP / MoE block keeps only that input (Megatron-Core normal checkpointing, plan/recompute.ts)
  if (moe && arch.moe) {
    const m = arch.moe;
    const w = m.expertIntermediateSize;
    if (!rs.moeLayer) {
      bytes += m.routedExperts * 4 * r; // router scores, fp32
      // per routed copy: dispatched input (wgrad of the first expert GEMM), activation input and output
      bytes += m.topK * (h * lb + actIn(w) + actOut(w, rs.expertActivation)) * r;
      if (!rs.sharedExperts) bytes += (m.sharedExperts * (actIn(w) + actOut(w, rs.sharedActivation))) / t;
    }
  } else if (!rs.denseMlp) {
    const w = arch.ffn.intermediateSize;
    bytes += (actIn(w) + actOut(w, rs.denseActivation)) / t; // GeLU input + output [8sbh + 8sbh for 4h]
  }
  if (drop) bytes += h * 1 * r; // FFN-output dropout mask [sbh]
  return bytes;
}

/**
 * Activation bytes of one layer (dense or MoE FFN) for one micro-batch on one GPU.
 * Full recompute keeps only the layer input (Korthikanti §4.2.2: 2sbh, /t with SP).
 */
/** The activation context of a resolved plan (its sequence, micro-batch, parallelism, recomputation and recipe). */
export function activationContext(plan: ResolvedPlan): ActivationContext {
  const par = plan.parallelism;
  const rec = plan.recipe;
  return {
    sequenceLength: plan.training.sequenceLength,
    microBatchSize: plan.training.microBatchSize,
    tensor: par.tensor,
    sequenceParallel: par.sequenceParallel,
    context: par.context,
    recompute: par.recompute,
    linearBytes: rec.bytes.linearActivationCache,
    otherBytes: rec.bytes.otherActivations,
    recomputeSwigluOutput: rec.recomputeSwigluOutput ?? false,
    ...(par.recomputeModules ? { recomputeModules: par.recomputeModules } : {}),
  };
}

export function layerActivationBytes(arch: ModelArch, moe: boolean, c: ActivationContext): number {
  const tokens = (c.sequenceLength * c.microBatchSize) / c.context;
  if (c.recompute === 'full') {
    const r = c.sequenceParallel ? 1 / c.tensor : 1;
    return tokens * arch.hiddenSize * c.otherBytes * r;
  }
  return tokens * (attentionBytesPerToken(arch, c) + ffnBytesPerToken(arch, moe, c));
}

/**
 * Activation bytes of one MTP module (DeepSeek-V3 §2.2): the two RMSNorm inputs (h each), the concatenation
 * (2h, input of M_k), then one transformer block of the last layer's type.
 */
export function mtpActivationBytes(arch: ModelArch, c: ActivationContext): number {
  const lastIsMoe = arch.moe !== undefined && arch.layers - 1 >= arch.moe.denseLayers;
  const tokens = (c.sequenceLength * c.microBatchSize) / c.context;
  const r = c.sequenceParallel ? 1 / c.tensor : 1;
  const h = arch.hiddenSize;
  return tokens * (2 * h * c.otherBytes + 2 * h * c.linearBytes) * r + layerActivationBytes(arch, lastIsMoe, c);
}
