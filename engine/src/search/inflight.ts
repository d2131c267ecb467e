/**
 * Peak in-flight activations per pipeline rank, read off the schedule's op order alone.
 *
 * The pipeline simulator (pipeline/simulate.ts) counts, per rank, +1 at every forward (F), −1 at every backward
 * (B or BW) and a momentary +1 for an overlapped F&B pair; the peak is a function of the op ORDER only, never of the
 * durations. Counting it here without timing lets the search compute the exact memory of a candidate
 * (`memoryReport(plan, { inFlight })`, the same call estimate() makes) before running the time model.
 * inflight.test.ts checks equality with the simulator.
 */
import { OP_B, OP_BW, OP_F, OP_FB, ordersFor } from '../pipeline/orders.js';
import type { Schedule } from '../plan/types.js';

const memo = new Map<string, number[]>();
const MEMO_LIMIT = 4096;

/** Peak in-flight (chunk × micro-batch) activations of every rank; memoised. */
export function inFlightFromOrders(schedule: Schedule, pp: number, microBatches: number, virtualStages: number, pairFB = false): number[] {
  const key = `${schedule}|${pp}|${microBatches}|${schedule === 'interleaved-1f1b' ? virtualStages : 0}|${pairFB ? 1 : 0}`;
  let v = memo.get(key);
  if (v) return v;
  const o = ordersFor({ schedule, ranks: pp, microBatches, virtualStages, pairFB });
  v = new Array<number>(o.ranks);
  for (let r = 0; r < o.ranks; r++) {
    let live = 0;
    let peak = 0;
    for (let i = o.rankStart[r] as number; i < (o.rankStart[r + 1] as number); i++) {
      const k = o.kind[i];
      if (k === OP_F) {
        live++;
        if (live > peak) peak = live;
      } else if (k === OP_B || k === OP_BW) {
        live--;
      } else if (k === OP_FB) {
        if (live + 1 > peak) peak = live + 1;
      }
    }
    v[r] = peak;
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(key, v);
  return v;
}
