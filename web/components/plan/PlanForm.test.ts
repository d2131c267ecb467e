import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG, DEFAULT_ASSUMPTIONS, measuredAttentionKernels as attentionKernelsOf } from '@flopcast/engine';
import { presetRun, starterPlan } from '@/lib/presets';
import { INLINE, formFieldPaths, isMoeModel, pickModel } from './PlanForm';

describe('pickModel', () => {
  const ds = presetRun('deepseek-v3')!.plan;
  it('writes out the preset architecture when switching to inline', () => {
    const next = pickModel(ds, INLINE, BUILTIN_CATALOG);
    expect(typeof next.model).toBe('object');
    expect(next.model).toEqual(BUILTIN_CATALOG.models['deepseek-v3']!.arch);
    expect(formFieldPaths(next)).toContain('model.attention.kvLoraRank');
  });
  it('drops the MoE options when picking a dense model and adds them for an MoE model', () => {
    const dense = pickModel(ds, 'llama3-8b', BUILTIN_CATALOG);
    expect(dense.moe).toBeUndefined();
    expect(dense.parallelism.expert).toBeUndefined();
    expect(isMoeModel(dense, BUILTIN_CATALOG)).toBe(false);
    const moe = pickModel(dense, 'deepseek-v2', BUILTIN_CATALOG);
    expect(moe.moe).toBeDefined();
    expect(isMoeModel(moe, BUILTIN_CATALOG)).toBe(true);
    expect(isMoeModel({ ...dense, model: 'constructor' }, BUILTIN_CATALOG)).toBe(false); // not an inherited member
  });
  it('lists form paths for every plan section', () => {
    const paths = formFieldPaths(ds);
    for (const p of ['training.tokens', 'cluster.gpus', 'parallelism.schedule', 'moe.nodeLimit', 'pricing.usdPerGpuHour']) expect(paths).toContain(p);
  });
});

describe('software-stack options', () => {
  it('offers only the attention kernel classes the GPU profile has a measured efficiency for, its own first', () => {
    expect(attentionKernelsOf(BUILTIN_CATALOG.gpus['h100-sxm']!)).toEqual(['pytorch-flash', 'flash2', 'flash3']);
    expect(attentionKernelsOf(BUILTIN_CATALOG.gpus['a100-sxm-80gb']!)).toEqual(['unfused', 'pytorch-flash', 'flash2']);
    expect(attentionKernelsOf(BUILTIN_CATALOG.gpus['mi300x']!)).toEqual(['flash2']);
  });
  it('places errors of the software-stack assumptions on their inputs', () => {
    const paths = formFieldPaths(presetRun('deepseek-v3')!.plan);
    expect(paths).toEqual(expect.arrayContaining(['assumptions.attentionKernel', 'assumptions.layerSplit', 'assumptions.tpCommOverlap']));
  });
});

describe('assumption inputs', () => {
  it('has an input for every engine assumption except the whole-run and memory allowances', () => {
    const paths = formFieldPaths(starterPlan('llama3-8b', false));
    const runLevel = ['goodput', 'pue', 'powerFractionOfTdp', 'dpCommOverlap', 'workspaceGiB'];
    for (const key of Object.keys(DEFAULT_ASSUMPTIONS)) if (!runLevel.includes(key)) expect(paths, key).toContain(`assumptions.${key}`);
  });
});
