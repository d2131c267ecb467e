/**
 * Per-rank operation orders of the pipeline schedules flopcast simulates.
 *
 * An order is the fixed sequence of compute operations one pipeline rank executes in one optimizer step; the
 * simulator (simulate.ts) then times it against the cross-rank dependencies. Orders are built into flat typed
 * arrays (no per-op objects) so that the simulation can run thousands of times per second.
 *
 * Op kinds:
 * - F  forward of one (chunk, micro-batch)
 * - B  backward-for-input only; its weight-gradient part is deferred to a later W (zero-bubble split)
 * - W  weight-gradient of an earlier B (FIFO, as DualPipe's and ZB's `WeightGradStore`)
 * - BW full backward (input + weight gradients) in one go
 * - FB forward of one (chunk, micro-batch) overlapped with the full backward of another (DualPipe F&B)
 *
 * Chunks: the model part a rank holds. 1 for gpipe/1f1b/zb1p, `virtualStages` for interleaved-1f1b, 2 for
 * dualpipe (chunk = direction) and dualpipev (chunk 0 = down the V, chunk 1 = back up).
 */
import { pairableLayout } from '../plan/ep-overlap.js';
import type { Schedule } from '../plan/types.js';

export const OP_F = 0;
export const OP_B = 1;
export const OP_W = 2;
export const OP_BW = 3;
export const OP_FB = 4;
export type OpKind = typeof OP_F | typeof OP_B | typeof OP_W | typeof OP_BW | typeof OP_FB;

/**
 * The op orders of all ranks, flattened. Rank r's ops are indices [rankStart[r], rankStart[r+1]).
 * For FB ops, (chunk, microBatch) is the forward half and (chunk2, microBatch2) the backward half.
 */
export interface ScheduleOrders {
  schedule: Schedule;
  ranks: number;
  /** Chunks (model parts) per rank. */
  chunks: number;
  /** Pipeline chains: 2 for dualpipe (one per direction), else 1. */
  chains: number;
  /** Positions along each chain (pipeline stages seen by one micro-batch). */
  chainLength: number;
  /** Micro-batches per chain. */
  microBatchesPerChain: number;
  rankStart: Int32Array;
  kind: Uint8Array;
  chunk: Uint16Array;
  microBatch: Int32Array;
  chunk2: Uint16Array;
  microBatch2: Int32Array;
  /** Chain index and chain position of (rank, chunk): index rank * chunks + chunk. */
  chainOf: Int32Array;
  positionOf: Int32Array;
  /**
   * Precomputed dependencies (so that the simulation loop only reads typed arrays). Slots index the per-chain
   * completion tables: slot = (chain * chainLength + position) * microBatchesPerChain + microBatch.
   * fDep: slot of the forward this op's forward half waits for (−1: chain start). fDepCross: 1 if that
   * forward ran on another rank (a p2p transfer is needed).
   * bDep: slot of the backward this op's backward half waits for; bDepOwnF: 1 if it is instead this position's
   * own forward (last chain position: the loss). bDepCross: 1 if a p2p transfer is needed.
   * out: slot this op completes (forward slot for F/FB, backward slot for B/BW); out2: backward slot of FB.
   */
  fDep: Int32Array;
  fDepCross: Uint8Array;
  /** 1 if this op's forward output goes to another rank (F/FB), resp. its input gradient (B/BW/FB). */
  fOutCross: Uint8Array;
  bOutCross: Uint8Array;
  bDep: Int32Array;
  bDepOwnF: Uint8Array;
  bDepCross: Uint8Array;
  out: Int32Array;
  out2: Int32Array;
}

/** Growable builder for one schedule's orders. */
class OrderBuilder {
  kind: number[] = [];
  chunk: number[] = [];
  mb: number[] = [];
  chunk2: number[] = [];
  mb2: number[] = [];
  rankStart: number[] = [0];

  push(kind: OpKind, chunk: number, mb: number, chunk2 = 0, mb2 = -1): void {
    this.kind.push(kind);
    this.chunk.push(chunk);
    this.mb.push(mb);
    this.chunk2.push(chunk2);
    this.mb2.push(mb2);
  }

  endRank(): void {
    this.rankStart.push(this.kind.length);
  }
}

