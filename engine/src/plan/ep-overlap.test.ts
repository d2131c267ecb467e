import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { OP_FB, ordersFor, runPipeline } from '../pipeline/index.js';
import { inFlightMicroBatches } from '../memory/schedule.js';
import { inFlightFromOrders } from '../search/inflight.js';
import { qwen3Ep32Plan } from '../../test/fixtures/plans.js';

/** Qwen3-235B, TP2 PP8 VPP4 EP32 on 256 H100 (test/fixtures/plans.ts), with the overlap stated or not. */
const qwen = (epA2aOverlap?: string, par: Record<string, unknown> = {}) => qwen3Ep32Plan(par, epA2aOverlap ? { epA2aOverlap } : {});
const ep = (r: ReturnType<typeof estimate>) => r.communication.filter((c) => c.kind.startsWith('ep-')).reduce((s, c) => s + c.exposedSeconds, 0);

describe('combined 1F1B orders (Megatron-Core combined_1f1b.py)', () => {
  it('pairs every steady-state forward of interleaved-1f1b with the backward it alternates with', () => {
    const plain = ordersFor({ schedule: 'interleaved-1f1b', ranks: 4, microBatches: 8, virtualStages: 2 });
    const paired = ordersFor({ schedule: 'interleaved-1f1b', ranks: 4, microBatches: 8, virtualStages: 2, pairFB: true });
    for (let r = 0; r < 4; r++) {
      const warmup = Math.min((4 - r - 1) * 2 + 4 + 1, 16); // one extra warm-up forward (Megatron-Core)
      let fb = 0;
      for (let i = paired.rankStart[r]!; i < paired.rankStart[r + 1]!; i++) if (paired.kind[i] === OP_FB) fb++;
      expect(fb, `rank ${r}`).toBe(16 - warmup);
      // each pair replaces one F and one BW
      expect(paired.rankStart[r + 1]! - paired.rankStart[r]!).toBe(plain.rankStart[r + 1]! - plain.rankStart[r]! - fb);
    }
  });

  it('without pipelining: forward 1, then (backward i + forward i+1), then the last backward', () => {
    const o = ordersFor({ schedule: '1f1b', ranks: 1, microBatches: 4, pairFB: true });
    expect(Array.from(o.kind)).toEqual([0, 4, 4, 4, 3]); // F, FB, FB, FB, BW
    expect(Array.from(o.microBatch)).toEqual([0, 1, 2, 3, 3]);
  });

  it('a pair shorter than its two halves shortens the step; a pair as long as both changes little', () => {
    const n = 4 * 2;
    const f = new Float64Array(n).fill(1);
    const b = new Float64Array(n).fill(2);
    const w = new Float64Array(n).fill(0);
    const p = { schedule: 'interleaved-1f1b' as const, ranks: 4, microBatches: 8, virtualStages: 2 };
    const plain = runPipeline(p, { f, b, w, p2pSeconds: 0 }).makespan;
    const full = runPipeline({ ...p, pairFB: true }, { f, b, w, p2pSeconds: 0, fb: new Float64Array(n * 2).fill(3) }).makespan;
    const overlapped = runPipeline({ ...p, pairFB: true }, { f, b, w, p2pSeconds: 0, fb: new Float64Array(n * 2).fill(2.2) }).makespan;
    expect(Math.abs(full - plain) / plain).toBeLessThan(0.1);
    expect(overlapped).toBeLessThan(plain * 0.85);
  });

  it('holds the in-flight activations the closed forms give (two for a single stage)', () => {
    for (const [pp, v, m] of [[1, 1, 4], [1, 1, 1], [4, 2, 8], [4, 4, 16], [8, 2, 8]] as const) {
      const schedule = pp === 1 ? '1f1b' : 'interleaved-1f1b';
      const counts = inFlightFromOrders(schedule, pp, m, v, true);
      for (let r = 0; r < pp; r++) expect(counts[r], `pp${pp} v${v} m${m} rank ${r}`).toBe(inFlightMicroBatches(schedule, pp, r, v, m, true));
    }
  });
});

describe('assumptions.epA2aOverlap: combined-1f1b', () => {
  it('hides the expert all-to-all under the other micro-batch and shortens the step; default none', () => {
    const none = estimate(qwen());
    const combined = estimate(qwen('combined-1f1b'));
    expect(none.details!['assumptions']).toMatchObject({ epA2aOverlap: 'none' });
    expect(ep(none)).toBeGreaterThan(0);
    expect(ep(combined)).toBeLessThan(0.5 * ep(none));
    expect(combined.step.seconds).toBeLessThan(none.step.seconds);
    // the overlapped pairs run on the SMs the all-to-all leaves: compute grows a little
    expect(combined.step.breakdown.compute).toBeGreaterThan(none.step.breakdown.compute);
    expect(combined.warnings.map((w) => w.code)).not.toContain('ep-overlap-not-applied');
  });

  it('is not applied, with a warning naming the field, where Megatron-Core refuses it', () => {
    for (const par of [
      { schedule: '1f1b', virtualStages: 1 }, // pipelined without virtual stages
      { recompute: 'full' },
      { recompute: 'selective', recomputeModules: ['layernorm', 'moe'] },
    ]) {
      const plain = estimate(qwen(undefined, par));
      const stated = estimate(qwen('combined-1f1b', par));
      const w = stated.warnings.find((x) => x.code === 'ep-overlap-not-applied');
      expect(w?.message, JSON.stringify(par)).toMatch(/^assumptions\.epA2aOverlap "combined-1f1b" is not applied: /);
      expect(stated.step.seconds, JSON.stringify(par)).toBe(plain.step.seconds);
    }
  });
});
