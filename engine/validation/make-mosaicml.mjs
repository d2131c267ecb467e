// Writes engine/validation/mosaicml/<id>.plan.json + <id>.expected.json from MosaicML's published MPT throughput tables
// (mosaicml/llm-foundry scripts/train/benchmarking/README.md @061f2c7c, "H100 80GB BF16", "H100 80GB FP8" and "A100 80GB"
// tables):
// 125M to 70B, 512 to 65,536 tokens, 8 to 64 GPUs, PyTorch FSDP (FULL_SHARD) with llm-foundry's Triton flash attention.
// Held out: the rows that are calibration cases are left out, and so are the MPT-7B/13B rows with activation
// checkpointing at s >= 4k, from whose slope the `pytorch-flash` attention rate was measured (catalog/gpu-efficiency.ts).
// Run: node engine/validation/make-mosaicml.mjs  (then: npx flopcast calibrate engine/validation/mosaicml)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCases } from './cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'mosaicml');
const SRC = 'mosaicml/llm-foundry scripts/train/benchmarking/README.md @061f2c7ce64e655100286584a7629e2a09f827ba';

// scripts/train/yamls/pretrain/mpt-*.yaml at the same commit: [layers, d_model, heads]; FFN 4 x d_model (GeLU), vocab
// 50368, tied embeddings, ALiBi (no rotary), MHA, `norm_type: low_precision_layernorm` (a LayerNorm: one kernel in eager
// PyTorch, unlike the Llama-style RMSNorm decomposition).
const ARCH = { '125m': [12, 768, 12], '350m': [24, 1024, 16], '760m': [24, 1536, 12], '1b': [24, 2048, 16], '3b': [32, 2560, 20], '7b': [32, 4096, 32], '13b': [40, 5120, 40], '30b': [48, 7168, 56], '70b': [80, 8192, 64] };

