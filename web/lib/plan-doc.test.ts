import { describe, expect, it } from 'vitest';
import { counterpartSchedule, decodePlanParam, editableDocument, encodePlanParam, getAtPath, setAtPath, setRampField, toggleRecomputeModule, withRecompute, withSchedule } from './plan-doc';
import { formFieldPaths, isMoeModel, recomputeModuleOptions } from '@/components/plan/PlanForm';
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { presetRun, presetRunIds, starterPlan } from './presets';

describe('plan param encoding', () => {
  it('round-trips a plan through base64url without +, / or =', () => {
    const plan = { ...presetRun('deepseek-v3')!.plan, name: 'π ≈ 3.14 — ünïcode' };
    const s = encodePlanParam(plan);
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePlanParam(s)).toEqual(plan);
  });
  it('says what is wrong with a bad parameter', () => {
    expect(() => decodePlanParam('not base64!')).toThrow(/base64url/);
    expect(() => decodePlanParam(encodePlanParam([1, 2]))).toThrow(/JSON object/);
    expect(() => decodePlanParam('e30x')).toThrow();
  });
});

describe('paths', () => {
  it('reads and writes dotted paths without mutating the input', () => {
    const doc = presetRun('deepseek-v3')!.plan;
    const next = setAtPath(doc, 'parallelism.tensor', 2);
    expect(getAtPath(next, 'parallelism.tensor')).toBe(2);
    expect(doc.parallelism.tensor).toBe(1);
    const noPrice = setAtPath(setAtPath(doc, 'pricing.usdPerGpuHour', 2), 'pricing.usdPerGpuHour', undefined);
    expect(noPrice.pricing).toEqual({});
  });
  it('swaps the schedule', () => {
    const doc = presetRun('deepseek-v3')!.plan;
    expect(withSchedule(doc, '1f1b').parallelism.schedule).toBe('1f1b');
    const interleaved = { ...doc, parallelism: { ...doc.parallelism, schedule: 'interleaved-1f1b' as const, virtualStages: 4 } };
    expect(withSchedule(interleaved, '1f1b').parallelism.virtualStages).toBeUndefined();
    expect(withSchedule(interleaved, 'interleaved-1f1b').parallelism.virtualStages).toBe(4);
    expect(counterpartSchedule('dualpipe')).toBe('1f1b');
    expect(counterpartSchedule('1f1b')).toBe('dualpipe');
    expect(counterpartSchedule(undefined)).toBe('dualpipe');
  });
});

describe('presets', () => {
  it('opens DeepSeek-V3 with its published run', () => {
    const run = presetRun('deepseek-v3')!;
    expect(run.plan.cluster).toMatchObject({ gpu: 'h800-sxm', gpus: 2048 });
    expect(run.plan.parallelism).toMatchObject({ pipeline: 16, schedule: 'dualpipe', expert: 64, tensor: 1, zero: 1 });
    expect(run.plan.precision).toBe('fp8');
    expect(run.plan.moe).toEqual({ balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' });
    expect(run.plan.training).toEqual({ tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 });
  });
  it('hands out copies', () => {
    presetRun('deepseek-v3')!.plan.cluster.gpus = 1;
    expect(presetRun('deepseek-v3')!.plan.cluster.gpus).toBe(2048);
  });
  it('gives every listed run a source and a starter plan for MoE models an EP degree', () => {
    for (const id of presetRunIds()) expect(presetRun(id)!.source.length).toBeGreaterThan(40);
    expect(starterPlan('mixtral-8x7b', true).parallelism.expert).toBe(8);
    expect(starterPlan('llama3-8b', false).moe).toBeUndefined();
  });
});

describe('setRampField', () => {
  it('sets one ramp field, and removes the ramp once its last field is cleared', () => {
    const base = starterPlan('llama3-8b', false);
    const one = setRampField(base, 'startBatchSize', 256);
    expect(one.training.batchRamp).toEqual({ startBatchSize: 256 });
    const two = setRampField(one, 'tokens', 1e11);
    expect(two.training.batchRamp).toEqual({ startBatchSize: 256, tokens: 1e11 });
    const cleared = setRampField(setRampField(two, 'tokens', undefined), 'startBatchSize', undefined);
    expect('batchRamp' in cleared.training).toBe(false);
    expect(base.training.batchRamp).toBeUndefined();
  });
});

describe('recompute modules', () => {
  const qwen = () => starterPlan('qwen3-235b-a22b', true);

  it('ticks modules in the engine order, and unticking the last returns to the standard scope', () => {
    let doc = toggleRecomputeModule(qwen(), 'moe', true);
    doc = toggleRecomputeModule(doc, 'layernorm', true);
    expect(doc.parallelism.recomputeModules).toEqual(['layernorm', 'moe']);
    doc = toggleRecomputeModule(toggleRecomputeModule(doc, 'moe', false), 'layernorm', false);
    expect('recomputeModules' in doc.parallelism).toBe(false);
  });

  it('drops the module list when recompute leaves selective (the engine would refuse the pair)', () => {
    const doc = toggleRecomputeModule(qwen(), 'moe', true);
    expect(withRecompute(doc, 'selective').parallelism.recomputeModules).toEqual(['moe']);
    expect(withRecompute(doc, 'full').parallelism).not.toHaveProperty('recomputeModules');
    expect(withRecompute(doc, 'full').parallelism.recompute).toBe('full');
  });

  it('offers the modules the model has: no dense MLP or MLA for Qwen3-235B, no MoE modules for Llama', () => {
    expect(recomputeModuleOptions(qwen(), BUILTIN_CATALOG)).toEqual(['core_attn', 'layernorm', 'moe', 'moe_act']);
    expect(recomputeModuleOptions({ ...qwen(), model: 'llama3-70b' }, BUILTIN_CATALOG)).toEqual(['core_attn', 'layernorm', 'mlp']);
    expect(recomputeModuleOptions({ ...qwen(), model: 'deepseek-v3' }, BUILTIN_CATALOG)).toEqual([...RECOMPUTE_ALL]);
    // a listed module the model lacks stays offered, so it can be unticked beside its error
    const llamaWithMoe = toggleRecomputeModule({ ...qwen(), model: 'llama3-70b' }, 'moe', true);
    expect(recomputeModuleOptions(llamaWithMoe, BUILTIN_CATALOG)).toContain('moe');
  });
});

const RECOMPUTE_ALL = ['core_attn', 'layernorm', 'mla_up_proj', 'mlp', 'moe', 'moe_act', 'shared_experts'] as const;

describe('editableDocument', () => {
  it('gives a linked plan without sections objects the form can read, and keeps what it has', () => {
    for (const linked of [{}, { version: 1, model: 'llama3-8b' }, { training: 5, cluster: null, parallelism: [], model: 7 }]) {
      const doc = editableDocument(linked);
      expect(doc.training).toEqual({});
      expect(doc.cluster).toEqual({});
      expect(doc.parallelism).toEqual({});
      expect(() => formFieldPaths(doc)).not.toThrow();
      expect(isMoeModel(doc, BUILTIN_CATALOG)).toBe(false);
    }
    expect(editableDocument({ model: 'llama3-8b' }).model).toBe('llama3-8b');
    const full = presetRun('deepseek-v3')!.plan;
    expect(editableDocument(full)).toEqual(full);
  });
});
