import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS, BUILTIN_MODELS } from '../catalog/index.js';
import { RECIPES } from '../precision/recipes.js';
import { estimate } from '../estimate.js';
import { everyOtherMatmulFlops } from '../model/flops.js';
import { HOST_US_PER_KERNEL, headCost, passSeconds, transformerLayerCost, type LayerShape } from './layer.js';

const h100 = BUILTIN_GPUS['h100-sxm']!;
const shape = (tensor: number): LayerShape => ({
  arch: BUILTIN_MODELS['llama3-8b']!.arch,
  gpu: h100,
  recipe: RECIPES.bf16,
  recompute: 'none',
  microBatch: 2,
  sequenceLength: 8192,
  tensor,
  context: 1,
  sequenceParallel: false,
  expert: 1,
  expertTensor: 1,
  moeGpuImbalance: 1,
});

describe('output head and FP32 cross-entropy', () => {
  it('charges ~40 bytes per logit (18 forward + 22 backward) at the achievable HBM rate', () => {
    const s = shape(1);
    const c = headCost(s);
    const logits = 2 * 8192 * s.arch.vocabSize;
    const rate = h100.hbmBandwidthGBs * 1e9 * h100.efficiency.hbmFraction;
    // forward also holds the final norm (4 B per hidden element); backward holds only the loss
    expect(c.b.memory * rate / logits).toBeGreaterThan(21.9);
    expect(c.b.memory * rate / logits).toBeLessThan(22.2);
    expect((c.f.memory + c.b.memory) * rate / logits).toBeGreaterThan(40);
  });

  it('splits the loss over the vocabulary shards of tensor parallelism', () => {
    const one = headCost(shape(1));
    const four = headCost(shape(4));
    expect(four.b.memory / one.b.memory).toBeGreaterThan(0.24);
    expect(four.b.memory / one.b.memory).toBeLessThan(0.26);
  });
});

describe('host-bound floor (eager kernel issue, HOST_US_PER_KERNEL per launch)', () => {
  const layer = (microBatch: number, sequenceLength: number) =>
    transformerLayerCost({ ...shape(1), microBatch, sequenceLength }, false);

  it('a tiny pass cannot finish faster than the host issues its kernels', () => {
    const small = {
      ...BUILTIN_MODELS['llama3-8b']!.arch,
      hiddenSize: 512,
      attention: { type: 'gqa' as const, heads: 4, kvHeads: 4, headDim: 128 },
      ffn: { activation: 'swiglu' as const, intermediateSize: 1536 },
    };
    const c = transformerLayerCost({ ...shape(1), arch: small, microBatch: 1, sequenceLength: 64 }, false);
    for (const p of [c.f, c.b, c.w]) {
      expect(p.kernels).toBeGreaterThan(0);
      expect(passSeconds(p)).toBeCloseTo(Math.max(p.gemm + p.attention + p.memory, p.kernels * HOST_US_PER_KERNEL * 1e-6), 12);
    }
    expect(c.f.host).toBeGreaterThan(0);
  });

  it('a large pass is GPU-bound: the floor adds nothing', () => {
    const c = layer(2, 8192);
    expect(c.f.host + c.b.host + c.w.host).toBe(0);
  });

  it('grouped expert GEMMs count one launch per local expert (TE GroupedLinear, multi-stream)', () => {
    const qwen = BUILTIN_MODELS['qwen3-235b-a22b']!.arch;
    const s = { ...shape(1), arch: qwen, expert: 8 };
    const moe = transformerLayerCost(s, true);
    const dense = transformerLayerCost({ ...s, arch: { ...qwen, moe: undefined } }, false);
    // 16 local experts × 2 linears in forward vs 2 dense linears
    expect(moe.f.kernels - dense.f.kernels).toBeGreaterThanOrEqual(2 * 16 - 2);
  });

  it("an MoE layer's forward floors the host on each side of the dispatcher's synchronisation; dense layers and backward run ahead", () => {
    const qwen = BUILTIN_MODELS['qwen3-235b-a22b']!.arch;
    // 8k tokens: the attention block before the sync is GPU-bound, the 16 local experts after it are host-bound
    const s = { ...shape(4), sequenceParallel: true, arch: qwen, expert: 8, microBatch: 1, sequenceLength: 8192 };
    const moe = transformerLayerCost(s, true);
    const f = moe.f;
    expect(f.sync).toBeDefined();
    const gpu = f.gemm + f.attention + f.memory;
    const us = HOST_US_PER_KERNEL * 1e-6;
    // before the sync: attention block, router and permutation; after it: the experts (the all-to-all is timed in step/)
    const pre = Math.max(f.sync!.gpu, f.sync!.kernels * us);
    const post = Math.max(gpu - f.sync!.gpu, (f.kernels - f.sync!.kernels) * us);
    expect(f.host).toBeCloseTo(pre + post - gpu, 12);
    // never less than the whole-pass floor, and more here: the host cannot issue the experts while it waits
    expect(f.host).toBeGreaterThan(Math.max(0, f.kernels * us - gpu));
    expect(moe.b.sync).toBeUndefined();
    expect(transformerLayerCost({ ...s, arch: { ...qwen, moe: undefined } }, false).f.sync).toBeUndefined();
  });
});