// [table, model, seq, gpus, micro-batch, global batch, activation checkpointing, tokens/s/GPU]; H100-FP8 rows ran
// amp_fp8 with Transformer Engine linear layers (`fc_type: te`, TE v0.10: per-tensor delayed scaling)
const rows = [
  ['H100', '70b', 2048, 64, 8, 2048, true, 1039],
  ['H100', '70b', 2048, 32, 2, 1024, true, 882],
  ['H100', '30b', 8192, 8, 1, 168, true, 1384],
  ['H100', '30b', 4096, 8, 1, 168, true, 1802],
  ['H100', '30b', 2048, 16, 10, 480, true, 2263],
  ['H100', '30b', 2048, 8, 3, 504, true, 2002],
  ['H100', '30b', 1024, 8, 6, 1008, true, 2084],
  ['H100', '13b', 2048, 64, 2, 128, false, 4800],
  ['H100', '13b', 2048, 32, 2, 64, false, 4811],
  ['H100', '13b', 2048, 16, 2, 32, false, 4767],
  ['H100', '13b', 2048, 8, 2, 16, false, 4792],
  ['H100', '13b', 1024, 8, 40, 960, true, 5502],
  ['H100', '7b', 2048, 8, 6, 48, false, 10643],
  ['H100', '7b', 1024, 8, 64, 1024, true, 10203],
  ['H100', '3b', 65536, 8, 1, 16, true, 3262],
  ['H100', '3b', 16384, 8, 1, 48, false, 11152],
  ['H100', '3b', 4096, 8, 5, 240, false, 20964],
  ['H100', '3b', 2048, 64, 6, 1152, false, 22525],
  ['H100', '3b', 2048, 32, 6, 576, false, 23021],
  ['H100', '3b', 2048, 16, 10, 480, false, 24142],
  ['H100', '3b', 1024, 8, 20, 960, false, 27046],
  ['H100', '1b', 65536, 8, 1, 16, true, 5506],
  ['H100', '1b', 16384, 8, 2, 64, false, 19649],
  ['H100', '1b', 8192, 8, 3, 96, false, 29157],
  ['H100', '1b', 4096, 8, 7, 224, false, 38535],
  ['H100', '1b', 2048, 64, 20, 1280, false, 44402],
  ['H100', '1b', 2048, 32, 20, 640, false, 45130],
  ['H100', '1b', 2048, 16, 20, 320, false, 46037],
  ['H100', '1b', 2048, 8, 14, 112, false, 45455],
  ['H100', '1b', 1024, 8, 18, 576, false, 48910],
  ['H100', '760m', 32768, 8, 1, 16, false, 16291],
  ['H100', '760m', 16384, 8, 3, 48, false, 27815],
  ['H100', '760m', 8192, 8, 6, 96, false, 41825],
  ['H100', '760m', 4096, 8, 12, 192, false, 55459],
  ['H100', '760m', 2048, 32, 24, 768, false, 67971],
  ['H100', '760m', 2048, 16, 24, 384, false, 68551],
  ['H100', '760m', 2048, 8, 24, 384, false, 63147],
  ['H100', '760m', 1024, 8, 48, 768, false, 78581],
  ['H100', '760m', 512, 8, 96, 1536, false, 83749],
  ['A100', '70b', 2048, 32, 2, 1024, true, 373],
  ['A100', '30b', 8192, 8, 1, 168, true, 574],
  ['A100', '30b', 4096, 8, 1, 168, true, 814],
  ['A100', '30b', 2048, 8, 3, 504, true, 916],
  ['A100', '30b', 1024, 8, 6, 1008, true, 946],
  ['A100', '30b', 512, 8, 12, 2016, true, 967],
  ['A100', '13b', 2048, 8, 2, 48, false, 2262],
  ['A100', '13b', 1024, 8, 40, 960, true, 2330],
  ['A100', '7b', 1024, 8, 64, 1024, true, 4357],
  ['A100', '3b', 65536, 8, 1, 16, true, 1767],
  ['A100', '3b', 32768, 8, 3, 144, true, 3029],
  ['A100', '3b', 16384, 8, 1, 48, false, 5529],
  ['A100', '3b', 8192, 8, 3, 144, false, 7695],
  ['A100', '3b', 4096, 8, 5, 240, false, 9457],
  ['A100', '3b', 2048, 8, 10, 160, false, 10811],
  ['A100', '3b', 1024, 8, 20, 960, false, 11580],
  ['A100', '3b', 512, 8, 40, 1920, false, 12127],
  ['A100', '1b', 65536, 8, 1, 16, true, 3044],
  ['A100', '1b', 32768, 8, 1, 32, false, 6275],
  ['A100', '1b', 16384, 8, 2, 64, false, 9956],
  ['A100', '1b', 8192, 8, 3, 96, false, 13814],
  ['A100', '1b', 4096, 8, 7, 224, false, 17807],
  ['A100', '1b', 2048, 8, 14, 448, false, 20513],
  ['A100', '1b', 1024, 8, 18, 576, false, 22112],
  ['A100', '1b', 512, 8, 56, 1792, false, 23148],
  ['A100', '760m', 65536, 8, 1, 16, true, 4143],
  ['A100', '760m', 32768, 8, 1, 16, false, 8802],
  ['A100', '760m', 16384, 8, 3, 48, false, 14274],
  ['A100', '760m', 8192, 8, 6, 96, false, 20933],
  ['A100', '760m', 4096, 8, 12, 192, false, 27351],
  ['A100', '760m', 2048, 8, 24, 384, false, 32434],
  ['A100', '760m', 1024, 8, 48, 768, false, 29765],
  ['A100', '760m', 512, 8, 96, 1536, false, 29446],
  ['A100', '350m', 65536, 8, 1, 16, false, 7524],
  ['A100', '350m', 32768, 8, 2, 32, false, 13652],
  ['A100', '350m', 16384, 8, 4, 64, false, 23559],
  ['A100', '350m', 8192, 8, 8, 128, false, 36569],
  ['A100', '350m', 4096, 8, 16, 256, false, 49555],
  ['A100', '350m', 2048, 8, 32, 512, false, 58782],
  ['A100', '350m', 1024, 8, 64, 1024, false, 64813],
  ['A100', '350m', 512, 8, 128, 2048, false, 69330],
  ['A100', '125m', 65536, 8, 1, 16, false, 20368],
  ['A100', '125m', 32768, 8, 2, 32, false, 36407],
  ['A100', '125m', 16384, 8, 4, 64, false, 60040],
  ['A100', '125m', 8192, 8, 8, 128, false, 90392],
  ['A100', '125m', 4096, 8, 16, 256, false, 118396],
  ['A100', '125m', 2048, 8, 40, 640, false, 142830],
  ['A100', '125m', 2048, 8, 32, 512, false, 141737],
  ['A100', '125m', 1024, 8, 64, 1024, false, 156468],
  ['A100', '125m', 512, 8, 128, 2048, false, 165681],
  ['H100-FP8', '3b', 32768, 8, 3, 144, true, 5856],
  ['H100-FP8', '3b', 8192, 8, 3, 144, false, 19146],
  ['H100-FP8', '3b', 2048, 8, 10, 480, false, 30586],
  ['H100-FP8', '3b', 512, 8, 40, 1920, false, 36527],
  ['H100-FP8', '1b', 32768, 8, 1, 32, false, 12580],
  ['H100-FP8', '1b', 8192, 8, 2, 64, false, 32010],
  ['H100-FP8', '1b', 512, 8, 56, 1792, false, 70315],
  ['H100-FP8', '350m', 32768, 8, 1, 32, false, 24439],
  ['H100-FP8', '350m', 16384, 8, 2, 64, false, 42929],
  ['H100-FP8', '350m', 512, 8, 56, 1792, false, 154420],
];

