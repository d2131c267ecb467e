import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';
import { MAX_TIMED, rampBatchSizes, rampTotals } from './ramp.js';

/** Llama 3 70B on 256 H100, PP4 1F1B, DP64: batch 1024 sequences = 16 micro-batches per rank. */
function llama70b(batchRamp?: Record<string, number>) {
  return {
    version: 1,
    name: 'llama3-70b-ramp',
    model: 'llama3-70b',
    training: { tokens: 2e12, sequenceLength: 8192, globalBatchSize: 1024, microBatchSize: 1, ...(batchRamp ? { batchRamp } : {}) },
    cluster: { gpu: 'h100-sxm', gpus: 256 },
    parallelism: { tensor: 1, pipeline: 4, context: 1, zero: 1, schedule: '1f1b', recompute: 'full' },
    precision: 'bf16',
  };
}

const errorsOf = (plan: unknown) => {
  const v = validatePlan(plan);
  return v.ok ? [] : v.errors;
};

describe('batch ramp stages', () => {
  it('steps from the start batch by the increment up to, not including, the full batch', () => {
    expect(rampBatchSizes({ startBatchSize: 256, tokens: 1e9, increment: 256 }, 1024)).toEqual([256, 512, 768]);
  });

  it('gives each stage an equal share of the ramp tokens and times every stage when there are few', () => {
    const timed: number[] = [];
    const r = rampTotals({ startBatchSize: 256, tokens: 3 * 2 ** 30, increment: 256 }, { globalBatchSize: 1024, sequenceLength: 4096 }, (b) => {
      timed.push(b);
      return 1 + b / 1000;
    });
    expect(timed).toEqual([256, 512, 768]);
    // 2^30 tokens per stage: 1024, 512 and 341.33 → 342 steps
    expect(r.stages.map((s) => s.steps)).toEqual([1024, 512, 342]);
    expect(r.steps).toBe(1024 + 512 + 342);
    expect(r.seconds).toBeCloseTo(1024 * 1.256 + 512 * 1.512 + 342 * 1.768, 6);
  });

  it('simulates at most MAX_TIMED stages and interpolates the rest (exact for a step affine in the batch)', () => {
    const timed: number[] = [];
    const affine = (b: number) => 0.5 + 0.001 * b;
    const r = rampTotals({ startBatchSize: 64, tokens: 1e12, increment: 64 }, { globalBatchSize: 64 * 101, sequenceLength: 2048 }, (b) => {
      timed.push(b);
      return affine(b);
    });
    expect(r.stages).toHaveLength(100);
    expect(timed).toHaveLength(MAX_TIMED);
    expect(timed[0]).toBe(64);
    expect(timed[MAX_TIMED - 1]).toBe(6400);
    for (const s of r.stages) expect(s.stepSeconds).toBeCloseTo(affine(s.globalBatchSize), 9);
    expect(r.stages.filter((s) => s.simulated)).toHaveLength(MAX_TIMED);
  });
});

describe('the default increment', () => {
  it('is the smallest multiple of the layout\'s step that reaches the full batch in at most 64 stages (the last may be partial)', () => {
    const plan = llama70b({ startBatchSize: 64, tokens: 1e11 });
    plan.training = { ...plan.training, globalBatchSize: 8192 };
    const r = estimate(plan);
    const d = r.details!['batchRamp'] as { increment: number; stages: Array<{ globalBatchSize: number }> };
    // 8128 sequences to add in units of 64 (data 64 × micro-batch 1): 127 units, so 2 units per stage
    expect(d.increment).toBe(128);
    expect(d.stages).toHaveLength(64);
    expect(d.stages[63]!.globalBatchSize).toBe(64 + 63 * 128);
    expect(d.stages[63]!.globalBatchSize).toBeLessThan(8192);
  });
});

describe('batch ramp in the estimate', () => {
  it('adds steps and GPU-hours over the same tokens at the full batch, more the smaller it starts', () => {
    const plain = estimate(llama70b());
    const ramp = (start: number) => estimate(llama70b({ startBatchSize: start, tokens: 2e11 }));
    const from256 = ramp(256);
    const from512 = ramp(512);
    const d = from256.details!['batchRamp'] as { stages: Array<{ stepSeconds: number; globalBatchSize: number }>; steps: number; extraGpuHours: number; increment: number };
    expect(d.increment).toBe(64); // data 64 × micro-batch 1
    expect(d.stages[0]!.globalBatchSize).toBe(256);
    // a smaller batch is a shorter step but a dearer token: the 1F1B bubble is spread over fewer micro-batches
    expect(d.stages[0]!.stepSeconds).toBeLessThan(plain.step.seconds);
    expect(d.stages[0]!.stepSeconds / 256).toBeGreaterThan(plain.step.seconds / 1024);
    expect(from256.totals.steps).toBeGreaterThan(plain.totals.steps);
    expect(from256.totals.gpuHours).toBeCloseTo(plain.totals.gpuHours + d.extraGpuHours, 6);
    expect(d.extraGpuHours).toBeGreaterThan(0);
    expect(from256.totals.gpuHours).toBeGreaterThan(from512.totals.gpuHours);
    expect(from512.totals.gpuHours).toBeGreaterThan(plain.totals.gpuHours);
    // the step itself (full batch) is unchanged: the ramp is a whole-run effect
    expect(from256.step.seconds).toBe(plain.step.seconds);
    expect(plain.details!['batchRamp']).toBeNull();
  });

  it('names the field of a ramp that cannot run: start above the batch, more tokens than the run, an off-grid increment', () => {
    const errs = errorsOf(llama70b({ startBatchSize: 2048, tokens: 3e12, increment: 100 }));
    expect(errs.map((e) => e.path)).toEqual(['training.batchRamp.startBatchSize', 'training.batchRamp.tokens', 'training.batchRamp.increment']);
    expect(errs[2]!.message).toContain('multiple of 64 sequences');
    // a start that is not a whole number of micro-batches per data-parallel rank fails the plan's own rule, at the ramp
    const start = errorsOf(llama70b({ startBatchSize: 100, tokens: 1e11 }));
    expect(start[0]!.path).toBe('training.batchRamp.startBatchSize');
    expect(start[0]!.message).toMatch(/^at the ramp's start \(100 sequences\)/);
    expect(start).toHaveLength(1); // an off-grid start is not also reported as an uneven ramp
    // the default increment (64) must reach the full batch evenly from the start
    expect(errorsOf(llama70b({ startBatchSize: 320, tokens: 1e11, increment: 128 })).map((e) => e.path)).toEqual(['training.batchRamp.increment']);
    expect(errorsOf(llama70b({ startBatchSize: 320, tokens: 1e11 }))).toEqual([]);
    // a stated increment that leaves more than 1000 stages is refused, naming the smallest it accepts
    const many = { ...llama70b({ startBatchSize: 64, tokens: 1e11, increment: 64 }) };
    many.training = { ...many.training, globalBatchSize: 128_000 };
    const tooMany = errorsOf(many);
    expect(tooMany.map((e) => e.path)).toEqual(['training.batchRamp.increment']);
    expect(tooMany[0]!.message).toContain('1999 ramp stages');
    // unknown fields and bad values are schema errors on the field
    expect(errorsOf(llama70b({ startBatchSize: 0, tokens: 1e11 })).map((e) => e.path)).toEqual(['training.batchRamp.startBatchSize']);
  });
});