export interface OrderParams {
  schedule: Schedule;
  /** Pipeline ranks (devices in one pipeline). */
  ranks: number;
  /** Micro-batches per optimizer step (per pipeline). */
  microBatches: number;
  /** Model chunks per rank for interleaved-1f1b (ignored by the other schedules). */
  virtualStages?: number;
  /**
   * Combined 1F1B (Megatron-Core `overlap_moe_expert_parallel_comm`, pipeline_parallel/combined_1f1b.py): every
   * steady-state forward runs as one FB op with the backward it alternates with, so that each one's expert-parallel
   * all-to-all hides under the other's compute. Only for interleaved-1f1b with virtualStages > 1 or a single rank
   * (Megatron requires virtual pipeline stages when pipelining).
   */
  pairFB?: boolean;
}

/** Error for schedule parameters that cannot form a valid schedule (names the offending field). */
export class ScheduleError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}

const cache = new Map<string, ScheduleOrders>();
const CACHE_LIMIT = 256;

/**
 * Build (or reuse) the per-rank op orders of a schedule. Orders depend only on the integers in `p`, so they are
 * memoised (bounded cache; the arrays are never mutated). Throws ScheduleError on impossible parameters.
 */
export function ordersFor(p: OrderParams): ScheduleOrders {
  const key = `${p.schedule}|${p.ranks}|${p.microBatches}|${p.schedule === 'interleaved-1f1b' ? (p.virtualStages ?? 1) : 0}|${p.pairFB ? 1 : 0}`;
  let o = cache.get(key);
  if (!o) {
    o = buildOrders(p);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, o);
  }
  return o;
}

/** Build the per-rank op orders of a schedule. Throws ScheduleError on impossible parameters. */
export function buildOrders(p: OrderParams): ScheduleOrders {
  const { schedule, ranks, microBatches: m } = p;
  if (!Number.isInteger(ranks) || ranks < 1) throw new ScheduleError('parallelism.pipeline', `pipeline ranks must be a positive integer, got ${ranks}`);
  if (!Number.isInteger(m) || m < 1) throw new ScheduleError('training.globalBatchSize', `micro-batches per step must be a positive integer, got ${m}`);
  if (p.pairFB) {
    const v = Math.max(1, p.virtualStages ?? 1);
    if (pairableLayout(schedule, ranks, v)) {
      return schedule === 'interleaved-1f1b' && v > 1 ? interleaved(ranks, m, v, true) : single(schedule, 1, m, pairedSingleRank);
    }
    throw new ScheduleError(
      'assumptions.epA2aOverlap',
      `combined 1F1B pairs forward and backward steps of interleaved-1f1b with virtualStages > 1, or of a single pipeline stage (got ${schedule}, pipeline ${ranks}, virtualStages ${v})`,
    );
  }
  switch (schedule) {
    case 'gpipe':
      return single(schedule, ranks, m, gpipeRank);
    case '1f1b':
      return single(schedule, ranks, m, oneF1BRank);
    case 'zb1p':
      return single(schedule, ranks, m, zb1pRank);
    case 'interleaved-1f1b':
      return interleaved(ranks, m, Math.max(1, p.virtualStages ?? 1));
    case 'dualpipe':
      return dualPipe(ranks, m);
    case 'dualpipev':
      return dualPipeV(ranks, m);
    default: {
      const never: never = schedule;
      throw new ScheduleError('parallelism.schedule', `unknown schedule ${String(never)}`);
    }
  }
}

