import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import { DEFAULT_ASSUMPTIONS } from './assumptions.js';
import { checkResolvedPlan } from './check.js';
import type { FieldError } from './errors.js';
import { validatePlan } from './validate.js';
import { deepseekV3PaperPlan } from '../../test/fixtures/plans.js';

/** The DeepSeek-V3 paper plan of plan-format.md, with the preset model and every parallelism degree written out. */
function v3(): Record<string, any> {
  const p = deepseekV3PaperPlan();
  p.parallelism = { ...p.parallelism, virtualStages: 1, context: 1, expertTensor: 1, data: 128 };
  return p;
}

function llama(): Record<string, any> {
  return {
    version: 1,
    model: 'llama3-70b',
    training: { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 512 },
    cluster: { gpu: 'h100-sxm', gpus: 256 },
    parallelism: { tensor: 8, pipeline: 4 },
  };
}

function errorsOf(input: unknown): FieldError[] {
  const r = validatePlan(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('validatePlan: normalisation', () => {
  it('expands the preset, derives data/expertData/microBatches and fills defaults from the GPU profile', () => {
    const r = validatePlan(v3());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.plan;
    expect(p.modelId).toBe('deepseek-v3');
    expect(p.model.layers).toBe(61);
    expect(p.cluster.gpusPerNode).toBe(8);
    expect(p.cluster.intraNode.id).toBe('nvswitch-h800');
    expect(p.cluster.interNode.id).toBe('ib-ndr');
    expect(p.cluster.nicsPerNode).toBe(8);
    expect(p.cluster.nodes).toBe(256);
    expect(p.parallelism.data).toBe(128);
    expect(p.parallelism.expertData).toBe(2); // 128·1·1 / 64
    expect(p.parallelism.microBatches).toBe(120); // 15360 / 128
    expect(p.parallelism.virtualStages).toBe(2); // forced for dualpipe
    expect(p.recipe.id).toBe('fp8');
    expect(p.pricing.usdPerGpuHour).toBe(2);
    expect(p.assumptions).toEqual(DEFAULT_ASSUMPTIONS);
    expect(r.warnings.map((w) => w.code)).toContain('virtual-stages-ignored');
    expect(r.warnings.map((w) => w.code)).toContain('uneven-layer-split');
  });
  it('defaults moe settings for a MoE model without a moe block', () => {
    const plan = v3();
    delete plan.moe;
    const r = validatePlan(plan);
    expect(r.ok && r.plan.moe).toEqual({ balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'fp8' });
    plan.precision = 'bf16';
    const r2 = validatePlan(plan);
    expect(r2.ok && r2.plan.moe?.dispatchPrecision).toBe('bf16');
  });
  it('fills parallelism defaults (pure data parallelism, 1f1b, no recompute, zero 0)', () => {
    const r = validatePlan({ version: 1, model: 'llama3-8b', training: { tokens: 1e9, sequenceLength: 4096, globalBatchSize: 64 }, cluster: { gpu: 'a100-sxm-80gb', gpus: 8 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.parallelism).toMatchObject({ tensor: 1, pipeline: 1, context: 1, data: 8, zero: 0, schedule: '1f1b', recompute: 'none', microBatches: 8 });
    expect(r.plan.precision).toBe('bf16');
    expect(r.plan.moe).toBeUndefined();
  });
  it('accepts mha as gqa with kvHeads = heads, and overrides assumptions key by key', () => {
    const plan = llama();
    plan.model = { name: 'x', layers: 4, hiddenSize: 1024, vocabSize: 32000, attention: { type: 'mha', heads: 8, headDim: 128 }, ffn: { activation: 'gelu', intermediateSize: 4096 } };
    plan.assumptions = { goodput: 0.95 };
    const r = validatePlan(plan);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.model.attention).toEqual({ type: 'gqa', heads: 8, kvHeads: 8, headDim: 128 });
    expect(r.plan.model.tiedEmbeddings).toBe(false);
    expect(r.plan.assumptions.goodput).toBe(0.95);
    expect(r.plan.assumptions.pue).toBe(DEFAULT_ASSUMPTIONS.pue);
  });
  it('keeps an inline model\'s norm kind and position encoding, and names the field of a bad one', () => {
    const plan = llama();
    plan.model = { name: 'mpt', layers: 4, hiddenSize: 1024, vocabSize: 50368, attention: { type: 'mha', heads: 8, headDim: 128 }, ffn: { activation: 'gelu', intermediateSize: 4096 }, norm: 'layernorm', positionEmbedding: 'alibi' };
    const r = validatePlan(plan);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.plan.model).toMatchObject({ norm: 'layernorm', positionEmbedding: 'alibi' });
    // absent: the Llama-family defaults, left unset in the resolved model
    plan.model = { ...plan.model, norm: undefined, positionEmbedding: undefined };
    const d = validatePlan(plan);
    if (!d.ok) throw new Error('ok');
    expect(d.plan.model.norm).toBeUndefined();
    plan.model = { ...plan.model, norm: 'batchnorm', positionEmbedding: 'sinusoidal' };
    expect(errorsOf(plan).map((e) => e.path).sort()).toEqual(['model.norm', 'model.positionEmbedding']);
  });
  it('a resolved plan re-checks clean with checkResolvedPlan', () => {
    const r = validatePlan(v3());
    if (!r.ok) throw new Error('ok');
    expect(checkResolvedPlan(r.plan).errors).toEqual([]);
    const bad = { ...r.plan, parallelism: { ...r.plan.parallelism, expert: 3 } };
    expect(checkResolvedPlan(bad).errors.map((e) => e.path)).toContain('parallelism.expert');
  });
});

describe('validatePlan: errors name the field and say why', () => {
  it('TP not dividing heads, with suggestions', () => {
    const plan = v3();
    plan.parallelism.tensor = 3;
    plan.cluster.gpus = 3 * 16 * 128;
    delete plan.parallelism.data;
    const e = errorsOf(plan).find((x) => x.path === 'parallelism.tensor');
    expect(e?.message).toBe('3 must divide model.attention.heads (128); try 1, 2, 4 or 8');
  });
  it('TP not dividing GQA kvHeads', () => {
    const plan = llama();
    plan.parallelism.tensor = 16;
    const e = errorsOf(plan).find((x) => x.path === 'parallelism.tensor');
    expect(e?.message).toMatch(/must divide model\.attention\.kvHeads \(8\)/);
  });
  it('EP not dividing routed experts; EP×ETP not dividing DP×CP×TP', () => {
    const plan = v3();
    plan.parallelism.expert = 3;
    expect(errorsOf(plan).find((x) => x.path === 'parallelism.expert')?.message).toMatch(/^3 must divide model\.moe\.routedExperts \(256\)/);
    const p2 = v3();
    p2.parallelism.expert = 256;
    expect(errorsOf(p2).find((x) => x.path === 'parallelism.expert')?.message).toMatch(/expert × expertTensor \(256 × 1 = 256\) must divide data × context × tensor \(128 × 1 × 1 = 128\)/);
  });
  it('gpus not divisible by TP×PP×CP; data inconsistent', () => {
    const plan = llama();
    plan.cluster.gpus = 100;
    expect(errorsOf(plan).find((x) => x.path === 'cluster.gpus')?.message).toMatch(/^100 must be divisible by parallelism.tensor × pipeline × context \(8 × 4 × 1 = 32\)/);
    const p2 = llama();
    p2.parallelism.data = 4;
    expect(errorsOf(p2).find((x) => x.path === 'parallelism.data')?.message).toMatch(/must equal .* = 8/);
  });
  it('global batch not divisible by DP × micro-batch', () => {
    const plan = llama();
    plan.training.globalBatchSize = 100;
    expect(errorsOf(plan).find((x) => x.path === 'training.globalBatchSize')?.message).toMatch(/^100 must be divisible by data-parallel degree × microBatchSize \(8 × 1 = 8\); try 96 or 104/);
  });
  it('DualPipe with odd PP or too few micro-batches; DualPipeV with too few micro-batches', () => {
    const odd = v3();
    odd.parallelism.pipeline = 15;
    odd.cluster.gpus = 15 * 128;
    delete odd.parallelism.data;
    expect(errorsOf(odd).some((e) => e.path === 'parallelism.pipeline' && /even/.test(e.message))).toBe(true);
    const few = v3();
    few.training.globalBatchSize = 128 * 30; // 30 micro-batches < 32
    expect(errorsOf(few).find((e) => e.path === 'training.globalBatchSize')?.message).toMatch(/dualpipe needs an even number ≥ 2 × pipeline \(32\)/);
    const v = v3();
    v.parallelism.schedule = 'dualpipev';
    v.training.globalBatchSize = 128 * 31;
    expect(errorsOf(v).find((e) => e.path === 'training.globalBatchSize')?.message).toMatch(/dualpipev needs ≥ 2 × pipeline \(32\)/);
    v.training.globalBatchSize = 128 * 33; // odd is fine for dualpipev
    expect(validatePlan(v).ok).toBe(true);
  });
  it('interleaved-1f1b: micro-batches must be a multiple of PP; too many chunks for the layers', () => {
    const plan = llama();
    plan.parallelism.schedule = 'interleaved-1f1b';
    plan.parallelism.virtualStages = 2;
    plan.training.globalBatchSize = 8 * 6; // 6 micro-batches, PP 4
    expect(errorsOf(plan).find((e) => e.path === 'training.globalBatchSize')?.message).toMatch(/multiple of parallelism.pipeline \(4\)/);
    const p2 = llama();
    p2.parallelism.schedule = 'interleaved-1f1b';
    p2.parallelism.virtualStages = 30; // 120 chunks > 80 layers + 2
    expect(errorsOf(p2).some((e) => e.path === 'parallelism.pipeline' && e.code === 'too_many_stages')).toBe(true);
  });
  it('zero outside 0..3, negative / zero / non-finite / non-integer numbers, absurd magnitudes', () => {
    const plan = llama();
    plan.parallelism.zero = 4;
    plan.training.sequenceLength = -1;
    plan.training.globalBatchSize = 0;
    plan.training.tokens = Number.POSITIVE_INFINITY;
    plan.parallelism.pipeline = 1.5;
    const errs = errorsOf(plan);
    const by = (p: string) => errs.find((e) => e.path === p)?.message;
    expect(by('parallelism.zero')).toMatch(/must be 0, 1, 2 or 3/);
    expect(by('training.sequenceLength')).toBe('must be at least 1, got -1');
    expect(by('training.globalBatchSize')).toBe('must be at least 1, got 0');
    expect(by('training.tokens')).toMatch(/finite number/);
    expect(by('parallelism.pipeline')).toMatch(/whole number, got 1.5/);
    const big = llama();
    big.cluster.gpus = 2e6;
    big.training.tokens = 1e17;
    const e2 = errorsOf(big);
    expect(e2.find((e) => e.path === 'cluster.gpus')?.code).toBe('too_large');
    expect(e2.find((e) => e.path === 'training.tokens')?.message).toMatch(/at most 10,000,000,000,000,000/);
  });
  it('unknown ids list the known ones', () => {
    const plan = llama();
    plan.model = 'llama4';
    plan.cluster.gpu = 'tpu-v5';
    const errs = errorsOf(plan);
    expect(errs.find((e) => e.path === 'model')?.message).toMatch(/unknown model preset "llama4"; known: .*llama3-70b/);
    expect(errs.find((e) => e.path === 'cluster.gpu')?.message).toMatch(/unknown GPU "tpu-v5"; known: a100-sxm-40gb, .*mi325x/);
    const p2 = llama();
    p2.cluster.interNode = 'nvswitch-h100';
    expect(errorsOf(p2).find((e) => e.path === 'cluster.interNode')?.message).toMatch(/is a intra-node link; expected a scale-out link: ib-hdr, ib-ndr, ib-xdr, roce-400/);
  });
  it('MoE fields on a dense model, FP8 on A100, unknown fields and assumption keys', () => {
    const plan = llama();
    plan.moe = { balancing: 'aux-loss' };
    plan.parallelism.expert = 2;
    plan.precision = 'fp8';
    plan.cluster.gpu = 'a100-sxm-80gb';
    plan.assumptions = { goodput: 0.9, fudge: 2 };
    plan.training.batch = 3;
    const errs = errorsOf(plan);
    const paths = errs.map((e) => e.path);
    expect(paths).toContain('training.batch');
    expect(errs.find((e) => e.path === 'assumptions.fudge')?.message).toMatch(/unknown field "fudge"; known fields: goodput, pue/);
    // structural errors stop before the cross-field rules; fix them and the rest appear together
    delete plan.assumptions.fudge;
    delete plan.training.batch;
    const errs2 = errorsOf(plan);
    expect(errs2.find((e) => e.path === 'moe')?.message).toMatch(/only for MoE models/);
    expect(errs2.find((e) => e.path === 'parallelism.expert')?.message).toMatch(/needs an MoE model/);
    expect(errs2.find((e) => e.path === 'precision')?.message).toBe('"fp8" needs FP8 tensor cores; a100-sxm-80gb has none (use "bf16")');
  });
  it('collects every error, not only the first', () => {
    const plan = llama();
    plan.parallelism.tensor = 3;
    plan.training.globalBatchSize = 7;
    plan.cluster.gpus = 96; // 3·4 = 12 → DP 8
    const errs = errorsOf(plan);
    expect(errs.length).toBeGreaterThanOrEqual(3);
  });
  it('a non-object, a missing version and a missing model are errors, not crashes', () => {
    expect(errorsOf(null)[0]?.message).toMatch(/must be an object/);
    const plan = llama();
    delete plan.version;
    delete plan.model;
    const errs = errorsOf(plan);
    expect(errs.find((e) => e.path === 'version')?.code).toBe('required');
    expect(errs.find((e) => e.path === 'model')?.message).toMatch(/is required: a preset id/);
  });
  it('a custom catalog replaces the built-in one', () => {
    const gpus = { ...BUILTIN_CATALOG.gpus };
    delete gpus['h100-sxm'];
    const r = validatePlan(llama(), { catalog: { ...BUILTIN_CATALOG, gpus } });
    expect(r.ok).toBe(false);
  });
});

describe('the plan-format.md example', () => {
  it('parses from YAML (with comments) and validates', async () => {
    const { parsePlanText } = await import('./parse.js');
    const yaml = `
version: 1
name: deepseek-v3-paper            # free text
model: deepseek-v3
training:
  tokens: 14.8e12
  sequenceLength: 4096
  globalBatchSize: 15360
  microBatchSize: 1
cluster:
  gpu: h800-sxm
  gpus: 2048
  gpusPerNode: 8
  intraNode: nvswitch-h800
  interNode: ib-ndr
  nicsPerNode: 8
parallelism:
  tensor: 1
  pipeline: 16
  virtualStages: 1
  context: 1
  expert: 64
  expertTensor: 1
  data: 128
  sequenceParallel: false
  zero: 1
  schedule: dualpipe
  recompute: selective
precision: fp8
moe:
  balancing: aux-loss-free
  nodeLimit: 4
  dispatchPrecision: fp8
assumptions: {}
pricing:
  usdPerGpuHour: 2.0
`;
    const r = validatePlan(parsePlanText(yaml));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plan.training.tokens).toBe(14.8e12);
      expect(r.plan.moe).toEqual({ balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' });
    }
  });
});

describe('catalog ids that name inherited object members', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('reports %s as an unknown id instead of crashing', (id) => {
    const doc = {
      version: 1,
      name: 'proto',
      model: id,
      training: { tokens: 1e9, sequenceLength: 2048, globalBatchSize: 8, microBatchSize: 1 },
      cluster: { gpu: id, gpus: 8, intraNode: id, interNode: id },
      parallelism: { tensor: 1, pipeline: 1, zero: 1, schedule: '1f1b', recompute: 'none' },
      precision: 'bf16',
    };
    const result = validatePlan(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['model', 'cluster.gpu']));
      expect(result.errors.find((e) => e.path === 'model')?.code).toBe('unknown_id');
      expect(result.errors.find((e) => e.path === 'cluster.gpu')?.code).toBe('unknown_id');
    }
  });
});
