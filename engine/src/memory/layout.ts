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
 * Uneven splits: every chunk gets ⌈L/chunks⌉ layers and the deficit is taken one layer at a time from the ends
 * inwards (first chunk, last chunk, second chunk, …), as Llama 3 does for 126 layers on 16 stages ("we reduce one
 * Transformer layer each from the first and the last stages", arXiv 2407.21783 §3.3.2) and as Megatron-Core's
 * `account_for_embedding_in_pipeline_split` / `account_for_loss_in_pipeline_split` do when the embedding and the loss
 * take a layer slot on the first/last stage.
 */
import type { Schedule } from '../plan/types.js';

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

/** Layers in chunk `c` of `chunks` for `layers` layers (ends get fewer when uneven; see module doc). */
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

/** Whether the layer split is uneven (some chunk differs from another). */
export function isUnevenSplit(layers: number, chunks: number): boolean {
  return layers % chunks !== 0;
}