function finish(
  b: OrderBuilder,
  schedule: Schedule,
  ranks: number,
  chunks: number,
  chains: number,
  chainLength: number,
  microBatchesPerChain: number,
  chainOfList: number[],
  positionOfList: number[],
): ScheduleOrders {
  const n = b.kind.length;
  const kind = Uint8Array.from(b.kind);
  const chunk = Uint16Array.from(b.chunk);
  const microBatch = Int32Array.from(b.mb);
  const chunk2 = Uint16Array.from(b.chunk2);
  const microBatch2 = Int32Array.from(b.mb2);
  const rankStart = Int32Array.from(b.rankStart);
  const chainOf = Int32Array.from(chainOfList);
  const positionOf = Int32Array.from(positionOfList);
  const L = chainLength;
  const M = microBatchesPerChain;
  const rankAt = new Int32Array(chains * L).fill(-1);
  for (let r = 0; r < ranks; r++) {
    for (let c = 0; c < chunks; c++) rankAt[chainOf[r * chunks + c]! * L + positionOf[r * chunks + c]!] = r;
  }
  const fDep = new Int32Array(n).fill(-1);
  const fDepCross = new Uint8Array(n);
  const bDep = new Int32Array(n).fill(-1);
  const bDepOwnF = new Uint8Array(n);
  const bDepCross = new Uint8Array(n);
  const out = new Int32Array(n).fill(-1);
  const out2 = new Int32Array(n).fill(-1);
  const fOutCross = new Uint8Array(n);
  const bOutCross = new Uint8Array(n);
  for (let r = 0; r < ranks; r++) {
    for (let i = rankStart[r]!; i < rankStart[r + 1]!; i++) {
      const k = kind[i]!;
      const fwdChunk = chunk[i]!;
      const bwdChunk = k === OP_FB ? chunk2[i]! : fwdChunk;
      const bwdMb = k === OP_FB ? microBatch2[i]! : microBatch[i]!;
      if (k === OP_F || k === OP_FB) {
        const rc = r * chunks + fwdChunk;
        const base = chainOf[rc]! * L;
        const pos = positionOf[rc]!;
        out[i] = (base + pos) * M + microBatch[i]!;
        if (pos < L - 1 && rankAt[base + pos + 1] !== r) fOutCross[i] = 1;
        if (pos > 0) {
          fDep[i] = (base + pos - 1) * M + microBatch[i]!;
          fDepCross[i] = rankAt[base + pos - 1] === r ? 0 : 1;
        }
      }
      if (k === OP_B || k === OP_BW || k === OP_FB) {
        const rc = r * chunks + bwdChunk;
        const base = chainOf[rc]! * L;
        const pos = positionOf[rc]!;
        const slot = (base + pos) * M + bwdMb;
        if (k === OP_FB) out2[i] = slot;
        else out[i] = slot;
        if (pos > 0 && rankAt[base + pos - 1] !== r) bOutCross[i] = 1;
        if (pos === L - 1) {
          bDep[i] = slot;
          bDepOwnF[i] = 1;
        } else {
          bDep[i] = (base + pos + 1) * M + bwdMb;
          bDepCross[i] = rankAt[base + pos + 1] === r ? 0 : 1;
        }
      }
    }
  }
  return {
    schedule,
    ranks,
    chunks,
    chains,
    chainLength,
    microBatchesPerChain,
    rankStart,
    kind,
    chunk,
    microBatch,
    chunk2,
    microBatch2,
    chainOf,
    positionOf,
    fDep,
    fDepCross,
    fOutCross,
    bOutCross,
    bDep,
    bDepOwnF,
    bDepCross,
    out,
    out2,
  };
}

/** Schedules with one chunk per rank: chain position = rank. */
function single(schedule: Schedule, ranks: number, m: number, rankOrder: (b: OrderBuilder, r: number, ranks: number, m: number) => void): ScheduleOrders {
  const b = new OrderBuilder();
  const chainOf: number[] = [];
  const positionOf: number[] = [];
  for (let r = 0; r < ranks; r++) {
    rankOrder(b, r, ranks, m);
    b.endRank();
    chainOf.push(0);
    positionOf.push(r);
  }
  return finish(b, schedule, ranks, 1, 1, ranks, m, chainOf, positionOf);
}

/** GPipe (Huang et al. 2019): all forwards, then all backwards. */
function gpipeRank(b: OrderBuilder, _r: number, _ranks: number, m: number): void {
  for (let i = 0; i < m; i++) b.push(OP_F, 0, i);
  for (let i = 0; i < m; i++) b.push(OP_BW, 0, i);
}

/** 1F1B (PipeDream-Flush, Narayanan et al. 2021): ranks−1−r warm-up forwards, then alternate F/B, then drain. */
function oneF1BRank(b: OrderBuilder, r: number, ranks: number, m: number): void {
  const warmup = Math.min(ranks - r - 1, m);
  for (let i = 0; i < warmup; i++) b.push(OP_F, 0, i);
  for (let i = 0; i < m - warmup; i++) {
    b.push(OP_F, 0, warmup + i);
    b.push(OP_BW, 0, i);
  }
  for (let i = m - warmup; i < m; i++) b.push(OP_BW, 0, i);
}

