/**
 * Which layers each pipeline rank holds, per schedule.
 *
 * The model is cut into `chunks` consecutive pieces (model chunks / virtual stages):
 * - gpipe, 1f1b, zb1p: PP chunks, chunk c on rank c.
 * - interleaved-1f1b: PP·v chunks, chunk c on rank c mod PP [Narayanan et al. 2021 arXiv 2104.04473 §2.2.2].
 * - dualpipe: PP stages; rank r holds stage r and stage PP−1−r, i.e. two copies of the model in all
 *   ("2× parameters", DeepSeek-V3 arXiv 2412.19437 Table 2; deepseek-ai/DualPipe dualpipe.py runs both directions).
 *   Rank 0 (and rank PP−1) therefore hold the embedding and the output head together (V3 §3.2.3).
 * - dualpipev: 2·PP stages in a V: rank r holds stages r and 2PP−1−r (deepseek-ai/DualPipe dualpipev.py; "cut-in-half"
 *   DualPipe), so rank 0 holds the first and the last stage, embedding and head together.
 *
 * Layer split (`layerSplit`), two modes chosen by `assumptions.layerSplit`:
 * - `even` (default): the count split of `chunkLayers` — every chunk ⌈L/chunks⌉ layers, the deficit taken one layer at a
 *   time from the ends inwards (first chunk, last chunk, second chunk, …), as Llama 3 does for 126 layers on 16 stages
 *   ("we reduce one Transformer layer each from the first and the last stages", arXiv 2407.21783 §3.3.2) and as
 *   Megatron-Core splits by default; the published runs of the calibration set are written this way.
 * - `balanced`: cost-aware. The ends of the model carry work that is not a transformer layer — chunk 0
 * the input embedding, the last chunk the final norm, output head, loss and the MTP modules [DeepSeek-V3 §2.2] — so an
 * even split makes the end ranks pace the pipeline (for DeepSeek-V3 under DualPipe rank 0 holds both ends). Real
 * frameworks move layers off those stages: Megatron-LM `--decoder-first-pipeline-num-layers` /
 * `--decoder-last-pipeline-num-layers`, and `--account-for-embedding-in-pipeline-split` /
 * `--account-for-loss-in-pipeline-split` ("treat the embedding / loss and output layer as a standard transformer layer
 * in the context of partition and placement for pipeline parallelism", megatron/training/arguments.py); Llama 3
 * "reduce[s] one Transformer layer each from the first and the last stages" (arXiv 2407.21783 §3.3.2).
 * Here every layer and every extra is weighed by its forward FLOPs per token (model/flops.ts conventions) in units of
 * one transformer layer of the model's last layer type, and the per-chunk layer counts are chosen so that the
 * heaviest *rank* (sum over the chunks it holds: one for gpipe/1f1b/zb1p, v for interleaved, two for DualPipe(V))
 * is as light as possible; see `splitWeights` for the weights and `layerSplit` for the search.
 * A plan may instead state the split (`parallelism.pipelineLayout`, Megatron-Core's `--pipeline-model-parallel-layout`
 * notation, plan/pipeline-layout.ts): its transformer layers per chunk are taken as written.
 */
import type { ModelArch } from '../catalog/types.js';
import { attentionFlops, ffnFlops } from '../model/flops.js';
import type { Assumptions } from '../plan/assumptions.js';
import type { Schedule } from '../plan/types.js';
import { pipelineLayoutLayers } from '../plan/pipeline-layout.js';

/** Number of model chunks the layers are cut into, and chunks per pipeline rank. */
export function chunkCounts(schedule: Schedule, pp: number, virtualStages: number): { chunks: number; perRank: number } {
  switch (schedule) {
    case 'interleaved-1f1b':
      return { chunks: pp * virtualStages, perRank: virtualStages };
    case 'dualpipe':
      return { chunks: pp, perRank: 2 };
    case 'dualpipev':
      return { chunks: 2 * pp, perRank: 2 };
    default:
      return { chunks: pp, perRank: 1 };
  }
}

