import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from './plan/assumptions.js';
import { PlanValidationError } from './plan/errors.js';
import type { Schedule } from './plan/types.js';
import { ENGINE_VERSION, estimate, estimateResolved } from './estimate.js';
import { validatePlan } from './plan/validate.js';
import { getMetric } from './util/get-metric.js';

const llama8b = {
  version: 1,
  name: 'llama3-8b on 64 H100',
  model: 'llama3-8b',
  training: { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 1 },
  cluster: { gpu: 'h100-sxm', gpus: 64 },
  parallelism: { tensor: 2, pipeline: 4, context: 1, zero: 1, schedule: '1f1b', recompute: 'selective', sequenceParallel: true },
  precision: 'bf16',
};

const sumBreakdown = (b: Record<string, number>) => Object.values(b).reduce((a, x) => a + x, 0);

describe('estimate() report', () => {
  const r = estimate(llama8b);

  it('breakdown sums to step.seconds and every number is finite', () => {
    expect(sumBreakdown(r.step.breakdown)).toBeCloseTo(r.step.seconds, 9);
    const walk = (x: unknown, path: string): void => {
      if (typeof x === 'number') expect(Number.isFinite(x), path).toBe(true);
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
    };
    walk(r, 'report');
  });

  it('throughput follows from step time and FLOP counts', () => {
    expect(r.throughput.tokensPerSecond).toBeCloseTo((512 * 8192) / r.step.seconds, 6);
    expect(r.throughput.tokensPerGpuSecond).toBeCloseTo(r.throughput.tokensPerSecond / 64, 6);
    expect(r.throughput.modelTflopsPerGpu).toBeCloseTo((r.model.flopsPerToken.training * r.throughput.tokensPerGpuSecond) / 1e12, 6);
    expect(r.throughput.mfuBf16).toBeCloseTo((r.throughput.modelTflopsPerGpu * 1e12) / 989e12, 6);
    expect(r.throughput.hardwareTflopsPerGpu).toBeGreaterThan(r.throughput.modelTflopsPerGpu);
    expect(r.throughput.mfu).toBeGreaterThan(0.2);
    expect(r.throughput.mfu).toBeLessThan(0.7);
  });

  it('totals: GPU-hours = steps × step × GPUs / goodput; energy = GPU-hours × TDP × power fraction × PUE', () => {
    const steps = Math.ceil(1e12 / (512 * 8192));
    expect(r.totals.steps).toBe(steps);
    const gpuHours = (steps * r.step.seconds * 64) / DEFAULT_ASSUMPTIONS.goodput / 3600;
    expect(r.totals.gpuHours).toBeCloseTo(gpuHours, 3);
    expect(r.totals.wallClockDays).toBeCloseTo(gpuHours / 64 / 24, 6);
    expect(r.totals.energyMWh).toBeCloseTo((gpuHours * 700 * DEFAULT_ASSUMPTIONS.powerFractionOfTdp * DEFAULT_ASSUMPTIONS.pue) / 1e6, 6);
    expect(r.totals.costUsd).toBeGreaterThan(0);
  });

  it('reports TP, DP and PP communication with exposed ≤ total seconds', () => {
    const kinds = r.communication.map((c) => c.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(['dp', 'pp', 'tp']));
    for (const c of r.communication) {
      expect(c.exposedSeconds).toBeLessThanOrEqual(c.seconds + 1e-12);
      expect(c.bytesPerStep).toBeGreaterThan(0);
    }
  });

  it('memory comes from the simulated in-flight counts (1F1B: PP − rank)', () => {
    expect(r.pipeline.inFlight).toEqual([4, 3, 2, 1]);
    expect(r.memory.stages.map((s) => s.inFlightMicroBatches)).toEqual([4, 3, 2, 1]);
  });

  it('is addressable by getMetric and carries the engine version', () => {
    expect(getMetric(r, 'throughput.mfu')).toBe(r.throughput.mfu);
    expect(getMetric(r, 'step.breakdown.bubble')).toBe(r.step.breakdown.bubble);
    expect(r.engineVersion).toBe(ENGINE_VERSION);
  });

  it('includes the per-rank timeline only when asked, one entry per op', () => {
    expect(r.pipeline.timeline).toBeUndefined();
    const t = estimate(llama8b, { timeline: true });
    const m = 512 / (64 / 8);
    expect(t.pipeline.timeline!.length).toBe(4 * 2 * m);
    expect(t.step.seconds).toBe(r.step.seconds);
  });

  it('throws PlanValidationError naming the field for a bad plan', () => {
    try {
      estimate({ ...llama8b, parallelism: { ...llama8b.parallelism, tensor: 3 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanValidationError);
      expect((e as PlanValidationError).errors.some((x) => x.path.startsWith('parallelism'))).toBe(true);
    }
  });

  it('a schedule the numbers cannot form is a field error, not a crash', () => {
    // interleaved-1f1b needs micro-batches (512/8 = 64) divisible by the pipeline size: PP 4 ok, PP 8 with 3 per rank...
    const p = { ...llama8b, training: { ...llama8b.training, globalBatchSize: 8 * 6 }, parallelism: { ...llama8b.parallelism, schedule: 'interleaved-1f1b', virtualStages: 2 } };
    try {
      estimate(p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanValidationError);
      expect((e as PlanValidationError).errors[0]!.path).toBe('training.globalBatchSize');
    }
  });

  it('estimateResolved (the API and search path) also turns an impossible schedule into a field error', () => {
    const v = validatePlan(llama8b);
    if (!v.ok) throw new Error('fixture plan must validate');
    // a resolved plan whose micro-batch count no longer fits the schedule (as a stale or hand-built plan could)
    const plan = { ...v.plan, parallelism: { ...v.plan.parallelism, schedule: 'dualpipe' as const, microBatches: 3 } };
    try {
      estimateResolved(plan);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanValidationError);
      expect((e as PlanValidationError).errors[0]!.code).toBe('invalid_schedule');
    }
  });

  it('every schedule produces a finite, consistent estimate; zero-bubble and DualPipe beat 1F1B', () => {
    const seconds: Partial<Record<Schedule, number>> = {};
    for (const schedule of ['gpipe', '1f1b', 'interleaved-1f1b', 'zb1p', 'dualpipe', 'dualpipev'] as Schedule[]) {
      const p = { ...llama8b, parallelism: { ...llama8b.parallelism, schedule, virtualStages: schedule === 'interleaved-1f1b' ? 2 : 1 } };
      const e = estimate(p);
      expect(sumBreakdown(e.step.breakdown), schedule).toBeCloseTo(e.step.seconds, 9);
      expect(e.pipeline.bubbleFraction, schedule).toBeGreaterThanOrEqual(0);
      seconds[schedule] = e.step.seconds;
    }
    expect(seconds['zb1p']!).toBeLessThan(seconds['1f1b']!);
    expect(seconds['interleaved-1f1b']!).toBeLessThan(seconds['1f1b']!);
    expect(seconds['1f1b']!).toBeLessThanOrEqual(seconds['gpipe']! + 1e-9);
  });

  it('a plan assumption overrides the default (goodput)', () => {
    const e = estimate({ ...llama8b, assumptions: { goodput: 0.5 } });
    expect(e.totals.gpuHours / r.totals.gpuHours).toBeCloseTo(DEFAULT_ASSUMPTIONS.goodput / 0.5, 6);
  });
});
