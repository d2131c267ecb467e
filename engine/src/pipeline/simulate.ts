/**
 * Discrete-event simulation of a pipeline schedule: every rank executes its fixed op order (orders.ts); an op
 * starts when the rank is free and its cross-rank input has arrived (forward: the previous chain position's F
 * plus the p2p transfer; backward: the next position's B plus the transfer; the last position's backward
 * needs its own forward). No per-op objects are allocated unless a timeline is requested.
 */
import type { TimelineOp } from '../report/types.js';
import { OP_B, OP_BW, OP_F, OP_FB, OP_W, type ScheduleOrders } from './orders.js';

/**
 * Per-(rank, chunk) op durations in seconds, index rank * chunks + chunk.
 * `b` is backward-for-input only and `w` the weight gradient; a full backward lasts b + w.
 */
export interface StageDurations {
  f: Float64Array;
  b: Float64Array;
  w: Float64Array;
  /**
   * Duration of an overlapped pair (forward of chunk cf, full backward of chunk cb) on one rank, index
   * (rank * chunks + cf) * chunks + cb. Absent → f + b + w (no overlap).
   */
  fb?: Float64Array;
  /** Seconds to move one micro-batch's activation (or its gradient) to the adjacent rank; 0 within a rank. */
  p2pSeconds: number;
  /**
   * Blocking sends: the sending rank waits for its transfer to finish before its next op (Megatron-LM's synchronous
   * batched isend/irecv + wait, the default without `--overlap-p2p-communication`). Overlapped F&B pairs never block
   * (DualPipe hides PP communication inside the pair, DeepSeek-V3 §3.2.1). Default false.
   */
  p2pBlocking?: boolean;
}

export interface SimulationResult {
  /** Time from the first op's start to the last op's end (one optimizer step's pipeline phase). */
  makespan: number;
  /** Busy (computing) seconds per rank. */
  busy: Float64Array;
  /** Peak in-flight forward activations per rank, in (chunk × micro-batch) units. */
  inFlight: Int32Array;
  /** Ops per rank that were overlapped F&B pairs. */
  overlappedPairs: Int32Array;
  /**
   * p2p transfer seconds on the critical path (backtracked from the last op through the dependency or rank-order
   * edge that determined each start): the pipeline-communication time the schedule did not hide.
   */
  p2pOnCriticalPath: number;
  timeline?: TimelineOp[];
}

const OP_NAMES: TimelineOp['op'][] = ['F', 'B', 'W', 'B', 'FB'];

interface Scratch {
  fEnd: Float64Array;
  bEnd: Float64Array;
  fOp: Int32Array;
  bOp: Int32Array;
  pred: Int32Array;
  blocked: Uint8Array;
}
let pool: Scratch | undefined;

/**
 * Working arrays of a simulation, reused across calls (the simulation is synchronous and returns none of them), so
 * that a search or a benchmark loop does not allocate and zero eight arrays per estimate; grown when a larger
 * schedule needs more. Callers initialise what they read before writing.
 */
function scratch(slots: number, ops: number): Scratch {
  if (!pool || pool.fEnd.length < slots || pool.pred.length < ops) {
    const s = Math.max(slots, pool?.fEnd.length ?? 0);
    const n = Math.max(ops, pool?.pred.length ?? 0);
    pool = {
      fEnd: new Float64Array(s),
      bEnd: new Float64Array(s),
      fOp: new Int32Array(s),
      bOp: new Int32Array(s),
      pred: new Int32Array(n),
      blocked: new Uint8Array(n),
    };
  }
  return pool;
}

