import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS, BUILTIN_MODELS } from '../catalog/index.js';
import { RECIPES } from '../precision/recipes.js';
import { gpuSeconds, transformerLayerCost, type LayerShape } from '../compute/layer.js';
import { layerActivationBytes, type ActivationContext } from '../memory/activations.js';
import { flopsPerToken } from '../model/flops.js';
import { estimate } from '../estimate.js';
import type { FieldError } from './errors.js';
import { recomputeScope, type RecomputeModule } from './recompute.js';
import { validatePlan } from './validate.js';
import { deepseekV3PaperPlan, qwen3LongContextPlan } from '../../test/fixtures/plans.js';

const qwen = BUILTIN_MODELS['qwen3-235b-a22b']!.arch;
const llama = BUILTIN_MODELS['llama3-70b']!.arch;
const v3 = BUILTIN_MODELS['deepseek-v3']!.arch;

const ctx = (over: Partial<ActivationContext> = {}): ActivationContext => ({
  sequenceLength: 4096,
  microBatchSize: 1,
  tensor: 4,
  sequenceParallel: true,
  context: 1,
  recompute: 'selective',
  linearBytes: 2,
  otherBytes: 2,
  recomputeSwigluOutput: false,
  ...over,
});

const shape = (arch = qwen, modules?: RecomputeModule[]): LayerShape => ({
  arch,
  gpu: BUILTIN_GPUS['h100-sxm']!,
  recipe: RECIPES.bf16,
  recompute: 'selective',
  microBatch: 1,
  sequenceLength: 4096,
  tensor: 4,
  context: 1,
  sequenceParallel: true,
  expert: 8,
  expertTensor: 1,
  moeGpuImbalance: 1,
  ...(modules ? { recomputeModules: modules } : {}),
});