describe('eager elementwise kernels (assumptions.elementwiseKernels)', () => {
  /** torchtitan's Llama 3.1 8B on 8 H100 (FSDP, local batch 2, seq 8192, selective AC), as shared/calibration writes it. */
  const torchtitan8b = (elementwiseKernels = 'fused') => ({
    version: 1,
    model: 'llama3-8b',
    training: { tokens: 1.31e8, sequenceLength: 8192, globalBatchSize: 16, microBatchSize: 2 },
    cluster: { gpu: 'h100-sxm', gpus: 8, interNode: 'roce-400' },
    parallelism: { tensor: 1, pipeline: 1, data: 8, zero: 3, schedule: '1f1b', recompute: 'selective' },
    precision: 'bf16',
    assumptions: { elementwiseKernels },
  });

  it('reproduces the published eager vs torch.compile gap of torchtitan Llama 3.1 8B (1.16×) from the op decompositions alone', () => {
    const fused = estimate(torchtitan8b()).throughput.tokensPerGpuSecond;
    const eager = estimate(torchtitan8b('eager')).throughput.tokensPerGpuSecond;
    // published: 6,667 vs 5,762 (8 GPUs) and 6,514 vs 5,605 (128 GPUs) tokens/s/GPU = 1.157 / 1.162
    expect(fused / eager).toBeGreaterThan(1.1);
    expect(fused / eager).toBeLessThan(1.22);
  });

  it('matters less as GEMMs grow (Llama 3 405B layers are mostly GEMM time)', () => {
    const big = (e?: string) => ({ ...torchtitan8b(e), model: 'llama3-405b', cluster: { gpu: 'h100-sxm', gpus: 512, interNode: 'roce-400' }, training: { tokens: 1e10, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 1 }, parallelism: { tensor: 8, pipeline: 16, sequenceParallel: true, zero: 1, schedule: '1f1b', recompute: 'full' } });
    const small = estimate(torchtitan8b()).step.seconds / estimate(torchtitan8b('eager')).step.seconds;
    const large = estimate(big()).step.seconds / estimate(big('eager')).step.seconds;
    expect(large).toBeGreaterThan(small);
  });

  it('is a field error when neither fused nor eager', () => {
    expect(() => estimate(torchtitan8b('jit'))).toThrow(/assumptions\.elementwiseKernels/);
  });
});

describe('selective recomputation as torchtitan does it (assumptions.selectiveRecompute: every-other-matmul)', () => {
  const sel = (mode: 'core-attention' | 'every-other-matmul'): LayerShape => ({ ...shape(1), recompute: 'selective', selectiveRecompute: mode });

  it('recomputes the 2nd, 4th and 6th matmul of a Llama layer (K, O, w3), not the attention core', () => {
    const arch = BUILTIN_MODELS['llama3-8b']!.arch;
    const h = arch.hiddenSize;
    expect(everyOtherMatmulFlops(arch, false)).toBe(2 * (h * 1024 + h * h + h * 14336));
    const none = transformerLayerCost({ ...shape(1), recompute: 'none' }, false);
    const op = transformerLayerCost(sel('every-other-matmul'), false);
    const T = 2 * 8192;
    // the extra backward FLOPs are exactly the recomputed matmuls, the hardware-FLOP count of model/flops.ts
    expect(op.b.flops - none.b.flops).toBeCloseTo(T * everyOtherMatmulFlops(arch, false), -3);
    expect(op.b.attention).toBeCloseTo(none.b.attention, 12);
    const megatron = transformerLayerCost(sel('core-attention'), false);
    expect(megatron.b.attention).toBeGreaterThan(none.b.attention);
  });

  it('reports hardware FLOPs for the matmuls it recomputes', () => {
    const plan = (selectiveRecompute: string) => ({
      version: 1,
      model: 'llama3-8b',
      training: { tokens: 1e10, sequenceLength: 8192, globalBatchSize: 16, microBatchSize: 2 },
      cluster: { gpu: 'h100-sxm', gpus: 8 },
      parallelism: { zero: 3, recompute: 'selective' },
      assumptions: { selectiveRecompute },
    });
    const op = estimate(plan('every-other-matmul')).model.flopsPerToken;
    const arch = BUILTIN_MODELS['llama3-8b']!.arch;
    expect(op.hardware - op.training).toBeCloseTo(arch.layers * everyOtherMatmulFlops(arch, false), -3);
    expect(() => estimate(plan('half'))).toThrow(/assumptions\.selectiveRecompute/);
  });
});

describe('norm kind and position encoding (model.norm, model.positionEmbedding)', () => {
  const gpt = { ...BUILTIN_MODELS['llama3-8b']!.arch, ffn: { activation: 'gelu' as const, intermediateSize: 16384 } };
  const cost = (arch: typeof gpt, elementwiseKernels: 'fused' | 'eager') => transformerLayerCost({ ...shape(1), arch, elementwiseKernels }, false);
  const pass = (c: ReturnType<typeof cost>) => c.f.memory + c.b.memory + c.w.memory;

  it('ALiBi and learned positions have no rotary pass: one kernel fewer forward, in either stack', () => {
    for (const mode of ['fused', 'eager'] as const) {
      const rotary = cost(gpt, mode);
      const alibi = cost({ ...gpt, positionEmbedding: 'alibi' }, mode);
      expect(rotary.f.kernels - alibi.f.kernels, mode).toBe(mode === 'eager' ? 3 : 1);
      expect(pass(alibi), mode).toBeLessThan(pass(rotary));
      expect(cost({ ...gpt, positionEmbedding: 'learned' }, mode).f.kernels, mode).toBe(alibi.f.kernels);
    }
  });

  it('LayerNorm is one kernel in eager PyTorch; the Llama-style RMSNorm decomposes into seven', () => {
    const rms = cost(gpt, 'eager');
    const ln = cost({ ...gpt, norm: 'layernorm' }, 'eager');
    expect(rms.f.kernels - ln.f.kernels).toBe(2 * 6);
    expect(pass(ln)).toBeLessThan(pass(rms));
    // fused kernels cost the same either way
    expect(pass(cost({ ...gpt, norm: 'layernorm' }, 'fused'))).toBe(pass(cost(gpt, 'fused')));
  });
});
