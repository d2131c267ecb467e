import { describe, expect, it } from 'vitest';
import type { ModelArch } from '../catalog/types.js';
import { BUILTIN_MODELS } from '../catalog/index.js';
import { layerActivationBytes, type ActivationContext } from './activations.js';

// GPT-3 175B as in Korthikanti et al. 2022 Table 3: s = 2048, h = 12288, a = 96, t = 8, b = 1.
const s = 2048;
const h = 12288;
const a = 96;
const t = 8;
const b = 1;
const gpt3: ModelArch = {
  name: 'gpt3',
  layers: 96,
  hiddenSize: h,
  vocabSize: 51200,
  tiedEmbeddings: true,
  attention: { type: 'gqa', heads: a, kvHeads: a, headDim: h / a },
  ffn: { activation: 'gelu', intermediateSize: 4 * h },
  mtp: { depth: 0 },
};
/** Korthikanti's setting: 16-bit activations, unfused attention (s×s scores stored), dropout masks. */
const korthikanti = (over: Partial<ActivationContext>): ActivationContext => ({
  sequenceLength: s,
  microBatchSize: b,
  tensor: 1,
  sequenceParallel: false,
  context: 1,
  recompute: 'none',
  linearBytes: 2,
  otherBytes: 2,
  recomputeSwigluOutput: false,
  flashAttention: false,
  dropout: true,
  selectiveScope: 'attention-core',
  ...over,
});
const sbh = s * b * h;

describe('per-layer activations reproduce Korthikanti et al. 2022 §4 for GPT-3 175B', () => {
  it('Eq. 1, no parallelism: sbh(34 + 5as/h)', () => {
    expect(layerActivationBytes(gpt3, false, korthikanti({}))).toBeCloseTo(sbh * (34 + (5 * a * s) / h), 0);
  });
  it('Eq. 2, tensor parallel: sbh(10 + 24/t + 5as/(ht))', () => {
    expect(layerActivationBytes(gpt3, false, korthikanti({ tensor: t }))).toBeCloseTo(sbh * (10 + 24 / t + (5 * a * s) / (h * t)), 0);
  });
  it('Eq. 3, tensor + sequence parallel: sbh(34/t + 5as/(ht))', () => {
    expect(layerActivationBytes(gpt3, false, korthikanti({ tensor: t, sequenceParallel: true }))).toBeCloseTo(sbh * (34 / t + (5 * a * s) / (h * t)), 0);
  });
  it('Eq. 4, tensor + sequence parallel + selective recompute: sbh·34/t', () => {
    const x = layerActivationBytes(gpt3, false, korthikanti({ tensor: t, sequenceParallel: true, recompute: 'selective' }));
    expect(x).toBeCloseTo((sbh * 34) / t, 0);
    // 175B, 96 layers / 8 stages, first stage holds 8 micro-batches of 12 layers: Table 2 style total ≈ 34sbhL/t
    expect((x * 96) / 2 ** 30).toBeCloseTo((34 * sbh * 96) / t / 2 ** 30, 6);
  });
  it('§4.2.2 full recompute keeps only the 2sbh layer input (2sbh/t with sequence parallelism)', () => {
    expect(layerActivationBytes(gpt3, false, korthikanti({ recompute: 'full' }))).toBe(2 * sbh);
    expect(layerActivationBytes(gpt3, false, korthikanti({ recompute: 'full', tensor: t, sequenceParallel: true }))).toBe((2 * sbh) / t);
  });
});

describe('modern adaptations', () => {
  const modern = (over: Partial<ActivationContext>): ActivationContext => korthikanti({ flashAttention: true, dropout: false, selectiveScope: 'standard', ...over });
  it('FlashAttention stores no s×s tensor: memory grows linearly with s', () => {
    const x1 = layerActivationBytes(gpt3, false, modern({}));
    const x2 = layerActivationBytes(gpt3, false, modern({ sequenceLength: 2 * s }));
    expect(x2 / x1).toBeCloseTo(2, 6);
    // without dropout and s² terms: 34 − 2 dropout masks = 32 sbh plus the fp32 log-sum-exp
    expect(x1).toBeCloseTo(sbh * 32 + s * b * a * 4, 0);
  });
  it('standard selective drops norm outputs and the FFN activation output: 32 → 20 sbh for GPT', () => {
    expect(layerActivationBytes(gpt3, false, modern({ recompute: 'selective' }))).toBeCloseTo(sbh * 20, 0);
  });
  it('GQA stores K and V at kvHeads width', () => {
    const llama = BUILTIN_MODELS['llama3-70b']!.arch;
    const mha = { ...llama, attention: { type: 'gqa' as const, heads: 64, kvHeads: 64, headDim: 128 } };
    const c = modern({ sequenceLength: 8192 });
    const diff = layerActivationBytes(mha, false, c) - layerActivationBytes(llama, false, c);
    expect(diff).toBe(8192 * 2 * (64 - 8) * 128 * 2);
  });
  it('FP8 caching of linear inputs (fp8 recipe) shrinks a DeepSeek-V3 MoE layer; selective (norms + MLA up-projections) shrinks it more', () => {
    const v3 = BUILTIN_MODELS['deepseek-v3']!.arch;
    const base = { sequenceLength: 4096, microBatchSize: 1, tensor: 1, sequenceParallel: false, context: 1, recomputeSwigluOutput: false } as const;
    const bf16 = layerActivationBytes(v3, true, { ...base, recompute: 'none', linearBytes: 2, otherBytes: 2 });
    const fp8 = layerActivationBytes(v3, true, { ...base, recompute: 'none', linearBytes: 1 + 4 / 128, otherBytes: 2, recomputeSwigluOutput: true });
    const sel = layerActivationBytes(v3, true, { ...base, recompute: 'selective', linearBytes: 1 + 4 / 128, otherBytes: 2, recomputeSwigluOutput: true });
    expect(fp8).toBeLessThan(0.8 * bf16);
    expect(sel).toBeLessThan(fp8);
    // MoE activations scale with top-k: the 8 routed copies are a large share
    const top4 = layerActivationBytes({ ...v3, moe: { ...v3.moe!, topK: 4 } }, true, { ...base, recompute: 'none', linearBytes: 2, otherBytes: 2 });
    expect(bf16 - top4).toBeGreaterThan(0.2 * bf16);
  });
  it('context parallelism divides activations by CP', () => {
    const c1 = layerActivationBytes(gpt3, false, modern({ tensor: t, sequenceParallel: true }));
    const c4 = layerActivationBytes(gpt3, false, modern({ tensor: t, sequenceParallel: true, context: 4 }));
    expect(c1 / c4).toBeCloseTo(4, 9);
  });
});