/**
 * Combined 1F1B without pipelining (Megatron-Core combined_1f1b.py `combined_1f1b_schedule_for_no_pipelining`):
 * "1st microbatch forward; 1st microbatch backward + 2nd microbatch forward; …; last microbatch backward".
 */
function pairedSingleRank(b: OrderBuilder, _r: number, _ranks: number, m: number): void {
  b.push(OP_F, 0, 0);
  for (let i = 1; i < m; i++) b.push(OP_FB, 0, i, 0, i - 1);
  b.push(OP_BW, 0, m - 1);
}

/**
 * ZB-H1 (Qi et al., "Zero Bubble Pipeline Parallelism", ICLR 2024, §3.1, Fig. 3): the 1F1B order with the
 * backward split into B and W; rank r postpones the W of its first r steady-state backwards and performs the
 * postponed W's in the drain phase, where they fill the gaps 1F1B leaves between B's. Same activation memory as
 * 1F1B (peak ranks − r in flight). Following the sail-sg/zero-bubble-pipeline-parallelism `zb-h1-quick-start`
 * branch ("delay W by rank"). Bubble for uniform stages: (PP−1)(F+B−2W) with B the full backward
 * (DeepSeek-V3 Table 2).
 */
function zb1pRank(b: OrderBuilder, r: number, ranks: number, m: number): void {
  const warmup = Math.min(ranks - r - 1, m);
  const steady = m - warmup;
  const pendingW: number[] = [];
  for (let i = 0; i < warmup; i++) b.push(OP_F, 0, i);
  for (let i = 0; i < steady; i++) {
    b.push(OP_F, 0, warmup + i);
    const last = i === steady - 1;
    const split = (i < r || last) && r > 0;
    if (split) {
      b.push(OP_B, 0, i);
      pendingW.push(i);
      if (last && i >= r) b.push(OP_W, 0, pendingW.shift()!);
    } else {
      b.push(OP_BW, 0, i);
    }
  }
  for (let i = 0; i < warmup; i++) {
    const mb = steady + i;
    if (r > 0) {
      b.push(OP_B, 0, mb);
      pendingW.push(mb);
      if (steady + i >= r) b.push(OP_W, 0, pendingW.shift()!);
    } else {
      b.push(OP_BW, 0, mb);
    }
  }
  while (pendingW.length > 0) b.push(OP_W, 0, pendingW.shift()!);
}

/**
 * Interleaved 1F1B (Narayanan et al. 2021 §2.2.2; Megatron-LM `forward_backward_pipelining_with_interleaving`):
 * each rank holds V chunks; virtual chain position = chunk·PP + rank. Micro-batches are taken in groups of PP
 * (Megatron's `microbatch_group_size_per_vp_stage` default); for each group the forwards visit chunks 0..V−1
 * and the backwards chunks V−1..0. Warm-up forwards: 2(PP−r−1) + (V−1)·PP.
 */
function interleaved(ranks: number, m: number, v: number, pairFB = false): ScheduleOrders {
  if (v > 1 && m % ranks !== 0) {
    // Megatron-LM raises the same error: the interleaved order needs whole groups of PP micro-batches.
    throw new ScheduleError(
      'training.globalBatchSize',
      `interleaved-1f1b needs micro-batches per step (${m}) divisible by the pipeline size (${ranks})`,
    );
  }
  if (v === 1) {
    const o = single('1f1b', ranks, m, oneF1BRank);
    return { ...o, schedule: 'interleaved-1f1b' };
  }
  // Schedule table: virtual step k → (micro-batch, forward chunk).
  const tableMb: number[] = [];
  const tableChunk: number[] = [];
  for (let g = 0; g < m; g += ranks) {
    const size = Math.min(ranks, m - g);
    for (let c = 0; c < v; c++) {
      for (let i = 0; i < size; i++) {
        tableMb.push(g + i);
        tableChunk.push(c);
      }
    }
  }
  const total = m * v;
  const b = new OrderBuilder();
  const chainOf: number[] = [];
  const positionOf: number[] = [];
  for (let r = 0; r < ranks; r++) {
    // combined 1F1B schedules one extra forward before the steady state, "to ensure the forward and backward
    // computations are independent in all 1f1b steps" (Megatron-Core schedules.py get_pp_rank_microbatches)
    const warmup = Math.min((ranks - r - 1) * 2 + (v - 1) * ranks + (pairFB ? 1 : 0), total);
    const fwd = (k: number) => b.push(OP_F, tableChunk[k]!, tableMb[k]!);
    const bwd = (k: number) => b.push(OP_BW, v - 1 - tableChunk[k]!, tableMb[k]!);
    for (let k = 0; k < warmup; k++) fwd(k);
    for (let k = 0; k < total - warmup; k++) {
      if (pairFB) {
        // combined 1F1B: the steady-state forward and backward run as one overlapped step (combined_1f1b.py)
        b.push(OP_FB, tableChunk[warmup + k]!, tableMb[warmup + k]!, v - 1 - tableChunk[k]!, tableMb[k]!);
      } else {
        fwd(warmup + k);
        bwd(k);
      }
    }
    for (let k = total - warmup; k < total; k++) bwd(k);
    b.endRank();
    for (let c = 0; c < v; c++) {
      chainOf.push(0);
      positionOf.push(c * ranks + r);
    }
  }
  return finish(b, 'interleaved-1f1b', ranks, v, 1, ranks * v, m, chainOf, positionOf);
}

