/**
 * Parameter counts of a model architecture by component.
 *
 * Conventions (documented once, used everywhere):
 * - Weights only: no biases (Llama/DeepSeek/Mixtral/Qwen have none; for GPT-3 they are ~0.1% and are left out).
 * - Norms: one weight vector of `hiddenSize` per norm (RMSNorm; LayerNorm's bias is left out): two per layer plus the
 *   final norm; MLA adds its latent norms (q: qLoraRank, kv: kvLoraRank) [DeepSeek-V2 arXiv 2405.04434 §2.1].
 * - `total` = main model, MTP modules excluded (plan-format.md: "MTP modules counted in mtpParams only").
 * - `active` = parameters a token's computation multiplies: everything except the routed experts it is not sent to
 *   and except the input embedding (a table look-up, no FLOPs); output head included. This is the N of the
 *   "6N FLOPs per token" rule and matches DeepSeek-V3 README_WEIGHTS' 36.7B main-model figure.
 *   `activeInclEmbedding` adds the input-embedding table (Mistral's convention: Mixtral 8x7B "12.9B active").
 * - `mtp` = unique MTP parameters (DeepSeek-V3 §2.2 eq. 21: per module a d x 2d projection M_k, two RMSNorms and one
 *   transformer block; embedding and output head shared with the main model — README_WEIGHTS: 11.5B unique).
 *   Each MTP block uses the FFN type of the model's last layer (MoE for DeepSeek-V3, README_WEIGHTS `model.layers.61`),
 *   plus the shared head's own RMSNorm (`shared_head.norm`).
 */
import type { AttentionArch, ModelArch } from '../catalog/types.js';

/** Parameters of one attention block (projections + the MLA latent norms). */
export function attentionParams(h: number, a: AttentionArch): number {
  if (a.type === 'gqa') {
    // W_q (h x n_h d) + W_k, W_v (h x n_kv d each) + W_o (n_h d x h)
    return h * a.heads * a.headDim * 2 + 2 * h * a.kvHeads * a.headDim;
  }
  // MLA [DeepSeek-V2 §2.1.2-2.1.3]: q: W_DQ (h x d'_c) + norm + W_UQ,W_QR (d'_c x n_h(d_h + d_h^R)) — or h x n_h(d_h+d_h^R)
  // without query compression; kv: W_DKV + W_KR (h x (d_c + d_h^R)) + norm + W_UK,W_UV (d_c x n_h(d_h + d_v)); W_O (n_h d_v x h)
  const qHead = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const q = a.qLoraRank > 0 ? h * a.qLoraRank + a.qLoraRank + a.qLoraRank * a.heads * qHead : h * a.heads * qHead;
  const kv = h * (a.kvLoraRank + a.qkRopeHeadDim) + a.kvLoraRank + a.kvLoraRank * a.heads * (a.qkNopeHeadDim + a.vHeadDim);
  const o = a.heads * a.vHeadDim * h;
  return q + kv + o;
}

/** Matrices per FFN: SwiGLU has gate, up and down (3); GeLU has up and down (2). */
export function ffnMatrices(activation: 'swiglu' | 'gelu'): number {
  return activation === 'swiglu' ? 3 : 2;
}

/** Per-layer parameter breakdown, split into what shards with experts (routed) and everything else (dense). */
export interface LayerParams {
  attention: number;
  norms: number;
  denseFfn: number;
  router: number;
  sharedExperts: number;
  routedExperts: number;
  /** One routed expert. */
  expert: number;
  /** Non-expert parameters of the layer: attention + norms + dense FFN + router + shared experts. */
  dense: number;
  /** Routed-expert parameters of the layer (shard over EP x expert-TP). */
  routed: number;
  /** Parameters one token multiplies in this layer (top-k routed experts only). */
  active: number;
}

