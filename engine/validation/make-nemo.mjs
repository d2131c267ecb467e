// Writes engine/validation/nemo/<id>.plan.json + <id>.expected.json from NVIDIA NeMo's published pre-training
// performance table (NVIDIA/NeMo docs/source/performance/performance_summary.md @070a0bb, "Pretraining": NeMo 24.07
// container, DGX-H100, FP8): GPT-3 5B-175B, Llama 2 7B-70B, Llama 3 8B/70B and Nemotron 8B-340B, each row with its GPU
// count, batch, micro-batch, sequence length and TP / PP / CP / VP. Held out: no efficiency in the catalog was set from
// them, and no assumption below was chosen by its result.
// Run: node engine/validation/make-nemo.mjs  (then: npx flopcast calibrate engine/validation/nemo)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCases } from './cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'nemo');
const SRC = 'NVIDIA/NeMo docs/source/performance/performance_summary.md @070a0bb168d405d653b9734c0017cf5078e77c0d, "Pretraining" table (NeMo 24.07 container, DGX-H100, FP8)';
/** The training configs of the same release: architecture, recomputation and TP-communication overlap per model. */
const CONF = 'NVIDIA/NeMo-Framework-Launcher launcher_scripts/conf/training @24.07';

/** Megatron pads the vocabulary to a multiple of make_vocab_size_divisible_by (128) × TP. */
const padded = (v, tp) => Math.ceil(v / (128 * tp)) * 128 * tp;
const GPT2_BPE = 50257;

/** NeMo GPT-3 (megatron_gpt defaults): LayerNorm, learned absolute positions, GeLU MLP of 4 × hidden, tied embeddings. */
const gpt3 = (name, layers, h, heads) => (tp) => ({
  name, layers, hiddenSize: h, vocabSize: padded(GPT2_BPE, tp), tiedEmbeddings: true,
  attention: { type: 'gqa', heads, kvHeads: heads, headDim: h / heads },
  ffn: { activation: 'gelu', intermediateSize: 4 * h }, norm: 'layernorm', positionEmbedding: 'learned',
});
/** Llama (rmsnorm, rope, SwiGLU, untied). */
const llama = (name, layers, h, heads, kv, ffn, vocab) => (tp) => ({
  name, layers, hiddenSize: h, vocabSize: padded(vocab, tp), tiedEmbeddings: false,
  attention: { type: 'gqa', heads, kvHeads: kv, headDim: h / heads },
  ffn: { activation: 'swiglu', intermediateSize: ffn }, norm: 'rmsnorm', positionEmbedding: 'rotary',
});
/** Nemotron (layernorm1p, rope on half the head, squared-ReLU MLP — a two-matrix MLP, costed as `gelu` — untied, 256k vocabulary). */
const nemotron = (name, layers, h, heads, kv, ffn) => (tp) => ({
  name, layers, hiddenSize: h, vocabSize: padded(256000, tp), tiedEmbeddings: false,
  attention: { type: 'gqa', heads, kvHeads: kv, headDim: h / heads },
  ffn: { activation: 'gelu', intermediateSize: ffn }, norm: 'layernorm', positionEmbedding: 'rotary',
});

// Per model: architecture, its launcher config, whether that config recomputes (activations_checkpoint_granularity) and
// overlaps TP communication (ub_tp_comm_overlap).
const MODELS = {
  'GPT3-5B': { arch: gpt3('gpt3-5b', 24, 4096, 32), conf: 'gpt3/5b.yaml', recompute: 'none', tpOverlap: false },
  'GPT3-20B': { arch: gpt3('gpt3-20b', 44, 6144, 48), conf: 'gpt3/20b.yaml', recompute: 'none', tpOverlap: true },
  'GPT3-175B': { arch: gpt3('gpt3-175b', 96, 12288, 96), conf: 'gpt3/175b.yaml and gpt3/175b_fp8.yaml', recompute: 'none', tpOverlap: false },
  'LLAMA2-7B': { arch: llama('llama2-7b', 32, 4096, 32, 32, 11008, 32000), conf: 'llama/llama2_7b.yaml', recompute: 'none', tpOverlap: false },
  'LLAMA2-13B': { arch: llama('llama2-13b', 40, 5120, 40, 40, 13824, 32000), conf: 'llama/llama2_13b.yaml', recompute: 'none', tpOverlap: false },
  'LLAMA2-70B': { arch: llama('llama2-70b', 80, 8192, 64, 8, 28672, 32000), conf: 'llama/llama2_70b.yaml', recompute: 'none', tpOverlap: true },
  'Nemotron-8B': { arch: nemotron('nemotron-8b', 32, 4096, 32, 32, 16384), conf: 'nemotron/nemotron_8b.yaml', recompute: 'none', tpOverlap: true },
  'Nemotron-22B': { arch: nemotron('nemotron-22b', 40, 6144, 48, 48, 24576), conf: 'nemotron/nemotron_22b.yaml', recompute: 'none', tpOverlap: true },
  // its optimizer: distributed_fused_adam with grad_sync_dtype bf16 and dtype bf16 (the whole optimizer state in BF16)
  'Nemotron-340B': { arch: nemotron('nemotron-340b', 96, 18432, 96, 8, 73728), conf: 'nemotron/nemotron_340b.yaml', recompute: 'selective', tpOverlap: false, bf16Optimizer: true },
  'LLAMA3-8B': { arch: llama('llama3-8b', 32, 4096, 32, 8, 14336, 128256), conf: 'llama/llama3_8b.yaml', recompute: 'none', tpOverlap: false },
  'LLAMA3-70B': { arch: llama('llama3-70b', 80, 8192, 64, 8, 28672, 128256), conf: 'llama/llama3_70b.yaml', recompute: 'none', tpOverlap: true },
};