/** Simulate one step of the schedule. Throws if the orders deadlock (a bug in an order generator). */
export function simulate(o: ScheduleOrders, d: StageDurations, opts: { timeline?: boolean } = {}): SimulationResult {
  const R = o.ranks;
  const C = o.chunks;
  const M = o.microBatchesPerChain;
  const slots = o.chains * o.chainLength * M;
  const buf = scratch(slots, o.rankStart[o.ranks]!);
  const { fEnd, bEnd, fOp, bOp, pred, blocked } = buf;
  fEnd.fill(-1, 0, slots);
  bEnd.fill(-1, 0, slots);
  const { kind, chunk, chunk2, fDep, fDepCross, bDep, bDepOwnF, bDepCross, out, out2, rankStart, fOutCross, bOutCross } = o;
  const blocking = d.p2pBlocking === true;
  const f = d.f;
  const bIn = d.b;
  const w = d.w;
  const fb = d.fb;
  const ptr = Int32Array.from(rankStart.subarray(0, R));
  const free = new Float64Array(R);
  const busy = new Float64Array(R);
  const live = new Int32Array(R);
  const inFlight = new Int32Array(R);
  const pairs = new Int32Array(R);
  const p2p = d.p2pSeconds;
  const timeline: TimelineOp[] | undefined = opts.timeline ? [] : undefined;
  let remaining = rankStart[R]! - rankStart[0]!;
  // critical-path bookkeeping: which op completed each slot, and what bound each op's start
  // fOp/bOp (which op completed each slot) and pred are written before they are read; blocked (1 if the op ended
  // with a blocking send) is written for every op below. pred[i] = 2·(op whose end (+ p2p) set i's start) + 1 if that
  // edge carried a p2p transfer (cross-rank or blocking send); −2 = none.
  const lastEnd = new Float64Array(R); // end of each rank's last op (before any blocking send)

  while (remaining > 0) {
    let progress = false;
    for (let r = 0; r < R; r++) {
      const first = rankStart[r]!;
      const stop = rankStart[r + 1]!;
      let i = ptr[r]!;
      let t = free[r]!;
      let busyR = busy[r]!;
      let liveR = live[r]!;
      let peakR = inFlight[r]!;
      while (i < stop) {
        const k = kind[i]!;
        let ready = 0;
        let readyOp = -1;
        let readyP2p = 0;
        if (k === OP_F || k === OP_FB) {
          const dep = fDep[i]!;
          if (dep >= 0) {
            const e = fEnd[dep]!;
            if (e < 0) break;
            const cross = fDepCross[i]!;
            ready = cross ? e + p2p : e;
            readyOp = fOp[dep]!;
            readyP2p = cross;
          }
        }
        if (k === OP_B || k === OP_BW || k === OP_FB) {
          const dep = bDep[i]!;
          const own = bDepOwnF[i]!;
          const e = own ? fEnd[dep]! : bEnd[dep]!;
          if (e < 0) break;
          const cross = bDepCross[i]!;
          const rb = cross ? e + p2p : e;
          if (rb > ready || readyOp < 0) {
            if (rb >= ready) {
              ready = rb;
              readyOp = own ? fOp[dep]! : bOp[dep]!;
              readyP2p = cross;
            }
          }
        }
        if (ready > t) pred[i] = 2 * readyOp + readyP2p;
        else pred[i] = i > first ? 2 * (i - 1) + blocked[i - 1]! : -2;
        const rc = r * C + chunk[i]!;
        let dur: number;
        if (k === OP_F) dur = f[rc]!;
        else if (k === OP_B) dur = bIn[rc]!;
        else if (k === OP_W) dur = w[rc]!;
        else if (k === OP_BW) dur = bIn[rc]! + w[rc]!;
        else {
          const rc2 = r * C + chunk2[i]!;
          dur = fb ? fb[rc * C + chunk2[i]!]! : f[rc]! + bIn[rc2]! + w[rc2]!;
        }
        const start = ready > t ? ready : t;
        t = start + dur;
        busyR += dur;
        lastEnd[r] = t;
        // a blocking send keeps the rank waiting (idle, not busy) until the transfer is done
        if (blocking && k !== OP_FB && k !== OP_W && (k === OP_F ? fOutCross[i] : bOutCross[i])) {
          t += p2p;
          blocked[i] = 1;
        } else blocked[i] = 0;
        if (k === OP_F || k === OP_FB) fOp[out[i]!] = i;
        if (k === OP_B || k === OP_BW) bOp[out[i]!] = i;
        if (k === OP_FB) bOp[out2[i]!] = i;
        if (k === OP_F) {
          fEnd[out[i]!] = t;
          liveR++;
          if (liveR > peakR) peakR = liveR;
        } else if (k === OP_B || k === OP_BW) {
          bEnd[out[i]!] = t;
          liveR--;
        } else if (k === OP_FB) {
          fEnd[out[i]!] = t;
          bEnd[out2[i]!] = t;
          if (liveR + 1 > peakR) peakR = liveR + 1;
          pairs[r] = pairs[r]! + 1;
        }
        if (timeline) timeline.push(timelineOp(o, r, i, start, t));
        i++;
        remaining--;
        progress = true;
      }
      ptr[r] = i;
      free[r] = t;
      busy[r] = busyR;
      live[r] = liveR;
      inFlight[r] = peakR;
    }
    if (!progress) throw new Error(`pipeline simulation deadlocked (${o.schedule}, ${R} ranks, ${M} micro-batches per chain)`);
  }
  let makespan = 0;
  let lastOp = -1;
  let lastEndValue = 0;
  for (let r = 0; r < R; r++) {
    if (free[r]! > makespan) makespan = free[r]!;
    const endOp = rankStart[r + 1]! - 1;
    if (endOp >= rankStart[r]! && (lastOp < 0 || lastEnd[r]! > lastEndValue)) {
      lastOp = endOp;
      lastEndValue = lastEnd[r]!;
    }
  }
  let onPath = lastOp >= 0 && blocked[lastOp] ? p2p : 0;
  for (let i = lastOp; i >= 0; ) {
    const e = pred[i]!;
    if (e & 1) onPath += p2p;
    i = e >> 1;
  }
  const result: SimulationResult = { makespan, busy, inFlight, overlappedPairs: pairs, p2pOnCriticalPath: onPath };
  if (timeline) result.timeline = timeline;
  return result;
}

/** Timeline entry of op i on rank r; micro-batch ids are made unique across DualPipe's two chains. */
function timelineOp(o: ScheduleOrders, r: number, i: number, start: number, end: number): TimelineOp {
  const C = o.chunks;
  const M = o.microBatchesPerChain;
  const c = o.chunk[i]!;
  const op: TimelineOp = { rank: r, op: OP_NAMES[o.kind[i]!]!, microBatch: o.chainOf[r * C + c]! * M + o.microBatch[i]!, chunk: c, start, end };
  if (o.kind[i] === OP_FB) {
    const c2 = o.chunk2[i]!;
    op.chunk2 = c2;
    op.microBatch2 = o.chainOf[r * C + c2]! * M + o.microBatch2[i]!;
  }
  return op;
}

export { OP_B, OP_BW, OP_F, OP_FB, OP_W };