/** Emits DualPipe-family ops in terms of local phases, tracking per-chunk counters and the FIFO of deferred W's. */
class DualEmitter {
  f = [0, 0];
  bk = [0, 0];
  pendingW: Array<[number, number]> = [];
  constructor(
    private readonly b: OrderBuilder,
    private readonly chunkOfPhase: (phase: number) => number,
  ) {}
  F(phase: number): void {
    const c = this.chunkOfPhase(phase);
    this.b.push(OP_F, c, this.f[c]!++);
  }
  B(phase: number, zb: boolean): void {
    const c = this.chunkOfPhase(phase);
    const mb = this.bk[c]!++;
    if (zb) {
      this.b.push(OP_B, c, mb);
      this.pendingW.push([c, mb]);
    } else {
      this.b.push(OP_BW, c, mb);
    }
  }
  W(): void {
    const w = this.pendingW.shift();
    if (!w) throw new Error('DualPipe order: W with empty queue');
    this.b.push(OP_W, w[0], w[1]);
  }
  FB(phaseF: number, phaseB: number): void {
    const cf = this.chunkOfPhase(phaseF);
    const cb = this.chunkOfPhase(phaseB);
    this.b.push(OP_FB, cf, this.f[cf]!++, cb, this.bk[cb]!++);
  }
}

function checkDual(schedule: 'dualpipe' | 'dualpipev', ranks: number, m: number): void {
  if (schedule === 'dualpipe' && ranks % 2 !== 0) {
    throw new ScheduleError('parallelism.pipeline', `dualpipe needs an even number of pipeline ranks, got ${ranks}`);
  }
  if (m % 2 !== 0 || m < ranks * 2) {
    throw new ScheduleError(
      'training.globalBatchSize',
      `${schedule} needs an even number of micro-batches per step of at least 2 × pipeline (${ranks * 2}), got ${m}`,
    );
  }
}

/**
 * DualPipe (DeepSeek-V3 §3.2.1, Fig. 5; phase structure of deepseek-ai/DualPipe `dualpipe/dualpipe.py` @3da1bbe).
 * Rank r holds stage r of the forward-direction chain (chunk 0) and stage PP−1−r of the reverse chain (chunk 1);
 * half of the micro-batches enter at each end. Phases per rank (h = min(r, PP−1−r), n = PP/2, local phase 0 is
 * chunk 0 for the first half of the ranks and chunk 1 for the second half):
 * 1 nF0 ×2(n−h−1); 2 nF0F1 ×(h+1); 3 nB1W1F1 ×(n−h−1); 4 nF0B1F1B0 ×(m/2−PP+h+1); 5 nB1F1B0 ×(n−h−1);
 * 6 nB1B0 ×(h+1) (second half zero-bubble); 7 nWB0 ×(n−h−1); 8 nW ×(h+1).
 */