// [model, GPUs, GBS, MBS, sequence length, TP, PP, CP, VP, tokens/s/GPU] — the table's rows, in its order
const rows = [
  ['GPT3-5B', 64, 2048, 4, 2048, 1, 1, 1, 1, 22521],
  ['GPT3-20B', 64, 256, 2, 2048, 2, 1, 1, 1, 5851],
  ['GPT3-175B', 128, 256, 1, 2048, 4, 8, 1, 6, 726],
  ['GPT3-175B', 512, 2048, 2, 2048, 4, 8, 1, 6, 782],
  ['LLAMA2-7B', 8, 128, 1, 4096, 1, 1, 1, 1, 16847],
  ['LLAMA2-13B', 16, 128, 1, 4096, 1, 4, 1, 10, 8646],
  ['LLAMA2-70B', 64, 128, 1, 4096, 4, 4, 1, 20, 1707],
  ['Nemotron-8B', 64, 256, 4, 4096, 2, 1, 1, 1, 12701],
  ['Nemotron-22B', 64, 256, 2, 4096, 2, 4, 1, 10, 4256],
  ['Nemotron-340B', 128, 32, 1, 4096, 8, 8, 1, 12, 322],
  ['LLAMA3-8B', 8, 128, 1, 8192, 1, 1, 2, 1, 12036],
  ['LLAMA3-70B', 64, 128, 1, 8192, 4, 4, 2, 5, 1533],
];

const cases = [];
for (const [model, gpus, gbs, mbs, seq, tp, pp, cp, vp, value] of rows) {
  const m = MODELS[model];
  const id = `nemo-24.07-h100-${model.toLowerCase()}-${gpus}`;
  const plan = {
    version: 1,
    name: `NeMo 24.07 ${model} FP8 on ${gpus} H100 (TP${tp} PP${pp} CP${cp} VP${vp}, GBS ${gbs}, MBS ${mbs})`,
    model: m.arch(tp),
    training: { tokens: gbs * seq * 1000, sequenceLength: seq, globalBatchSize: gbs, microBatchSize: mbs },
    cluster: { gpu: 'h100-sxm', gpus, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 },
    parallelism: {
      tensor: tp, pipeline: pp, virtualStages: vp, context: cp, sequenceParallel: tp > 1, zero: 1,
      schedule: pp > 1 ? (vp > 1 ? 'interleaved-1f1b' : '1f1b') : '1f1b', recompute: m.recompute,
    },
    precision: 'fp8-tensorwise',
    assumptions: {
      framework: 'megatron-core',
      ...(tp > 1 && m.tpOverlap ? { tpCommOverlap: 0.9 } : {}),
      ...(m.bf16Optimizer ? { gradientPrecision: 'bf16', optimizerStatePrecision: 'bf16' } : {}),
    },
  };
  const expected = {
    id,
    name: plan.name,
    source: SRC,
    reliability: 'A',
    metric: 'throughput.tokensPerGpuSecond',
    value,
    metricDefinition: 'Tokens / sec / GPU as published (no FLOP convention involved)',
    assumed: [
      `model: ${CONF}/${m.conf} (layers, hidden, FFN, heads, query groups, normalization, activation, positions, tied embeddings); vocabulary padded to a multiple of 128 x TP (make_vocab_size_divisible_by)`,
      model.startsWith('Nemotron') ? 'model.ffn.activation gelu: squared-ReLU is a two-matrix MLP with one element-wise activation, which is how the engine costs gelu; layernorm1p as layernorm' : null,
      `parallelism.recompute ${m.recompute}: the config's activations_checkpoint_granularity (${m.recompute === 'none' ? 'null' : 'selective'})`,
      tp > 1 ? `assumptions.tpCommOverlap ${m.tpOverlap ? '0.9' : '0 (engine default)'}: the config's ub_tp_comm_overlap is ${m.tpOverlap ? 'true (the Megatron-Bridge set states 0.9 for the same overlap)' : 'false'}` : null,
      'parallelism.zero 1: distributed_fused_adam shards the optimizer state over data-parallel ranks; sequenceParallel where TP > 1 (the configs set it)',
      m.bf16Optimizer ? `assumptions.gradientPrecision bf16 and optimizerStatePrecision bf16: the config's optim block (distributed_fused_adam, grad_sync_dtype: bf16, dtype: bf16), ${CONF}/${m.conf}` : null,
      "precision fp8-tensorwise: Transformer Engine FP8 (per-tensor delayed scaling, fp8_hybrid) as NeMo 24.07 runs it; assumptions.framework megatron-core (mcore_gpt, transformer_engine)",
      `training.tokens = one step's tokens x 1000 (the table gives no total)`,
    ].filter(Boolean),
    notes: `${gpus} H100, GBS ${gbs}, MBS ${mbs}, seq ${seq}, TP ${tp}, PP ${pp}, CP ${cp}, VP ${vp}; published ${value} tokens/s/GPU. Held out: not used to set any efficiency.`,
  };
  cases.push({ id, plan, expected });
}
writeCases(out, cases);
