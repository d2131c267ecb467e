/**
 * FLOPs per token by component.
 *
 * Convention (one, used for every model-FLOP figure the engine reports):
 * - A GEMM of (m x k) by (k x n) costs 2mkn FLOPs [Narayanan et al. 2021 arXiv 2104.04473 App. "Floating-point
 *   operations"]. Norms, activations, softmax, RoPE and the embedding look-up are not counted.
 * - Attention scores are counted **without causal masking**: QK^T costs 2·s·n_h·d_qk and AV 2·s·n_h·d_v per token per
 *   layer, as in Narayanan 2021 Eq. 3, Korthikanti et al. 2022 App. A (MFU numerator 72BLsh²(1 + s/6h + v/12hL)),
 *   PaLM App. B and MosaicML llm-foundry — the sources the calibration set compares against
 *   (../shared/calibration/README.md "FLOP-counting conventions"). Megatron-LM since 2025 halves this term for causal
 *   masks (megatron/training/training.py `num_floating_point_operations`, "causal mask (only half of the mask is
 *   non-zero)"); the causal figure is returned separately as `attentionScoresCausal` (what a FlashAttention kernel
 *   that skips masked tiles executes; (s+1)/2s of the full count) for the time model, and as `trainingCausal` (the
 *   report's `throughput.modelTflopsPerGpuCausal`) to compare like for like with Megatron-Core / NeMo figures.
 * - Training = 3 × forward: every GEMM runs forward, backward-for-input and backward-for-weights
 *   [Narayanan 2021 App.]; attention-score GEMMs likewise (dQ,dK from dS; dV, dP).
 * - Hardware FLOPs add recomputation: `selective` recomputes the attention core (QK^T, softmax, AV) of every layer in
 *   backward [Korthikanti 2022 §5] — for MLA models the up-projections instead [DeepSeek-V3 §3.2.3], and with
 *   `parallelism.recomputeModules` the GEMMs of exactly the listed modules (plan/recompute.ts); `full` recomputes the forward pass of every transformer layer (embedding and head
 *   are not recomputed) [Narayanan 2021 Eq. 3: 96 = 4 passes x 24]. MTP blocks are treated like layers.
 *   With `selectiveRecompute: every-other-matmul` (torchtitan's op-level SAC) `selective` instead recomputes every
 *   second matmul of each layer (`layerMatmuls`) and no attention core.
 *   Note: Korthikanti's HFU counts selective recompute as the s/3h term (3x the forward attention FLOPs); the
 *   engine counts the one forward recomputation actually executed (the difference is 1.8% for GPT-3 175B at s=2048).
 * - MTP modules (DeepSeek-V3 §2.2) are model FLOPs: projection M_k, one transformer block and the shared head, per depth.
 */
import type { AttentionArch, ModelArch } from '../catalog/types.js';
import type { Recompute } from '../plan/types.js';
import { opLevelCheckpointing, recomputeScope, type RecomputeModule } from '../plan/recompute.js';
import type { FlopsPerToken } from '../report/types.js';
import { ffnMatrices } from './params.js';

/** Forward FLOPs per token of one layer's linear projections and attention core. */
export interface AttentionFlops {
  /** Q/K/V projections (GQA) or the MLA down/up projections. */
  projections: number;
  /** QK^T + AV, full (non-causal) count. */
  scores: number;
  /** Output projection. */
  output: number;
}

/** Forward attention FLOPs per token for sequence length `s` (non-causal scores; see module doc). */
export function attentionFlops(h: number, a: AttentionArch, s: number): AttentionFlops {
  if (a.type === 'gqa') {
    const q = a.heads * a.headDim;
    const kv = a.kvHeads * a.headDim;
    return { projections: 2 * h * (q + 2 * kv), scores: 2 * s * q * 2, output: 2 * q * h };
  }
  // MLA [DeepSeek-V2 §2.1.2-2.1.3]: scores use d_h + d_h^R for QK^T and d_v for AV.
  const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const q = a.qLoraRank > 0 ? 2 * (h * a.qLoraRank + a.qLoraRank * a.heads * qHead) : 2 * h * a.heads * qHead;
  const kv = 2 * (h * (a.kvLoraRank + a.qkRopeHeadDim) + a.kvLoraRank * a.heads * (a.qkNopeHeadDim + a.vHeadDim));
  return {
    projections: q + kv,
    scores: 2 * s * a.heads * qHead + 2 * s * a.heads * a.vHeadDim,
    output: 2 * a.heads * a.vHeadDim * h,
  };
}