function dualPipe(ranks: number, m: number): ScheduleOrders {
  checkDual('dualpipe', ranks, m);
  const n = ranks / 2;
  const half = m / 2;
  const b = new OrderBuilder();
  const chainOf: number[] = [];
  const positionOf: number[] = [];
  for (let r = 0; r < ranks; r++) {
    const second = r >= n ? 1 : 0;
    const h = Math.min(r, ranks - 1 - r);
    const middle = r === n - 1 || r === n;
    const e = new DualEmitter(b, (phase) => phase ^ second);
    for (let i = 0; i < (n - h - 1) * 2; i++) e.F(0);
    for (let i = 0; i < h + 1; i++) {
      e.F(0);
      e.F(1);
    }
    for (let i = 0; i < n - h - 1; i++) {
      e.B(1, true);
      e.W();
      e.F(1);
    }
    const step4 = half - ranks + h + 1;
    for (let i = 0; i < step4; i++) {
      if (i === 0 && middle) {
        // dualpipe.py: the middle ranks do not overlap this first pair, to reduce the bubble.
        e.F(0);
        e.B(1, false);
      } else {
        e.FB(0, 1);
      }
      e.FB(1, 0);
    }
    for (let i = 0; i < n - h - 1; i++) {
      e.B(1, false);
      e.FB(1, 0);
    }
    const step6 = h + 1;
    let zb = false;
    for (let i = 0; i < step6; i++) {
      if (i === Math.floor(step6 / 2) && h % 2 === 1) zb = true;
      e.B(1, zb);
      if (i === Math.floor(step6 / 2) && h % 2 === 0) zb = true;
      e.B(0, zb);
    }
    for (let i = 0; i < n - h - 1; i++) {
      e.W();
      e.B(0, true);
    }
    for (let i = 0; i < h + 1; i++) e.W();
    if (e.pendingW.length !== 0) throw new Error('DualPipe order: weight-gradient queue not drained');
    b.endRank();
    chainOf.push(0, 1);
    positionOf.push(r, ranks - 1 - r);
  }
  return finish(b, 'dualpipe', ranks, 2, 2, ranks, half, chainOf, positionOf);
}

/**
 * DualPipeV ("cut-in-half" DualPipe, Sea AI Lab; deepseek-ai/DualPipe `dualpipe/dualpipev.py` @3da1bbe):
 * a V-shaped chain of 2·PP stages over PP ranks; rank r holds stage r (chunk 0) and stage 2PP−1−r (chunk 1).
 * All micro-batches enter at rank 0. Phases: 1 nF0 ×2(PP−r−1); 2 nF0F1 ×(r+1); 3 nB1W1F1 ×(PP−r−1);
 * 4 nF0B1F1B0 ×(m−2PP+r+1); 5 nB1F1B0 ×(PP−r−1); 6 nB1B0 ×(r+1); 7 nWB0 ×(PP−r−1); 8 nW ×(r+1).
 */
function dualPipeV(ranks: number, m: number): ScheduleOrders {
  checkDual('dualpipev', ranks, m);
  const b = new OrderBuilder();
  const chainOf: number[] = [];
  const positionOf: number[] = [];
  for (let r = 0; r < ranks; r++) {
    const last = r === ranks - 1;
    const e = new DualEmitter(b, (phase) => phase);
    for (let i = 0; i < (ranks - r - 1) * 2; i++) e.F(0);
    for (let i = 0; i < r + 1; i++) {
      e.F(0);
      e.F(1);
    }
    for (let i = 0; i < ranks - r - 1; i++) {
      e.B(1, true);
      e.W();
      e.F(1);
    }
    const step4 = m - ranks * 2 + r + 1;
    for (let i = 0; i < step4; i++) {
      if (i === 0 && last) {
        e.F(0);
        e.B(1, false);
      } else {
        e.FB(0, 1);
      }
      e.FB(1, 0);
    }
    for (let i = 0; i < ranks - r - 1; i++) {
      e.B(1, false);
      e.FB(1, 0);
    }
    const step6 = r + 1;
    let zb = false;
    for (let i = 0; i < step6; i++) {
      if (i === Math.floor(step6 / 2) && r % 2 === 1) zb = true;
      e.B(1, zb);
      if (i === Math.floor(step6 / 2) && r % 2 === 0) zb = true;
      e.B(0, zb);
    }
    for (let i = 0; i < ranks - r - 1; i++) {
      e.W();
      e.B(0, true);
    }
    for (let i = 0; i < r + 1; i++) e.W();
    if (e.pendingW.length !== 0) throw new Error('DualPipeV order: weight-gradient queue not drained');
    b.endRank();
    chainOf.push(0, 0);
    positionOf.push(r, 2 * ranks - 1 - r);
  }
  return finish(b, 'dualpipev', ranks, 2, 1, 2 * ranks, m, chainOf, positionOf);
}
