/**
 * Divisibility and schedule rules of the plan validator (plan/check.ts `checkParallel`), restated as integer
 * arithmetic with no allocation so the search can reject candidates by the million. `rules.test.ts` checks that
 * these predicates accept exactly the candidates `checkParallel` accepts.
 */
import type { ModelArch } from '../catalog/types.js';
import { chunkCounts } from '../memory/layout.js';
import type { Schedule } from '../plan/types.js';

/** The model numbers the rules need, extracted once. */
export interface RuleModel {
  heads: number;
  /** KV heads for GQA; 0 for MLA (no KV-head rule). */
  kvHeads: number;
  /** Dense FFN width that TP splits; 0 when every layer is MoE. */
  ffnWidth: number;
  /** Routed experts; 0 for dense models. */
  routedExperts: number;
  expertIntermediate: number;
  layers: number;
  sequenceLength: number;
}

export function ruleModel(m: ModelArch, sequenceLength: number): RuleModel {
  return {
    heads: m.attention.heads,
    kvHeads: m.attention.type === 'gqa' ? m.attention.kvHeads : 0,
    ffnWidth: m.moe && m.moe.denseLayers === 0 ? 0 : m.ffn.intermediateSize,
    routedExperts: m.moe?.routedExperts ?? 0,
    expertIntermediate: m.moe?.expertIntermediateSize ?? 0,
    layers: m.layers,
    sequenceLength,
  };
}

/** TP rules: heads, KV heads and FFN width split over TP ranks; sequence parallelism splits the sequence. */
export function tensorOk(r: RuleModel, tp: number, sequenceParallel: boolean): boolean {
  if (r.heads % tp !== 0) return false;
  if (r.kvHeads > 0 && r.kvHeads % tp !== 0) return false;
  if (r.ffnWidth > 0 && r.ffnWidth % tp !== 0) return false;
  if (sequenceParallel && tp > 1 && r.sequenceLength % tp !== 0) return false;
  return true;
}

/** Load-balanced causal CP splits each sequence into 2·CP chunks. */
export function contextOk(r: RuleModel, cp: number): boolean {
  return cp === 1 || r.sequenceLength % (2 * cp) === 0;
}

/** EP rules that do not depend on the data-parallel degree. */
export function expertOk(r: RuleModel, ep: number, etp: number): boolean {
  if (r.routedExperts === 0) return ep === 1 && etp === 1;
  return r.routedExperts % ep === 0 && r.expertIntermediate % etp === 0;
}

/** Expert groups (EP × ETP) must tile the TP × CP × DP ranks of a pipeline stage. 0 when they do not. */
export function expertData(data: number, cp: number, tp: number, ep: number, etp: number): number {
  const group = data * cp * tp;
  return group % (ep * etp) === 0 ? group / (ep * etp) : 0;
}

/** Schedule rules that depend only on (schedule, PP, virtual stages): rank count and layer split. */
export function scheduleShapeOk(r: RuleModel, schedule: Schedule, pp: number, virtualStages: number): boolean {
  if ((schedule === 'dualpipe' || schedule === 'dualpipev') && pp < 2) return false;
  if (schedule === 'dualpipe' && pp % 2 !== 0) return false;
  if (schedule !== 'interleaved-1f1b' && schedule !== 'dualpipe' && schedule !== 'dualpipev' && virtualStages !== 1) return false;
  const { chunks } = chunkCounts(schedule, pp, virtualStages);
  return chunks <= r.layers + 2;
}

/**
 * Micro-batch-count rules of each schedule (DualPipe asserts, Megatron interleaving). DualPipeV also needs an even
 * count here: the validator only checks m ≥ 2·PP (dualpipev.py's assert), but the engine's schedule builder
 * (pipeline/orders.ts `checkDual`) rejects odd counts, so such plans cannot be estimated.
 */
export function microBatchesOk(schedule: Schedule, pp: number, m: number): boolean {
  if (schedule === 'dualpipe' || schedule === 'dualpipev') return m % 2 === 0 && m >= 2 * pp;
  if (schedule === 'interleaved-1f1b') return pp === 1 || m % pp === 0;
  return true;
}

/**
 * Granularity of the micro-batch count a schedule needs (for batch ranges): the batch must be a multiple of
 * data × micro-batch × this.
 */
export function microBatchGranularity(schedule: Schedule, pp: number): number {
  if (schedule === 'dualpipe' || schedule === 'dualpipev') return 2;
  if (schedule === 'interleaved-1f1b') return pp;
  return 1;
}