/**
 * Layers in chunk `c` of `chunks` for `layers` layers in the naive count split (every chunk ⌈L/chunks⌉, the deficit
 * taken one layer at a time from the ends inwards: first, last, second, …). `layerSplit` starts from it.
 */
export function chunkLayers(layers: number, chunks: number, c: number): number {
  const ceil = Math.ceil(layers / chunks);
  const deficit = ceil * chunks - layers;
  // order of removal: 0, chunks-1, 1, chunks-2, ... ; position of chunk c in that order:
  const pos = c < chunks - 1 - c ? 2 * c : 2 * (chunks - 1 - c) + 1;
  // One pass removes one layer per chunk; a deficit larger than `chunks` cannot happen (deficit < chunks).
  return pos < deficit ? ceil - 1 : ceil;
}

/** First layer index of chunk `c` (closed form of the removal order above: the first ⌈d/2⌉ and last ⌊d/2⌋ chunks lose one). */
export function chunkFirstLayer(layers: number, chunks: number, c: number): number {
  const ceil = Math.ceil(layers / chunks);
  const d = ceil * chunks - layers;
  const front = Math.ceil(d / 2);
  const back = Math.floor(d / 2);
  return c * ceil - Math.min(c, front) - Math.max(0, c - (chunks - back));
}

/** The k-th model chunk (0-based) held by pipeline rank `rank`. */
export function rankChunk(schedule: Schedule, pp: number, rank: number, k: number): number {
  if (schedule === 'dualpipe') return k === 0 ? rank : pp - 1 - rank;
  if (schedule === 'dualpipev') return k === 0 ? rank : 2 * pp - 1 - rank;
  return k * pp + rank;
}

/** Model chunk indices held by pipeline rank `rank`. */
export function rankChunks(schedule: Schedule, pp: number, virtualStages: number, rank: number): number[] {
  const { perRank } = chunkCounts(schedule, pp, virtualStages);
  const out: number[] = [];
  for (let k = 0; k < perRank; k++) out.push(rankChunk(schedule, pp, rank, k));
  return out;
}


/**
 * Forward FLOPs per token of each kind of work, in units of one transformer layer of the model's last layer type
 * (MoE for DeepSeek-V3). Derivation, with model/flops.ts conventions (a GEMM costs 2mkn; look-ups, norms and the
 * loss are not counted):
 * - layer = attention projections + output projection + causal attention scores ((s+1)/2s of the full QK^T + AV
 *   count: what the time model's FlashAttention runs, flops.ts `attentionScoresCausal`) + its FFN (dense: the FFN;
 *   MoE: router + top-k routed + shared experts).
 * - embedding = 0 (a table look-up, no GEMM).
 * - head = 2·h·V (logits GEMM; the cross-entropy loss is memory-bound and left out).
 * - each MTP module = M_k projection 2·(2h)·h + one block of the last layer's type + the shared head 2·h·V
 *   [DeepSeek-V3 §2.2, eq. 21-22]; all modules sit with the head on the last chunk.
 * Training multiplies every one of these by 3 [Narayanan 2021 App.], so forward ratios are training ratios.
 */
export interface SplitWeights {
  /** Transformer layers, dense layers (the first `denseLayers`) before MoE layers. */
  layers: number;
  denseLayers: number;
  dense: number;
  moe: number;
  /** Extras on chunk 0 and on the last chunk (head + MTP modules). */
  first: number;
  last: number;
}

/** Weights of the layer split for an architecture and sequence length (see `SplitWeights`). */
export function splitWeights(arch: ModelArch, sequenceLength: number): SplitWeights {
  const h = arch.hiddenSize;
  const s = sequenceLength;
  const att = attentionFlops(h, arch.attention, s);
  const attention = att.projections + att.output + att.scores * ((s + 1) / (2 * s));
  const ffnSum = (moe: boolean) => {
    const f = ffnFlops(arch, moe);
    return f.denseFfn + f.router + f.routedExperts + f.sharedExperts;
  };
  const denseLayers = arch.moe ? Math.min(arch.moe.denseLayers, arch.layers) : arch.layers;
  const denseW = attention + ffnSum(false);
  const moeW = arch.moe ? attention + ffnSum(true) : denseW;
  const lastIsMoe = denseLayers < arch.layers;
  const unit = lastIsMoe ? moeW : denseW;
  const head = 2 * h * arch.vocabSize;
  const mtp = arch.mtp.depth * (2 * (2 * h) * h + unit + head);
  return { layers: arch.layers, denseLayers, dense: denseW / unit, moe: moeW / unit, first: 0, last: (head + mtp) / unit };
}