/** Forward FFN FLOPs per token of a dense layer or an MoE layer. */
export interface FfnFlops {
  denseFfn: number;
  router: number;
  routedExperts: number;
  sharedExperts: number;
}

export function ffnFlops(arch: ModelArch, moe: boolean): FfnFlops {
  const h = arch.hiddenSize;
  const mats = ffnMatrices(arch.ffn.activation);
  if (moe && arch.moe) {
    const m = arch.moe;
    const expert = 2 * mats * h * m.expertIntermediateSize;
    return { denseFfn: 0, router: 2 * h * m.routedExperts, routedExperts: m.topK * expert, sharedExperts: m.sharedExperts * expert };
  }
  return { denseFfn: 2 * mats * h * arch.ffn.intermediateSize, router: 0, routedExperts: 0, sharedExperts: 0 };
}

/**
 * Output widths × input widths of the matmuls (`aten.mm`) one layer runs in forward order, per token — the sequence
 * torchtitan's op-level selective checkpointing counts: "Saves output of all compute ops, except every second mm"
 * (pytorch/torchtitan, `_apply_ac_to_transformer_block`, op SAC). Q, K and V are separate matmuls (as torchtitan writes
 * attention); SwiGLU runs w1, w3, then w2. Routed experts run as grouped GEMMs, which are not `aten.mm` and are saved.
 */
export function layerMatmuls(arch: ModelArch, moe: boolean): Array<[number, number]> {
  const h = arch.hiddenSize;
  const a = arch.attention;
  const out: Array<[number, number]> = [];
  if (a.type === 'gqa') {
    out.push([h, a.heads * a.headDim], [h, a.kvHeads * a.headDim], [h, a.kvHeads * a.headDim], [a.heads * a.headDim, h]);
  } else {
    const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
    if (a.qLoraRank > 0) out.push([h, a.qLoraRank], [a.qLoraRank, a.heads * qHead]);
    else out.push([h, a.heads * qHead]);
    out.push([h, a.kvLoraRank + a.qkRopeHeadDim], [a.kvLoraRank, a.heads * (a.qkNopeHeadDim + a.vHeadDim)], [a.heads * a.vHeadDim, h]);
  }
  const mlp = (width: number) => {
    if (arch.ffn.activation === 'swiglu') out.push([h, width], [h, width], [width, h]);
    else out.push([h, width], [width, h]);
  };
  if (moe && arch.moe) {
    out.push([h, arch.moe.routedExperts]);
    if (arch.moe.sharedExperts > 0) mlp(arch.moe.sharedExperts * arch.moe.expertIntermediateSize);
  } else {
    mlp(arch.ffn.intermediateSize);
  }
  return out;
}

/** Forward FLOPs per token of the matmuls op-level SAC recomputes in one layer (the 2nd, 4th, … of `layerMatmuls`). */
export function everyOtherMatmulFlops(arch: ModelArch, moe: boolean): number {
  return layerMatmuls(arch, moe).reduce((sum, [k, n], i) => (i % 2 === 1 ? sum + 2 * k * n : sum), 0);
}

/** Forward FLOPs per token by component (keys of `byComponent`). */
export interface FlopsByComponent {
  attentionProjections: number;
  attentionScores: number;
  attentionOutput: number;
  denseFfn: number;
  router: number;
  routedExperts: number;
  sharedExperts: number;
  head: number;
  mtp: number;
  [k: string]: number;
}

/** flopsPerToken result: the report's FlopsPerToken plus the causal attention figures for the time model. */
export interface ModelFlops extends FlopsPerToken {
  byComponent: FlopsByComponent;
  /** Forward attention-score FLOPs per token with causal masking ((s+1)/2s of `byComponent.attentionScores` + MTP share). */
  attentionScoresCausal: number;
  /** Forward FLOPs of the MTP modules' attention scores (included in byComponent.mtp). */
  mtpAttentionScores: number;
  /** FLOPs added by recomputation (hardware − training). */
  recompute: number;
}

