import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../catalog/index.js';
import { estimate } from '../estimate.js';
import type { Report } from '../report/types.js';
import { qwen3LongContextPlan } from '../../test/fixtures/plans.js';
import { memoryCandidates, memoryFitAdvice, recomputeCandidates, recomputeChanges, type MemoryChange, type RecomputeSetting } from './advice.js';

const qwen = BUILTIN_MODELS['qwen3-235b-a22b']!.arch;
const llama = BUILTIN_MODELS['llama3-70b']!.arch;

/** A report stub with just what the advice reads. */
const rep = (seconds: number, peakGiB: number, capacityGiB = 80): Report =>
  ({ step: { seconds }, memory: { peakGiB, capacityGiB, fits: peakGiB <= capacityGiB } }) as unknown as Report;


describe('recompute candidates', () => {
  it('offers the module lists the model has, then full; never the plan\'s own setting', () => {
    const fromSelective = recomputeCandidates(qwen, { recompute: 'selective' }, true);
    expect(fromSelective.map((c) => c.modules?.join(',') ?? c.recompute)).toEqual(['layernorm,moe_act', 'layernorm,moe', 'core_attn,layernorm,moe', 'full']);
    expect(recomputeCandidates(llama, { recompute: 'none' }, true).map((c) => c.modules?.join(',') ?? c.recompute)).toEqual(['selective', 'core_attn,layernorm,mlp', 'full']);
    expect(recomputeCandidates(qwen, { recompute: 'selective', modules: ['layernorm', 'moe'] }, true).some((c) => c.modules?.join() === 'layernorm,moe')).toBe(false);
    // a stated op-level policy rules out module lists
    expect(recomputeCandidates(llama, { recompute: 'selective' }, false)).toEqual([{ recompute: 'full' }]);
    expect(recomputeCandidates(llama, { recompute: 'full' }, true)).toEqual([]);
  });

  it('says how to get there from the plan, removing a module list full recomputation does not take', () => {
    const from: RecomputeSetting = { recompute: 'selective', modules: ['core_attn'] };
    expect(recomputeChanges(from, { recompute: 'full' })).toEqual([
      { path: 'parallelism.recompute', value: 'full' },
      { path: 'parallelism.recomputeModules', value: null },
    ]);
    expect(recomputeChanges({ recompute: 'none' }, { recompute: 'selective', modules: ['layernorm', 'moe'] })).toEqual([
      { path: 'parallelism.recompute', value: 'selective' },
      { path: 'parallelism.recomputeModules', value: ['layernorm', 'moe'] },
    ]);
  });
});

describe('memory-fit advice', () => {
  const key = (c: MemoryChange) => (c.kind === 'recompute' ? c.setting.modules?.join(',') ?? c.setting.recompute : c.kind === 'zero' ? `zero${c.zero}` : `mbs${c.microBatchSize}`);
  const cands = memoryCandidates([{ recompute: 'selective', modules: ['layernorm', 'moe_act'] }, { recompute: 'selective', modules: ['layernorm', 'moe'] }, { recompute: 'full' }], 1, 2);

  it('offers the recompute settings, each higher ZeRO stage and the halved micro-batch', () => {
    expect(cands.map(key)).toEqual(['layernorm,moe_act', 'layernorm,moe', 'full', 'zero2', 'zero3', 'mbs1']);
    expect(memoryCandidates([], 3, 1)).toEqual([]);
    expect(memoryCandidates([], 0, 8).map(key)).toEqual(['zero1', 'zero2', 'zero3', 'mbs4', 'mbs2', 'mbs1']);
  });

  it('names the fastest change that fits, not the first or the smallest, and the next two that fit', () => {
    const timed = new Map([['layernorm,moe_act', rep(10.2, 85)], ['layernorm,moe', rep(10.5, 58)], ['full', rep(12.4, 40)], ['zero2', rep(10.1, 90)], ['zero3', rep(11, 75)], ['mbs1', rep(10.8, 70)]]);
    const w = memoryFitAdvice({ recompute: 'selective' }, rep(10, 106), cands, (c) => timed.get(key(c)));
    expect(w?.code).toBe('memory-fit');
    expect(w?.fix).toEqual([{ path: 'parallelism.recompute', value: 'selective' }, { path: 'parallelism.recomputeModules', value: ['layernorm', 'moe'] }]);
    expect(w?.message).toContain('recompute selective with recomputeModules layernorm, moe fits (peak 58.0 GiB) with a 5% longer step; also fits: micro-batch size 1 (70.0 GiB, 8% longer step); ZeRO stage 3 (75.0 GiB, 10% longer step)');
    // a ZeRO stage or a micro-batch size as the fix
    const z = memoryFitAdvice({ recompute: 'selective' }, rep(10, 106), cands, (c) => (c.kind === 'zero' && c.zero === 3 ? rep(10.1, 70) : rep(11, 99)));
    expect(z?.fix).toEqual([{ path: 'parallelism.zero', value: 3 }]);
    const m = memoryFitAdvice({ recompute: 'selective' }, rep(10, 106), cands, (c) => (c.kind === 'microBatch' ? rep(10.1, 70) : rep(11, 99)));
    expect(m?.fix).toEqual([{ path: 'training.microBatchSize', value: 1 }]);
  });

  it('says which change comes closest when none fits, with no fix; nothing when the plan fits', () => {
    const w = memoryFitAdvice({ recompute: 'selective' }, rep(10, 300), cands, (c) => rep(11, key(c) === 'full' ? 120 : 200));
    expect(w?.fix).toBeUndefined();
    expect(w?.message).toMatch(/no single change of recomputation, ZeRO stage or micro-batch fits: recompute full still needs 120\.0 GiB/);
    expect(memoryFitAdvice({ recompute: 'none' }, rep(10, 70), cands, () => rep(1, 1))).toBeUndefined();
    // a candidate the plan rules reject is skipped
    expect(memoryFitAdvice({ recompute: 'none' }, rep(10, 90), cands, () => undefined)).toBeUndefined();
  });
});

describe('memory advice on a published run', () => {
  it('asked only to fit, picks the recompute modules the Megatron-Core team ran Qwen3-235B at 16k with', () => {
    const r = estimate(qwen3LongContextPlan());
    expect(r.memory.fits).toBe(false);
    const w = r.warnings.find((x) => x.code === 'memory-fit');
    expect(w?.fix).toEqual([{ path: 'parallelism.recompute', value: 'selective' }, { path: 'parallelism.recomputeModules', value: ['layernorm', 'moe'] }]);
    // applying the fix fits, and the advice is gone
    const fixed = estimate(qwen3LongContextPlan({ recomputeModules: ['layernorm', 'moe'] }));
    expect(fixed.memory.fits).toBe(true);
    expect(fixed.warnings.some((x) => x.code === 'memory-fit')).toBe(false);
    expect(fixed.step.seconds).toBeLessThan(1.1 * r.step.seconds);
  });
});