/** Layer count and first layer of every model chunk, and the weighed work (layer units) per chunk and per rank. */
export interface LayerSplit {
  sizes: readonly number[];
  firsts: readonly number[];
  chunkWork: readonly number[];
  rankWork: readonly number[];
}

const splitMemo = new Map<string, LayerSplit>();
const MEMO_LIMIT = 4096;

/**
 * Cost-aware layer split of `arch` over the model chunks of a schedule (memoised; pure).
 * Minimises, in this order, the heaviest rank's work, the sum of squared rank work and the sum of squared chunk work
 * (so chunks of one rank stay alike, which keeps interleaved bubbles small), by single-layer moves between chunks
 * starting from the naive split (`chunkLayers`); every chunk keeps at least one layer when there are enough layers
 * (the naive split's empty end chunks otherwise). Exact for equal layer weights (moving a layer from the heaviest to
 * the lightest rank is water-filling); a local optimum otherwise.
 */
export function layerSplit(
  arch: ModelArch,
  sequenceLength: number,
  schedule: Schedule,
  pp: number,
  virtualStages: number,
  mode: LayerSplitMode = 'even',
  pipelineLayout?: string,
): LayerSplit {
  const w = splitWeights(arch, sequenceLength);
  const key = `${pipelineLayout ?? mode}|${w.layers}|${w.denseLayers}|${w.dense}|${w.moe}|${w.first}|${w.last}|${schedule}|${pp}|${virtualStages}`;
  const hit = splitMemo.get(key);
  if (hit) return hit;
  let fixed: number[] | undefined;
  if (pipelineLayout !== undefined) {
    // an explicit layout (parallelism.pipelineLayout) states the split; plan validation has checked it against the plan
    const r = pipelineLayoutLayers(pipelineLayout, { chunks: chunkCounts(schedule, pp, virtualStages).chunks, layers: arch.layers, mtpDepth: arch.mtp.depth });
    if (!r.ok) throw new Error(`parallelism.pipelineLayout ${r.message}`);
    fixed = r.layers;
  }
  const out = computeSplit(w, schedule, pp, virtualStages, mode === 'balanced', fixed);
  if (splitMemo.size >= MEMO_LIMIT) splitMemo.clear();
  splitMemo.set(key, out);
  return out;
}

/**
 * Of the `n` layers from `first` (dense below `kDense`), how many are among the first `offload` layers of the model,
 * the ones CPU activation offloading moves to host memory (Megatron-Core `--cpu-offloading-num-layers`: "First
 * num_layers layers are offloaded to CPU", Transformer Engine's default offload scheduling).
 */
export function offloadedLayers(first: number, n: number, kDense: number, offload: number): { dense: number; moe: number } {
  const end = Math.min(first + n, offload);
  if (end <= first) return { dense: 0, moe: 0 };
  const dense = Math.max(0, Math.min(end, kDense) - first);
  return { dense, moe: end - first - dense };
}

/** `even`: the count split (`chunkLayers`); `balanced`: cost-aware (module doc). */
export type LayerSplitMode = Assumptions['layerSplit'];