const cases = [];
for (const [table, model, seq, gpus, mbs, gbs, ac, value] of rows) {
  const [layers, d, heads] = ARCH[model];
  const fp8 = table === 'H100-FP8';
  const gpu = fp8 ? 'H100' : table;
  const id = `mpt-${model}-s${seq}-${gpus}x${gpu}-${fp8 ? 'fp8-' : ''}gbs${gbs}`;
  const cluster =
    gpu === 'H100'
      ? { gpu: 'h100-sxm', gpus, gpusPerNode: 8, intraNode: 'nvswitch-h100' }
      : { gpu: 'a100-sxm-80gb', gpus, gpusPerNode: 8, intraNode: 'nvswitch-a100', interNode: 'ib-hdr', nicsPerNode: 8 };
  const plan = {
    version: 1,
    name: `MPT-${model} seq ${seq} on ${gpus}x ${gpu}-80GB, ${fp8 ? 'fp8' : 'bf16'} (llm-foundry benchmark)`,
    model: {
      name: `mpt-${model}`, layers, hiddenSize: d, vocabSize: 50368, tiedEmbeddings: true,
      attention: { type: 'gqa', heads, kvHeads: heads, headDim: d / heads },
      ffn: { activation: 'gelu', intermediateSize: 4 * d },
      norm: 'layernorm',
      positionEmbedding: 'alibi',
    },
    training: { tokens: gbs * seq * 1000, sequenceLength: seq, globalBatchSize: gbs, microBatchSize: mbs },
    cluster,
    parallelism: { tensor: 1, pipeline: 1, virtualStages: 1, context: 1, data: gpus, sequenceParallel: false, zero: 3, schedule: '1f1b', recompute: ac ? 'full' : 'none' },
    precision: fp8 ? 'fp8-tensorwise' : 'bf16',
    assumptions: { attentionKernel: 'pytorch-flash', optimizerKernels: 'unfused' },
  };
  const expected = {
    id,
    name: plan.name,
    source: `${SRC}, "${fp8 ? 'H100 80GB FP8' : gpu === 'H100' ? 'H100 80GB BF16' : 'A100 80GB with 1600 Gbps node-node interconnect (RoCE)'}" table`,
    reliability: 'A',
    metric: 'throughput.tokensPerGpuSecond',
    value,
    metricDefinition: 'Throughput (T/s/GPU) as published (no FLOP convention involved)',
    assumed: [
      gpu === 'H100' ? "cluster.gpu h100-sxm with nvswitch-h100: the table says 'h100_80gb' (SXM assumed)" : "cluster.interNode ib-hdr x 8: the table's '1600 Gbps node-node' RoCE, as shared/calibration/README.md maps it",
      "assumptions.attentionKernel pytorch-flash: the benchmark's default `attn_impl: triton` (llm-foundry's Triton flash attention inside PyTorch FSDP)",
      "assumptions.optimizerKernels unfused: the MPT yamls' `optimizer: name: decoupled_adamw` (scripts/train/yamls/pretrain/mpt-*.yaml; submit_benchmarks.py does not override it) is Composer's DecoupledAdamW, whose step runs one in-place PyTorch op per operation and parameter (composer/optim/decoupled_weight_decay.py)",
      fp8 ? 'precision fp8-tensorwise for amp_fp8 (Transformer Engine linears, per-tensor scaling; the submit script installs flash-attn 1.0.7 for these runs, same attention rate assumed)' : 'precision bf16 for amp_bf16',
      'zero 3 for FULL_SHARD; recompute full where the table says activation checkpointing',
      `training.tokens = one step's tokens x 1000 (the table gives no total)`,
    ],
    notes: `${gpus} GPUs, micro-batch ${mbs}, global batch ${gbs}, activation checkpointing ${ac}. Held out: not used to set any efficiency.`,
  };
  cases.push({ id, plan, expected });
}
writeCases(out, cases);