function errorsOf(input: unknown): FieldError[] {
  const r = validatePlan(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('recompute scope', () => {
  it('keeps the standard scope without a module list: attention core for GQA, MLA up-projections for MLA', () => {
    expect(recomputeScope('selective', llama)).toMatchObject({ coreAttention: true, norms: true, mlaUpProjections: false, moeLayer: false });
    expect(recomputeScope('selective', v3)).toMatchObject({ coreAttention: false, norms: true, mlaUpProjections: true });
    expect(Object.values(recomputeScope('full', llama)).some(Boolean)).toBe(false);
  });

  it('recomputes exactly the listed Megatron-Core modules', () => {
    const s = recomputeScope('selective', qwen, ['layernorm', 'moe']);
    expect(s).toMatchObject({ coreAttention: false, norms: true, moeLayer: true, expertActivation: false, denseActivation: false });
  });
});

describe('the standard scope in module words', () => {
  it("DeepSeek-V3's own recomputation (V3 §3.2.3: all RMSNorms and the MLA up-projections; FP8 caches the SwiGLU input) is the standard MLA scope", () => {
    const plan = deepseekV3PaperPlan();
    const standard = estimate(plan);
    const words = estimate({ ...plan, parallelism: { ...plan.parallelism, recomputeModules: ['layernorm', 'mla_up_proj'] } });
    expect(words.step.seconds).toBe(standard.step.seconds);
    expect(words.memory.peakGiB).toBe(standard.memory.peakGiB);
    expect(words.model.flopsPerToken.hardware).toBe(standard.model.flopsPerToken.hardware);
    expect(words.totals.gpuHours).toBe(standard.totals.gpuHours);
  });
});

describe('activation memory by recompute module', () => {
  it('`moe` keeps only the MoE layer input: the routed copies are no longer stored', () => {
    const none = layerActivationBytes(qwen, true, ctx({ recomputeModules: ['core_attn'] }));
    const moe = layerActivationBytes(qwen, true, ctx({ recomputeModules: ['core_attn', 'moe'] }));
    // per token and TP rank: top-8 routed copies of (dispatched input 2h + SwiGLU input 2·2w + output 2w) bytes, router fp32
    const h = qwen.hiddenSize;
    const w = qwen.moe!.expertIntermediateSize;
    const perToken = (8 * (2 * h + 4 * w + 2 * w) + 128 * 4) / 4;
    expect(none - moe).toBeCloseTo(4096 * perToken, 0);
  });

  it('`layernorm` drops both norm outputs, `moe_act` the experts\' activation outputs', () => {
    const base = layerActivationBytes(qwen, true, ctx({ recomputeModules: ['core_attn'] }));
    const h = qwen.hiddenSize;
    const w = qwen.moe!.expertIntermediateSize;
    expect(base - layerActivationBytes(qwen, true, ctx({ recomputeModules: ['core_attn', 'layernorm'] }))).toBeCloseTo((4096 * 2 * 2 * h) / 4, 0);
    expect(base - layerActivationBytes(qwen, true, ctx({ recomputeModules: ['core_attn', 'moe_act'] }))).toBeCloseTo((4096 * 8 * 2 * w) / 4, 0);
  });

  it('`mlp` keeps only the dense MLP input; the standard scope is unchanged by the refactor', () => {
    const standard = layerActivationBytes(llama, false, ctx());
    const listed = layerActivationBytes(llama, false, ctx({ recomputeModules: ['core_attn', 'layernorm'] }));
    const mlp = layerActivationBytes(llama, false, ctx({ recomputeModules: ['core_attn', 'layernorm', 'mlp'] }));
    // standard = layernorm + core_attn + activation outputs; listing the first two keeps the SwiGLU output (2w / TP)
    expect(listed - standard).toBeCloseTo((4096 * 2 * llama.ffn.intermediateSize) / 4, 0);
    // mlp drops the SwiGLU input (2 · 2w) and output (2w)
    expect(listed - mlp).toBeCloseTo((4096 * 6 * llama.ffn.intermediateSize) / 4, 0);
  });
});

describe('recompute time and FLOPs by module', () => {
  it('`moe` re-runs the MoE block forward in backward; `layernorm` alone costs almost nothing', () => {
    const core = transformerLayerCost(shape(qwen, ['core_attn']), true);
    const moe = transformerLayerCost(shape(qwen, ['core_attn', 'moe']), true);
    const extraB = moe.b.gemm - core.b.gemm;
    // the re-run holds the router, expert and (none here) shared GEMMs: a third of the block's forward+backward GEMMs
    expect(extraB).toBeGreaterThan(0);
    expect(moe.f.gemm).toBeCloseTo(core.f.gemm, 12);
    // …and exactly the block's forward FLOPs: router 2·T·h·E plus the experts' SwiGLU GEMMs 3 · 2·T·k·h·w on the
    // T = 4096 / TP tokens this GPU dispatches (balanced routing: EP·T·k/E tokens on each of E/EP experts)
    const T = 4096 / 4;
    const m = qwen.moe!;
    expect(moe.b.flops - core.b.flops).toBeCloseTo(2 * T * qwen.hiddenSize * m.routedExperts + 6 * T * m.topK * qwen.hiddenSize * m.expertIntermediateSize, -3);
    const norms = transformerLayerCost(shape(qwen, ['core_attn', 'layernorm']), true);
    // two norm kernels more in backward: a few microseconds of GPU time (the host issue cost is charged per kernel)
    expect(norms.b.kernels - core.b.kernels).toBe(2);
    expect(gpuSeconds(norms.b) - gpuSeconds(core.b)).toBeLessThan(0.01 * gpuSeconds(core.b));
  });

  it('hardware FLOPs count the re-run modules: core_attn the scores, moe the router and experts', () => {
    const s = 16384;
    const base = flopsPerToken(qwen, { sequenceLength: s });
    const attn = flopsPerToken(qwen, { sequenceLength: s, recompute: 'selective', recomputeModules: ['core_attn'] });
    const moe = flopsPerToken(qwen, { sequenceLength: s, recompute: 'selective', recomputeModules: ['layernorm', 'moe'] });
    expect(attn.recompute).toBeCloseTo(base.byComponent.attentionScores, -3);
    expect(moe.recompute).toBeCloseTo(base.byComponent.router + base.byComponent.routedExperts, -3);
    // MLA's standard scope re-runs the up-projections, not the attention core [DeepSeek-V3 §3.2.3]
    const mla = flopsPerToken(v3, { sequenceLength: 4096, recompute: 'selective' });
    const a = v3.attention.type === 'mla' ? v3.attention : undefined;
    const up = 2 * a!.qLoraRank * a!.heads * (a!.qkNopeHeadDim + a!.qkRopeHeadDim) + 2 * a!.kvLoraRank * a!.heads * (a!.qkNopeHeadDim + a!.vHeadDim);
    expect(mla.recompute).toBeCloseTo((v3.layers + v3.mtp.depth) * up, -3);
  });

  it('the MoE re-run repeats the dispatch and combine all-to-alls, and the stated modules fit a run selective alone does not', () => {
    const plain = estimate(qwen3LongContextPlan());
    const moe = estimate(qwen3LongContextPlan({ recomputeModules: ['layernorm', 'moe'] }));
    const ep = (r: typeof plain) => r.communication.filter((c) => c.kind.startsWith('ep-')).reduce((sum, c) => sum + c.seconds, 0);
    expect(ep(moe) / ep(plain)).toBeGreaterThan(1.45);
    expect(plain.memory.fits).toBe(false);
    expect(moe.memory.fits).toBe(true);
    expect(moe.step.seconds).toBeGreaterThan(plain.step.seconds * 0.95);
    // at 16k the standard scope's attention re-run outweighs the MoE re-run in FLOPs, not in memory
    expect(moe.model.flopsPerToken.hardware).toBeLessThan(plain.model.flopsPerToken.hardware);
  });
});

describe('parallelism.recomputeModules validation', () => {
  it('names the field when recompute is not selective', () => {
    const e = errorsOf(qwen3LongContextPlan({ recompute: 'full', recomputeModules: ['moe'] }));
    expect(e).toContainEqual(expect.objectContaining({ path: 'parallelism.recomputeModules', code: 'inconsistent' }));
  });

  it('refuses an unknown module, a duplicate and a module the model does not have, each at its index', () => {
    expect(errorsOf(qwen3LongContextPlan({ recomputeModules: ['attention'] }))[0]).toMatchObject({ path: 'parallelism.recomputeModules.0', code: 'invalid_value' });
    expect(errorsOf(qwen3LongContextPlan({ recomputeModules: ['moe', 'moe'] }))).toContainEqual(expect.objectContaining({ path: 'parallelism.recomputeModules.1', code: 'duplicate' }));
    const e = errorsOf(qwen3LongContextPlan({ recomputeModules: ['mlp', 'mla_up_proj', 'shared_experts'] }));
    expect(e.map((x) => x.path)).toEqual(['parallelism.recomputeModules.0', 'parallelism.recomputeModules.1', 'parallelism.recomputeModules.2']);
    expect(e[0]!.message).toMatch(/no dense FFN layer/);
    expect(errorsOf(qwen3LongContextPlan({ recomputeModules: [] }))[0]).toMatchObject({ path: 'parallelism.recomputeModules', code: 'too_small' });
  });

  it('conflicts with a stated op-level policy; a stack default of op-level checkpointing yields to the list', () => {
    const e = errorsOf(qwen3LongContextPlan({ recomputeModules: ['moe'] }, { framework: 'torchtitan', selectiveRecompute: 'every-other-matmul' }));
    expect(e).toContainEqual(expect.objectContaining({ path: 'parallelism.recomputeModules', code: 'inconsistent' }));
    const r = validatePlan(qwen3LongContextPlan({ recomputeModules: ['moe'] }, { framework: 'torchtitan' }));
    expect(r.ok && r.plan.assumptions.selectiveRecompute).toBe('core-attention');
    expect(r.ok && r.plan.parallelism.recomputeModules).toEqual(['moe']);
  });
});