function computeSplit(w: SplitWeights, schedule: Schedule, pp: number, virtualStages: number, balance: boolean, fixed?: readonly number[]): LayerSplit {
  const { chunks, perRank } = chunkCounts(schedule, pp, virtualStages);
  const L = w.layers;
  // prefix[i] = work of layers 0..i-1
  const prefix = new Float64Array(L + 1);
  for (let i = 0; i < L; i++) prefix[i + 1] = prefix[i]! + (i < w.denseLayers ? w.dense : w.moe);
  // held[r·perRank + k] = k-th chunk of rank r (DualPipe: ranks r and PP−1−r hold the same two chunks)
  const held = new Int32Array(pp * perRank);
  for (let r = 0; r < pp; r++) for (let k = 0; k < perRank; k++) held[r * perRank + k] = rankChunk(schedule, pp, r, k);
  const sizes = fixed ? [...fixed] : Array.from({ length: chunks }, (_, c) => chunkLayers(L, chunks, c));
  if (fixed) balance = false;
  const minSize = L >= chunks ? 1 : 0;
  const chunkWork = new Float64Array(chunks);
  const rankWork = new Float64Array(pp);
  const evaluate = (n: number[]) => {
    let first = 0;
    let sqChunk = 0;
    for (let c = 0; c < chunks; c++) {
      const cw = prefix[first + n[c]!]! - prefix[first]! + (c === 0 ? w.first : 0) + (c === chunks - 1 ? w.last : 0);
      chunkWork[c] = cw;
      sqChunk += cw * cw;
      first += n[c]!;
    }
    let max = 0;
    let argMax = 0;
    let sqRank = 0;
    for (let r = 0; r < pp; r++) {
      let v = 0;
      for (let k = 0; k < perRank; k++) v += chunkWork[held[r * perRank + k]!]!;
      rankWork[r] = v;
      sqRank += v * v;
      if (v > max) {
        max = v;
        argMax = r;
      }
    }
    return { max, argMax, sqRank, sqChunk };
  };
  // lexicographic (max, sqRank, sqChunk) with a tolerance against rounding between equal-weight layers
  const EPS = 1e-9;
  const better = (a: ReturnType<typeof evaluate>, b: ReturnType<typeof evaluate>) =>
    a.max < b.max - EPS * Math.max(1, b.max) ||
    (a.max <= b.max + EPS * Math.max(1, b.max) &&
      (a.sqRank < b.sqRank - EPS * Math.max(1, b.sqRank) ||
        (a.sqRank <= b.sqRank + EPS * Math.max(1, b.sqRank) && a.sqChunk < b.sqChunk - EPS * Math.max(1, b.sqChunk))));
  let cur = evaluate(sizes);
  // Each accepted move strictly lowers the objective, so the loop ends; the cap is a guard only.
  for (let iter = 0; balance && iter < 4 * L * chunks + 16; iter++) {
    let best = cur;
    let bestFrom = -1;
    let bestTo = -1;
    for (let k = 0; k < perRank; k++) {
      // moves out of the heaviest rank's chunks (to any other chunk, the rank's own included)
      const c = held[cur.argMax * perRank + k]!;
      if (sizes[c]! <= minSize) continue;
      for (let d = 0; d < chunks; d++) {
        if (d === c) continue;
        sizes[c]!--;
        sizes[d]!++;
        const e = evaluate(sizes);
        sizes[c]!++;
        sizes[d]!--;
        if (better(e, best)) {
          best = e;
          bestFrom = c;
          bestTo = d;
        }
      }
    }
    if (bestFrom < 0) break;
    sizes[bestFrom]!--;
    sizes[bestTo]!++;
    cur = best;
  }
  evaluate(sizes);
  const firsts: number[] = [];
  let f = 0;
  for (let c = 0; c < chunks; c++) {
    firsts.push(f);
    f += sizes[c]!;
  }
  return { sizes, firsts, chunkWork: Array.from(chunkWork), rankWork: Array.from(rankWork) };
}

/** Whether a split gives some chunk a different layer count than another. */
export function isUnevenSplit(split: LayerSplit): boolean {
  return split.sizes.some((n) => n !== split.sizes[0]);
}

/** The split as text: runs of equal counts, e.g. "2, 4×13, 3, 2" (for warnings). */
export function describeSplit(split: LayerSplit): string {
  const parts: string[] = [];
  const n = split.sizes;
  for (let i = 0; i < n.length; ) {
    let j = i;
    while (j + 1 < n.length && n[j + 1] === n[i]) j++;
    parts.push(j > i ? `${n[i]}×${j - i + 1}` : `${n[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
