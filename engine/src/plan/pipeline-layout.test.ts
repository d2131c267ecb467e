import { describe, expect, it } from 'vitest';
import { checkPipelineLayout, layoutLayerCounts, parsePipelineLayout } from './pipeline-layout.js';
import { estimate } from '../estimate.js';
import { validatePlan } from './validate.js';

const chunksOf = (s: string) => {
  const p = parsePipelineLayout(s);
  if (!p.ok) throw new Error(p.message);
  return p.chunks;
};

/** DeepSeek-V3 (61 layers, one MTP module) as Megatron-Bridge runs it on 256 GB200: PP4 × VP4, EP64. */
const v3 = (pipelineLayout?: string) => ({
  version: 1,
  model: 'deepseek-v3',
  training: { tokens: 1e10, sequenceLength: 4096, globalBatchSize: 4096, microBatchSize: 1 },
  cluster: { gpu: 'gb200', gpus: 256, gpusPerNode: 64 },
  parallelism: { tensor: 1, pipeline: 4, virtualStages: 4, expert: 64, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective', ...(pipelineLayout ? { pipelineLayout } : {}) },
  precision: 'fp8',
  moe: { balancing: 'aux-loss-free', nodeLimit: 4 },
  assumptions: { framework: 'megatron-core' },
});
const V3_LAYOUT = 'Et*4|(t*4|)*14tmL';

describe('parallelism.pipelineLayout (Megatron-Core --pipeline-model-parallel-layout)', () => {
  it('parses the notation: repeats of one module and of groups, chunks in model order', () => {
    expect(layoutLayerCounts(chunksOf(V3_LAYOUT))).toEqual([4, ...Array(14).fill(4), 1]);
    const c = chunksOf('Et|(tt|)*30mL');
    expect(c).toHaveLength(32);
    expect(c[0]).toEqual(['E', 't']);
    expect(c[31]).toEqual(['m', 'L']);
    // Megatron's own docstring example: commas are cosmetic
    expect(layoutLayerCounts(chunksOf('Ettt|(tt|)*29,m|L'))).toEqual([3, ...Array(29).fill(2), 0, 0]);
  });

  it('rejects what is not the notation, saying what it found', () => {
    for (const [s, why] of [
      ['Etx|tL', /"x" where a module is expected/],
      ['E(tt|L', /parenthesis/],
      ['', /empty/],
      ['E(t*1000)*1000|L', /more than/],
    ] as const) {
      const p = parsePipelineLayout(s);
      expect(p.ok, s).toBe(false);
      if (!p.ok) expect(p.message).toMatch(why);
    }
  });

  it('checks a layout against the model and the schedule', () => {
    const t = { chunks: 16, layers: 61, mtpDepth: 1 };
    expect(checkPipelineLayout(chunksOf(V3_LAYOUT), t)).toBeUndefined();
    expect(checkPipelineLayout(chunksOf(V3_LAYOUT), { ...t, chunks: 8 })).toMatch(/has 16 chunks; the schedule cuts the model into 8/);
    expect(checkPipelineLayout(chunksOf(V3_LAYOUT), { ...t, layers: 60 })).toMatch(/places 61 transformer layers/);
    expect(checkPipelineLayout(chunksOf(V3_LAYOUT), { ...t, mtpDepth: 0 })).toMatch(/places 1 MTP modules/);
    expect(checkPipelineLayout(chunksOf('t*4|(t*4|)*14tEmL'), t)).toMatch(/embedding/);
    expect(checkPipelineLayout(chunksOf('Et*4|(t*4|)*13t*4m|tL'), t)).toMatch(/MTP modules \(m\) on the last chunk/);
  });

  it('is checked by plan validation, naming the field', () => {
    const bad = validatePlan(v3('Et*4|(t*4|)*13tmL'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toContainEqual(expect.objectContaining({ path: 'parallelism.pipelineLayout', message: expect.stringMatching(/has 15 chunks; the schedule cuts the model into 16/) }));
    const long = validatePlan(v3('E' + 't'.repeat(5000) + 'L'));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors[0]!.path).toBe('parallelism.pipelineLayout');
  });

  it('places the layers as stated: a light last chunk relieves the rank with the head, loss and MTP module', () => {
    const even = estimate(v3());
    const stated = estimate(v3(V3_LAYOUT));
    const last = (r: typeof even) => r.memory.stages[r.memory.stages.length - 1]!;
    // the even split gives the last chunk 3 layers; the layout 1, so the last rank holds 3 x 4 + 1 = 13 layers, not 15
    expect(last(even).layers).toBe(15);
    expect(last(stated).layers).toBe(13);
    expect(stated.step.seconds).toBeLessThan(0.95 * even.step.seconds);
    expect(stated.warnings.find((w) => w.code === 'uneven-layer-split')?.message).toMatch(/as parallelism.pipelineLayout states: 4×15, 1 layers per chunk/);
    // advice that changes the chunk count would no longer match the stated layout: none is offered
    for (const w of stated.warnings) for (const f of w.fix ?? []) expect(f.path).not.toMatch(/parallelism\.(virtualStages|pipeline|schedule)$/);
  });
});
