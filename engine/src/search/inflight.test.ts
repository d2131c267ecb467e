import { describe, expect, it } from 'vitest';
import { inFlightMicroBatches } from '../memory/schedule.js';
import { runPipeline } from '../pipeline/index.js';
import { microBatchesOk } from './rules.js';
import type { Schedule } from '../plan/types.js';
import { inFlightFromOrders } from './inflight.js';

const SCHEDULES: Schedule[] = ['gpipe', '1f1b', 'zb1p', 'interleaved-1f1b', 'dualpipe', 'dualpipev'];

function durations(ranks: number, chunks: number) {
  const n = ranks * chunks;
  // uneven, deterministic durations: the in-flight count must not depend on them
  const f = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3) * 0.37);
  const b = Float64Array.from({ length: n }, (_, i) => 1.5 + (i % 5) * 0.21);
  const w = Float64Array.from({ length: n }, (_, i) => 0.6 + (i % 2) * 0.4);
  return { f, b, w, p2pSeconds: 0.05 };
}

describe('in-flight activations from the op order', () => {
  it('equal the simulator’s counts (which ignore durations)', () => {
    for (const schedule of SCHEDULES)
      for (const pp of [2, 3, 4, 8])
        for (const v of schedule === 'interleaved-1f1b' ? [2, 3] : [schedule.startsWith('dual') ? 2 : 1])
          for (const m of [2, 4, 6, 8, 12, 16, 17, 24]) {
            if (!microBatchesOk(schedule, pp, m) || (schedule === 'dualpipe' && pp % 2 !== 0)) continue;
            const chunks = schedule === 'interleaved-1f1b' ? v : schedule.startsWith('dual') ? 2 : 1;
            const run = runPipeline({ schedule, ranks: pp, microBatches: m, virtualStages: v }, durations(pp, chunks));
            expect(inFlightFromOrders(schedule, pp, m, v), `${schedule} pp${pp} v${v} m${m}`).toEqual(run.inFlight);
          }
  });

  it('equal the closed forms memoryReport uses by default, up to and past saturation (the search’s exact memory check relies on it)', () => {
    let compared = 0;
    for (const schedule of SCHEDULES)
      for (const pp of [1, 2, 3, 4, 6, 8, 16, 32, 64])
        for (const v of schedule === 'interleaved-1f1b' ? [1, 2, 3, 4] : [schedule.startsWith('dual') ? 2 : 1]) {
          if (schedule.startsWith('dual') && pp < 2) continue;
          if (schedule === 'dualpipe' && pp % 2 !== 0) continue;
          const saturation = 2 * pp * v + 4;
          const ms = new Set<number>();
          for (let m = 1; m <= Math.min(saturation, 160); m++) ms.add(m);
          for (const m of [saturation, saturation + 1, 2 * saturation, 4 * saturation + 2]) ms.add(m);
          for (const m of ms) {
            if (!microBatchesOk(schedule, pp, m) && schedule !== 'interleaved-1f1b') continue;
            if (schedule === 'interleaved-1f1b' && v > 1 && m % pp !== 0) continue;
            const fromOrders = inFlightFromOrders(schedule, pp, m, v);
            const closed = fromOrders.map((_, r) => inFlightMicroBatches(schedule, pp, r, v, m));
            expect(closed, `${schedule} pp${pp} v${v} m${m}`).toEqual(fromOrders);
            compared++;
          }
        }
    expect(compared).toBeGreaterThan(1500);
  });
});
