import { describe, expect, it } from 'vitest';
import type { Schedule } from '../plan/types.js';
import { buildOrders, ordersFor, runPipeline, ScheduleError, tableTwoActivations, tableTwoBubble, type StageDurations } from './index.js';

/** Uniform durations: every (rank, chunk) has forward f, full backward b of which w is the weight gradient. */
function uniform(ranks: number, chunks: number, f: number, b: number, w: number, fb: number, p2p = 0): StageDurations {
  const n = ranks * chunks;
  return {
    f: new Float64Array(n).fill(f),
    b: new Float64Array(n).fill(b - w),
    w: new Float64Array(n).fill(w),
    fb: new Float64Array(n * chunks).fill(fb),
    p2pSeconds: p2p,
  };
}

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('pipeline simulation reproduces the DeepSeek-V3 Table 2 closed forms for uniform stages', () => {
  const stageTimes: Array<[number, number, number]> = [
    [1, 2, 1],
    [1, 2, 0.7],
    [1.3, 2.1, 0.5],
  ];

  for (const pp of [2, 4, 8, 16]) {
    for (const [f, b, w] of stageTimes) {
      it(`1F1B bubble = (PP−1)(F+B) and rank 0 holds PP activations (PP=${pp}, F=${f}, B=${b})`, () => {
        const m = 3 * pp;
        const run = runPipeline({ schedule: '1f1b', ranks: pp, microBatches: m }, uniform(pp, 1, f, b, w, f + b));
        close(run.bubbleSeconds, tableTwoBubble('1f1b', pp, { f, b, w, fb: f + b }));
        close(run.makespan, m * (f + b) + (pp - 1) * (f + b));
        expect(run.inFlight[0]).toBe(tableTwoActivations('1f1b', pp, m));
        expect(run.inFlight).toEqual(Array.from({ length: pp }, (_, r) => pp - r));
      });

      it(`ZB1P bubble = (PP−1)(F+B−2W) with 1F1B's activation memory (PP=${pp}, F=${f}, B=${b}, W=${w})`, () => {
        const m = 3 * pp;
        const run = runPipeline({ schedule: 'zb1p', ranks: pp, microBatches: m }, uniform(pp, 1, f, b, w, f + b));
        close(run.bubbleSeconds, tableTwoBubble('zb1p', pp, { f, b, w, fb: f + b }));
        expect(run.inFlight[0]).toBe(pp);
      });
    }
  }

  // Table 2's DualPipe row is exact in the paper's setting: backward-for-input = forward (B − W = F), W ≤ F, F&B ≥ B.
  const dualTimes: Array<[number, number, number]> = [
    // [F, W, F&B]; B = F + W
    [1, 0.5, 2],
    [1, 0.5, 2.4],
    [1, 0.2, 1.5],
    [2, 1, 3],
  ];
  for (const pp of [4, 8, 16]) {
    for (const [f, w, fb] of dualTimes) {
      const b = f + w;
      it(`DualPipe bubble = (PP/2−1)(F&B+B−3W) and PP+1 activations (PP=${pp}, F=${f}, W=${w}, F&B=${fb})`, () => {
        const m = 2 * pp + 8;
        const run = runPipeline({ schedule: 'dualpipe', ranks: pp, microBatches: m }, uniform(pp, 2, f, b, w, fb));
        // Table 2 bubble is per device; the busiest device is the one whose idle time bounds the step.
        const maxIdle = Math.max(...run.busy.map((x) => run.makespan - x));
        close(maxIdle, tableTwoBubble('dualpipe', pp, { f, b, w, fb }));
        expect(Math.max(...run.inFlight)).toBe(tableTwoActivations('dualpipe', pp, m));
      });
      it(`DualPipeV on ${pp} ranks (${2 * pp} stages) has the DualPipe bubble and 2PP+1 chunk activations`, () => {
        const m = 2 * pp + 4;
        const run = runPipeline({ schedule: 'dualpipev', ranks: pp, microBatches: m }, uniform(pp, 2, f, b, w, fb));
        const maxIdle = Math.max(...run.busy.map((x) => run.makespan - x));
        close(maxIdle, tableTwoBubble('dualpipev', 2 * pp, { f, b, w, fb }));
        expect(Math.max(...run.inFlight)).toBe(2 * pp + 1);
      });
    }
  }

  it('DualPipe bubble does not grow with the number of micro-batches (§3.2.1)', () => {
    const d = uniform(8, 2, 1, 1.5, 0.5, 2);
    const a = runPipeline({ schedule: 'dualpipe', ranks: 8, microBatches: 16 }, d);
    const b = runPipeline({ schedule: 'dualpipe', ranks: 8, microBatches: 160 }, d);
    close(a.makespan - Math.min(...a.busy), b.makespan - Math.min(...b.busy));
    expect(b.inFlight).toEqual(a.inFlight);
  });

  it('GPipe bubble equals 1F1B but keeps every micro-batch in flight', () => {
    const run = runPipeline({ schedule: 'gpipe', ranks: 4, microBatches: 10 }, uniform(4, 1, 1, 2, 1, 3));
    close(run.bubbleSeconds, 3 * 3);
    expect(run.inFlight).toEqual([10, 10, 10, 10]);
  });

  it('interleaved 1F1B divides the bubble by the number of chunks (Narayanan et al. 2021 §2.2.2)', () => {
    for (const v of [2, 3, 4]) {
      const pp = 8;
      // a whole stage takes F = 1, B = 2 split over v chunks
      const run = runPipeline({ schedule: 'interleaved-1f1b', ranks: pp, microBatches: 4 * pp, virtualStages: v }, uniform(pp, v, 1 / v, 2 / v, 0, 3 / v));
      close(run.bubbleSeconds, ((pp - 1) * 3) / v);
    }
  });
});