export interface FlopsOptions {
  sequenceLength: number;
  recompute?: Recompute;
  /** What `selective` recomputes (assumptions.selectiveRecompute): the attention core (default) or every other matmul. */
  selectiveRecompute?: 'core-attention' | 'every-other-matmul';
  /** `parallelism.recomputeModules` (plan/recompute.ts): the modules `selective` recomputes. */
  recomputeModules?: readonly RecomputeModule[];
}

/**
 * Model FLOPs per token (forward, training = 3 × forward) and hardware FLOPs (training + recomputation).
 * `byComponent` holds forward FLOPs per token and sums to `forward`.
 */
export function flopsPerToken(arch: ModelArch, opts: FlopsOptions): ModelFlops {
  const s = opts.sequenceLength;
  const recompute = opts.recompute ?? 'none';
  const h = arch.hiddenSize;
  const L = arch.layers;
  const moeLayers = arch.moe ? Math.max(0, L - Math.min(arch.moe.denseLayers, L)) : 0;
  const denseLayers = L - moeLayers;
  const att = attentionFlops(h, arch.attention, s);
  const fd = ffnFlops(arch, false);
  const fm = arch.moe ? ffnFlops(arch, true) : fd;
  const head = 2 * h * arch.vocabSize;

  // MTP module k: M_k (d x 2d) projection, one block of the last layer's type, shared head [DeepSeek-V3 §2.2].
  const lastIsMoe = arch.moe !== undefined && L - 1 >= arch.moe.denseLayers;
  const fl = lastIsMoe ? fm : fd;
  const mtpBlockNoScores = att.projections + att.output + fl.denseFfn + fl.router + fl.routedExperts + fl.sharedExperts;
  const depth = arch.mtp.depth;
  const mtp = depth * (2 * (2 * h) * h + mtpBlockNoScores + att.scores + head);

  const byComponent: FlopsByComponent = {
    attentionProjections: L * att.projections,
    attentionScores: L * att.scores,
    attentionOutput: L * att.output,
    denseFfn: denseLayers * fd.denseFfn,
    router: moeLayers * fm.router,
    routedExperts: moeLayers * fm.routedExperts,
    sharedExperts: moeLayers * fm.sharedExperts,
    head,
    mtp,
  };
  let forward = 0;
  for (const k in byComponent) forward += byComponent[k] as number;
  const training = 3 * forward;

  const layerForward = forward - head - depth * (2 * (2 * h) * h + head); // transformer blocks incl. MTP blocks
  let extra = 0;
  if (opLevelCheckpointing(recompute, opts.selectiveRecompute, opts.recomputeModules)) {
    extra = denseLayers * everyOtherMatmulFlops(arch, false) + moeLayers * everyOtherMatmulFlops(arch, true) + depth * everyOtherMatmulFlops(arch, lastIsMoe);
  } else if (recompute === 'selective') {
    // forward FLOPs of what each layer re-runs in backward (norms and activation functions are not counted)
    const rs = recomputeScope(recompute, arch, opts.recomputeModules);
    const a = arch.attention;
    const upProj =
      a.type === 'mla'
        ? 2 * (a.qLoraRank > 0 ? a.qLoraRank * a.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim) : 0) + 2 * a.kvLoraRank * a.heads * (a.qkNopeHeadDim + a.vHeadDim)
        : 0;
    const attn = (rs.coreAttention ? att.scores : 0) + (rs.mlaUpProjections ? upProj : 0);
    const ffn = (isMoe: boolean) => {
      const f = isMoe ? fm : fd;
      if (!isMoe) return rs.denseMlp ? f.denseFfn : 0;
      return rs.moeLayer ? f.router + f.routedExperts + f.sharedExperts : rs.sharedExperts ? f.sharedExperts : 0;
    };
    extra = (L + depth) * attn + denseLayers * ffn(false) + moeLayers * ffn(true) + depth * ffn(lastIsMoe);
  } else if (recompute === 'full') extra = layerForward;
  const causal = (s + 1) / (2 * s);
  return {
    forward,
    training,
    hardware: training + extra,
    // 3 passes × the masked-out share of the full score count [derived from the convention above]
    trainingCausal: training - 3 * (L + depth) * att.scores * (1 - causal),
    byComponent,
    attentionScoresCausal: (L + depth) * att.scores * causal,
    mtpAttentionScores: depth * att.scores,
    recompute: extra,
  };
}
