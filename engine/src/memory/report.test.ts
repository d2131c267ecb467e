import { describe, expect, it } from 'vitest';
import type { ResolvedPlan } from '../plan/types.js';
import { validatePlan } from '../plan/validate.js';
import { memoryReport, memoryWarnings } from './report.js';

function resolve(doc: Record<string, any>): ResolvedPlan {
  const r = validatePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

/** A uniform dense model (no MTP) so the per-rank ratios of DeepSeek-V3 Table 2 are exact on the middle ranks. */
function uniform(schedule: string, zero = 0): Record<string, any> {
  return {
    version: 1,
    model: { name: 'u', layers: 32, hiddenSize: 4096, vocabSize: 32000, attention: { type: 'mha', heads: 32, headDim: 128 }, ffn: { activation: 'swiglu', intermediateSize: 11008 } },
    training: { tokens: 1e12, sequenceLength: 4096, globalBatchSize: 128 },
    cluster: { gpu: 'h100-sxm', gpus: 64 },
    parallelism: { pipeline: 8, schedule, zero },
  };
}

describe('memoryReport: DeepSeek-V3 Table 2 ratios, DualPipe vs 1F1B', () => {
  const f1b = memoryReport(resolve(uniform('1f1b')));
  const dual = memoryReport(resolve(uniform('dualpipe')));
  it('DualPipe holds 2× the parameters (and gradients, optimizer states without ZeRO) of 1F1B on a middle rank', () => {
    const a = f1b.stages[3]!;
    const d = dual.stages[3]!;
    expect(d.paramsGiB / a.paramsGiB).toBeCloseTo(2, 12);
    expect(d.gradientsGiB / a.gradientsGiB).toBeCloseTo(2, 12);
    expect(d.optimizerGiB / a.optimizerGiB).toBeCloseTo(2, 12);
    expect(d.layers).toBe(2 * a.layers);
  });
  it('DualPipe activations are (PP + 1)/PP of 1F1B\'s first rank ("PP+1" vs "PP" stage activations)', () => {
    expect(dual.stages[3]!.activationsGiB / f1b.stages[0]!.activationsGiB).toBeCloseTo(9 / 8, 12);
    // every DualPipe rank peaks at the same PP + 1
    expect(new Set(dual.stages.map((s) => s.inFlightMicroBatches)).size).toBe(1);
  });
  it('embedding and head both sit on DualPipe rank 0 (V3 §3.2.3), on different ranks for 1F1B', () => {
    expect(dual.stages[0]!.paramsGiB).toBeGreaterThan(dual.stages[3]!.paramsGiB);
    expect(f1b.stages[0]!.paramsGiB).toBeGreaterThan(f1b.stages[3]!.paramsGiB);
    expect(f1b.stages[7]!.paramsGiB).toBeGreaterThan(f1b.stages[3]!.paramsGiB);
    const emb = (32000 * 4096 * 2) / 2 ** 30;
    expect(dual.stages[0]!.paramsGiB - dual.stages[3]!.paramsGiB).toBeCloseTo(2 * emb + (4096 * 2) / 2 ** 30, 9) // + final norm;
  });
  it('1F1B activations fall linearly from rank 0 to the last rank (PP − stage)', () => {
    expect(f1b.stages.map((s) => s.inFlightMicroBatches)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });
});

describe('memoryReport: ZeRO and expert sharding', () => {
  it('ZeRO 1 shards optimizer states, 2 also gradients, 3 also weights over DP (8)', () => {
    const z = [0, 1, 2, 3].map((k) => memoryReport(resolve(uniform('1f1b', k))).stages[3]!);
    expect(z[1]!.optimizerGiB).toBeCloseTo(z[0]!.optimizerGiB / 8, 9);
    expect(z[1]!.gradientsGiB).toBe(z[0]!.gradientsGiB);
    expect(z[2]!.gradientsGiB).toBeCloseTo(z[0]!.gradientsGiB / 8, 9);
    expect(z[2]!.paramsGiB).toBe(z[0]!.paramsGiB);
    expect(z[3]!.paramsGiB).toBeCloseTo(z[0]!.paramsGiB / 8, 9);
    expect(z[3]!.otherGiB).toBeGreaterThan(z[2]!.otherGiB); // all-gather buffers
  });
  it('routed-expert weights split over EP; their optimizer states shard over expert-DP, not DP', () => {
    const base = {
      version: 1,
      model: 'mixtral-8x7b',
      training: { tokens: 1e12, sequenceLength: 4096, globalBatchSize: 256 },
      cluster: { gpu: 'h100-sxm', gpus: 64 },
      parallelism: { tensor: 1, pipeline: 1, zero: 1 },
    };
    const ep1 = memoryReport(resolve({ ...base, parallelism: { ...base.parallelism, expert: 1 } })).stages[0]!;
    const ep8 = memoryReport(resolve({ ...base, parallelism: { ...base.parallelism, expert: 8 } })).stages[0]!;
    expect(ep8.paramsGiB).toBeLessThan(ep1.paramsGiB / 3);
    // expert optimizer state per GPU is unchanged: weights /8 but expert-DP 64 → 8
    expect(ep8.optimizerGiB / ep1.optimizerGiB).toBeGreaterThan(0.9);
  });
});

describe('memoryReport: the DeepSeek-V3 paper plan', () => {
  const plan = resolve({
    version: 1,
    model: 'deepseek-v3',
    training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 },
    cluster: { gpu: 'h800-sxm', gpus: 2048 },
    parallelism: { tensor: 1, pipeline: 16, expert: 64, zero: 1, schedule: 'dualpipe', recompute: 'selective' },
    precision: 'fp8',
  });
  const mem = memoryReport(plan);
  it('fits every stage in an 80 GB H800 with finite numbers; 61 layers are split 3/4', () => {
    expect(mem.stages).toHaveLength(16);
    expect(mem.fits).toBe(true);
    expect(memoryWarnings(mem)).toEqual([]);
    for (const s of mem.stages) {
      for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
      expect(s.totalGiB).toBeGreaterThan(20);
    }
    expect(mem.stages.reduce((n, s) => n + s.layers, 0)).toBe(2 * 61); // two copies (DualPipe)
    expect(mem.stages[0]!.layers).toBe(6);
  });
  it('an override of in-flight micro-batches scales activations', () => {
    const one = memoryReport(plan, { inFlight: Array(16).fill(1) });
    expect(mem.stages[5]!.activationsGiB / one.stages[5]!.activationsGiB).toBeCloseTo(17, 9);
  });
  it('reports OOM when a plan cannot fit (no pipeline, 671B weights on one GPU per replica)', () => {
    const r = validatePlan({ version: 1, model: 'deepseek-v3', training: { tokens: 1e12, sequenceLength: 4096, globalBatchSize: 64 }, cluster: { gpu: 'h800-sxm', gpus: 64 }, parallelism: { expert: 64 } });
    if (!r.ok) throw new Error('plan');
    const m = memoryReport(r.plan);
    expect(m.fits).toBe(false);
    expect(memoryWarnings(m)[0]?.code).toBe('out-of-memory');
  });
});