describe('pipeline simulation of uneven stages and communication', () => {
  it('1F1B with one slow stage is paced by it: makespan = Σ(F_s+B_s) + (m−1)·max(F_s+B_s)', () => {
    const pp = 6;
    const m = 20;
    const d = uniform(pp, 1, 1, 2, 1, 3);
    // last stage holds the output head: 40% more work
    d.f[pp - 1] = 1.4;
    d.b[pp - 1] = 1.8;
    d.w[pp - 1] = 1.0;
    const run = runPipeline({ schedule: '1f1b', ranks: pp, microBatches: m }, d);
    const per = Array.from({ length: pp }, (_, s) => d.f[s]! + d.b[s]! + d.w[s]!);
    close(run.makespan, per.reduce((a, x) => a + x, 0) + (m - 1) * Math.max(...per));
    expect(run.criticalRank).toBe(pp - 1);
    // an average-stage closed form would under-predict
    const avg = per.reduce((a, x) => a + x, 0) / pp;
    expect(run.makespan).toBeGreaterThan(m * avg + (pp - 1) * avg);
  });

  it('a single micro-batch crosses every boundary twice: makespan = PP(F+B) + 2(PP−1)·p2p', () => {
    const pp = 5;
    const run = runPipeline({ schedule: '1f1b', ranks: pp, microBatches: 1 }, uniform(pp, 1, 1, 2, 1, 3, 0.25));
    close(run.makespan, pp * 3 + 2 * (pp - 1) * 0.25);
  });

  it('p2p time lengthens every schedule and never shortens it', () => {
    const schedules: Schedule[] = ['gpipe', '1f1b', 'zb1p', 'interleaved-1f1b', 'dualpipe', 'dualpipev'];
    for (const s of schedules) {
      const chunks = s === 'interleaved-1f1b' || s.startsWith('dualpipe') ? 2 : 1;
      const p = { schedule: s, ranks: 8, microBatches: 32, virtualStages: 2 };
      const a = runPipeline(p, uniform(8, chunks, 1, 2, 1, 2.5, 0));
      const b = runPipeline(p, uniform(8, chunks, 1, 2, 1, 2.5, 0.1));
      expect(b.makespan, s).toBeGreaterThan(a.makespan);
    }
  });

  it('timeline: ops on a rank never overlap, and a forward starts after its predecessor ends plus p2p', () => {
    const p2p = 0.05;
    const run = runPipeline({ schedule: 'dualpipe', ranks: 4, microBatches: 12 }, uniform(4, 2, 1, 1.5, 0.5, 2, p2p), { timeline: true });
    const tl = run.timeline!;
    expect(tl.length).toBe(run.orders.kind.length);
    for (let r = 0; r < 4; r++) {
      const ops = tl.filter((o) => o.rank === r).sort((a, b) => a.start - b.start);
      for (let i = 1; i < ops.length; i++) expect(ops[i]!.start).toBeGreaterThanOrEqual(ops[i - 1]!.end - 1e-12);
    }
    // direction 0 (chunk 0): micro-batch 0 goes rank 0 → 1 → 2 → 3
    const fwd = (rank: number) => tl.find((o) => o.rank === rank && o.chunk === 0 && o.microBatch === 0 && (o.op === 'F' || o.op === 'FB'))!;
    for (let r = 1; r < 4; r++) expect(fwd(r).start).toBeGreaterThanOrEqual(fwd(r - 1).end + p2p - 1e-12);
  });
});

describe('schedule parameter errors name the field', () => {
  it('rejects dualpipe with an odd pipeline', () => {
    expect(() => buildOrders({ schedule: 'dualpipe', ranks: 3, microBatches: 12 })).toThrow(ScheduleError);
    try {
      buildOrders({ schedule: 'dualpipe', ranks: 3, microBatches: 12 });
    } catch (e) {
      expect((e as ScheduleError).field).toBe('parallelism.pipeline');
    }
  });
  it('rejects dualpipe with fewer than 2·PP micro-batches', () => {
    expect(() => buildOrders({ schedule: 'dualpipe', ranks: 8, microBatches: 14 })).toThrow(/at least 2 × pipeline/);
  });
  it('rejects interleaved-1f1b when micro-batches are not a multiple of the pipeline size', () => {
    expect(() => buildOrders({ schedule: 'interleaved-1f1b', ranks: 16, microBatches: 120, virtualStages: 2 })).toThrow(/divisible/);
  });
  it('memoises orders (pure function of integers)', () => {
    const a = ordersFor({ schedule: '1f1b', ranks: 4, microBatches: 8 });
    expect(ordersFor({ schedule: '1f1b', ranks: 4, microBatches: 8 })).toBe(a);
  });
});