/** Parameters of layer type `moe` (true) or dense (false) of an architecture. */
export function layerParams(arch: ModelArch, moe: boolean): LayerParams {
  const h = arch.hiddenSize;
  const attention = attentionParams(h, arch.attention);
  const norms = 2 * h;
  const mats = ffnMatrices(arch.ffn.activation);
  let denseFfn = 0;
  let router = 0;
  let sharedExperts = 0;
  let routedExperts = 0;
  let expert = 0;
  let activeRouted = 0;
  if (moe && arch.moe) {
    const m = arch.moe;
    expert = mats * h * m.expertIntermediateSize;
    router = h * m.routedExperts; // gating matrix e_i (DeepSeek-V3 eq. 15: s_i = Sigmoid(u^T e_i))
    sharedExperts = m.sharedExperts * expert;
    routedExperts = m.routedExperts * expert;
    activeRouted = m.topK * expert;
  } else {
    denseFfn = mats * h * arch.ffn.intermediateSize;
  }
  const dense = attention + norms + denseFfn + router + sharedExperts;
  return { attention, norms, denseFfn, router, sharedExperts, routedExperts, expert, dense, routed: routedExperts, active: dense + activeRouted };
}

export interface ParamsByComponent {
  embedding: number;
  attention: number;
  denseFfn: number;
  routedExperts: number;
  sharedExperts: number;
  router: number;
  norms: number;
  head: number;
}

export interface ParamCounts {
  /** Main model, MTP excluded. */
  total: number;
  /** Per token, excluding the input embedding (see module doc). */
  active: number;
  /** Per token including the input-embedding table. */
  activeInclEmbedding: number;
  /** Unique MTP parameters (all modules). */
  mtp: number;
  /** MTP parameters one token multiplies (unique, top-k experts), excluding the shared embedding/head. */
  mtpActive: number;
  byComponent: ParamsByComponent;
  /** Layer counts by type. */
  denseLayers: number;
  moeLayers: number;
  /** Per-layer breakdowns by type (moe is undefined for dense models). */
  denseLayer: LayerParams;
  moeLayer: LayerParams | undefined;
  /** One MTP module: d x 2d projection + 2 norms + final head norm + one block. */
  mtpModule: { dense: number; routed: number; active: number };
}

/** Count parameters of an architecture (pure; no allocation beyond the result). */
export function countParams(arch: ModelArch): ParamCounts {
  const h = arch.hiddenSize;
  const L = arch.layers;
  const moeLayers = arch.moe ? Math.max(0, L - Math.min(arch.moe.denseLayers, L)) : 0;
  const denseLayers = L - moeLayers;
  const dl = layerParams(arch, false);
  const ml = arch.moe ? layerParams(arch, true) : undefined;
  const embedding = arch.vocabSize * h;
  const head = arch.tiedEmbeddings ? 0 : arch.vocabSize * h;
  const finalNorm = h;

  const byComponent: ParamsByComponent = {
    embedding,
    attention: L * dl.attention,
    denseFfn: denseLayers * dl.denseFfn,
    routedExperts: ml ? moeLayers * ml.routedExperts : 0,
    sharedExperts: ml ? moeLayers * ml.sharedExperts : 0,
    router: ml ? moeLayers * ml.router : 0,
    norms: L * dl.norms + finalNorm,
    head,
  };
  const total =
    byComponent.embedding + byComponent.attention + byComponent.denseFfn + byComponent.routedExperts +
    byComponent.sharedExperts + byComponent.router + byComponent.norms + byComponent.head;
  const layerActive = denseLayers * dl.active + (ml ? moeLayers * ml.active : 0);
  // The head multiplies every token; with tied embeddings the shared table is the head.
  const headActive = arch.tiedEmbeddings ? embedding : head;
  const active = layerActive + finalNorm + headActive;
  const activeInclEmbedding = arch.tiedEmbeddings ? active : active + embedding;

  // MTP module [DeepSeek-V3 §2.2]: M_k (d x 2d) + RMSNorm(h) + RMSNorm(emb) + block (type of the last layer) + head norm.
  const lastIsMoe = arch.moe !== undefined && L - 1 >= arch.moe.denseLayers;
  const block = lastIsMoe && ml ? ml : dl;
  const mtpExtra = 2 * h * h + 2 * h + h;
  const mtpModule = { dense: mtpExtra + block.dense, routed: block.routed, active: mtpExtra + block.active };
  const depth = arch.mtp.depth;
  return {
    total,
    active,
    activeInclEmbedding,
    mtp: depth * (mtpModule.dense + mtpModule.routed),
    mtpActive: depth * mtpModule.active,
    byComponent,
    denseLayers,
    moeLayers,
    denseLayer: dl,
    moeLayer: ml,
    mtpModule,
  };
}
