/**
 * Pipeline schedules: op orders per schedule, the event simulation, and the Table-2 closed forms.
 */
import type { Schedule } from '../plan/types.js';
import type { TimelineOp } from '../report/types.js';
import { ordersFor, type ScheduleOrders } from './orders.js';
import { simulate, type StageDurations } from './simulate.js';

export { buildOrders, ordersFor, ScheduleError, OP_F, OP_B, OP_W, OP_BW, OP_FB, type ScheduleOrders, type OrderParams } from './orders.js';
export { simulate, type StageDurations, type SimulationResult } from './simulate.js';
export { tableTwoBubble, tableTwoActivations, type UniformStage } from './closed-forms.js';

export interface PipelineRun {
  schedule: Schedule;
  orders: ScheduleOrders;
  /** Seconds from the first op's start to the last op's end. */
  makespan: number;
  /** Busy seconds per rank. */
  busy: number[];
  /** Rank with the most busy time (the critical rank for the breakdown). */
  criticalRank: number;
  /** makespan − busy time of the critical rank: idle time the schedule cannot fill. */
  bubbleSeconds: number;
  /** Peak in-flight (chunk × micro-batch) activations per rank. */
  inFlight: number[];
  /** Overlapped F&B pairs per rank. */
  overlappedPairs: number[];
  /** p2p seconds on the critical path (exposed pipeline communication). */
  p2pOnCriticalPath: number;
  timeline?: TimelineOp[];
}

/** Build the orders for (schedule, ranks, micro-batches, virtual stages) and simulate them with the given durations. */
export function runPipeline(
  p: { schedule: Schedule; ranks: number; microBatches: number; virtualStages?: number; pairFB?: boolean },
  durations: StageDurations,
  opts: { timeline?: boolean } = {},
): PipelineRun {
  const orders = ordersFor(p);
  const sim = simulate(orders, durations, opts);
  let critical = 0;
  for (let r = 1; r < orders.ranks; r++) if (sim.busy[r]! > sim.busy[critical]!) critical = r;
  const run: PipelineRun = {
    schedule: p.schedule,
    orders,
    makespan: sim.makespan,
    busy: Array.from(sim.busy),
    criticalRank: critical,
    bubbleSeconds: Math.max(0, sim.makespan - sim.busy[critical]!),
    inFlight: Array.from(sim.inFlight),
    overlappedPairs: Array.from(sim.overlappedPairs),
    p2pOnCriticalPath: sim.p2pOnCriticalPath,
  };
  if (sim.timeline) run.timeline = sim.timeline;
  return run;
}
