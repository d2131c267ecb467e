// Writes engine/validation/megatron-core/<id>.plan.json + <id>.expected.json from the Megatron-Core r0.8.0 weak-scaling
// table on H100 (NVIDIA/Megatron-LM README.md @f2e5db402c, "Training Speed and Scalability", images/model_table.png,
// transcribed): GPT models 1.7B-462B, vocabulary 131,072, sequence 4096, 48-6144 H100 GPUs. Held out: no efficiency
// in the catalog was set from them.
// Run: node engine/validation/make-megatron-core.mjs  (then: npx flopcast calibrate engine/validation/megatron-core)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCases } from './cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'megatron-core');
const SRC = 'NVIDIA/Megatron-LM README.md @f2e5db402c (2024-07-15), "Training Speed and Scalability", images/model_table.png (Megatron-Core r0.8.0)';

// [model size, attention heads, hidden size, layers, TP, PP, DP, GPUs, global batch (sequences), per-GPU TFLOP/s]
const rows = [
  ['1.7B', 16, 2048, 24, 1, 1, 48, 48, 192, 408.8],
  ['7.1B', 32, 4096, 30, 2, 1, 48, 96, 192, 465.9],
  ['16B', 48, 6144, 32, 4, 1, 48, 192, 192, 489.1],
  ['32B', 56, 7168, 48, 8, 1, 48, 384, 192, 459.6],
  ['70B', 64, 8192, 84, 8, 2, 48, 768, 384, 419.7],
  ['119B', 80, 10240, 92, 8, 4, 48, 1536, 768, 420.5],
  ['177B', 96, 12288, 96, 8, 6, 48, 2304, 1152, 432.8],
  ['314B', 128, 16384, 96, 8, 8, 48, 3072, 1536, 474.4],
  ['462B', 144, 18432, 112, 8, 16, 48, 6144, 3072, 459.9],
];

const cases = [];
for (const [size, heads, h, layers, tp, pp, dp, gpus, gbs, value] of rows) {
  const id = `mcore-r0.8-gpt-${size.toLowerCase()}-${gpus}xh100`;
  const seq = 4096;
  const plan = {
    version: 1,
    name: `Megatron-Core r0.8.0 GPT ${size} on ${gpus} H100 (TP${tp} PP${pp} DP${dp})`,
    model: {
      name: `gpt-${size.toLowerCase()}`, layers, hiddenSize: h, vocabSize: 131072, tiedEmbeddings: false,
      attention: { type: 'gqa', heads, kvHeads: heads, headDim: h / heads },
      ffn: { activation: 'gelu', intermediateSize: 4 * h },
    },
    training: { tokens: gbs * seq * 1000, sequenceLength: seq, globalBatchSize: gbs, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 },
    parallelism: { tensor: tp, pipeline: pp, virtualStages: 1, context: 1, data: dp, sequenceParallel: tp > 1, zero: 1, schedule: '1f1b', recompute: 'none' },
    precision: 'bf16',
    assumptions: { framework: 'megatron-core', ...(tp > 1 ? { tpCommOverlap: 0.9 } : {}) },
  };
  const expected = {
    id,
    name: plan.name,
    source: SRC,
    reliability: 'B',
    metric: 'throughput.modelTflopsPerGpu',
    value,
    metricDefinition: "per-GPU teraFLOP/s from Megatron's FLOP counter of mid-2024 (model FLOPs, full s^2 attention term: 12*s*L*h per token, as this engine's modelTflopsPerGpu); MFU = value / 989",
    assumed: [
      'model: GPT (GeLU MLP 4 x hidden, MHA, untied embeddings) with the stated heads / hidden / layers, vocabulary 131,072 and sequence 4096 (README text)',
      'cluster: DGX H100 nodes (nvswitch-h100, 8 x ib-ndr); the README says H100 GPUs only',
      'precision bf16: MFU is stated against the BF16 peak; the README does not name the precision',
      'training.microBatchSize 1, recompute none, no interleaving (virtualStages 1), zero 1 (distributed optimizer): not stated',
      "assumptions.framework megatron-core and tpCommOverlap 0.9 where TP > 1: the README says the runs overlap TP (--tp-comm-overlap), DP (--overlap-grad-reduce --overlap-param-gather) and PP communication",
      `training.tokens = one step's tokens x 1000 (the table gives no total)`,
    ],
    notes: `TP ${tp}, PP ${pp}, DP ${dp}, ${gpus} GPUs, global batch ${gbs}. Values transcribed from an image. Held out: not used to set any efficiency.`,
  };
  cases.push({ id, plan, expected });
}
writeCases(out, cases);
