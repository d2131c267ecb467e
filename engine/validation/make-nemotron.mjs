// Writes engine/validation/nemotron/<id>.plan.json + <id>.expected.json from the Nemotron-4 340B technical report's
// pre-training throughput table (NVIDIA 2024, "Nemotron-4 340B Technical Report", arXiv 2406.11704, Table 2 and §2.3):
// the batch-size ramp's three stages on 1,536 / 3,072 / 6,144 H100. Held out: no efficiency in the catalog was set from
// them, and no assumption below was chosen by its result.
// Run: node engine/validation/make-nemotron.mjs  (then: npx flopcast calibrate engine/validation/nemotron)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCases } from './cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'nemotron');
const SRC = 'NVIDIA 2024, "Nemotron-4 340B Technical Report", arXiv 2406.11704: Table 2 (data-parallel size, GPUs, iteration time, MFU, batch size), §2.3 (768 DGX H100 nodes, 8 H100 80GB SXM5 per node over NVLink/NVSwitch, 8 x 400 Gb/s InfiniBand HCAs per node; 8-way tensor, 12-way pipeline parallelism with interleaving, data parallelism, distributed optimizer), Table 1 and §2.1 (architecture)';
/** NeMo's published pre-training recipe for this model: the interleaving the report does not quantify. */
const RECIPE = 'NVIDIA/NeMo nemo/collections/llm/recipes/nemotron4_340b.py (pretrain_recipe defaults: tensor_parallelism 8, pipeline_parallelism 12, virtual_pipeline_parallelism 8, sequence_parallelism True, global_batch_size 2304, micro_batch_size 1, seq_length 4096)';

// Nemotron-4 340B (report Table 1, §2.1): 96 layers, hidden 18432, 96 heads with 8 KV heads (GQA), vocabulary 256,000,
// squared-ReLU MLP of 4 x hidden, RoPE, no biases, untied input and output embeddings.
const model = {
  name: 'nemotron-4-340b', layers: 96, hiddenSize: 18432, vocabSize: 256000, tiedEmbeddings: false,
  attention: { type: 'gqa', heads: 96, kvHeads: 8, headDim: 192 },
  ffn: { activation: 'gelu', intermediateSize: 73728 },
};

// [data-parallel size, GPUs, global batch (sequences), iteration time s, MFU %] — report Table 2
const rows = [
  [16, 1536, 768, 10.3, 42.4],
  [32, 3072, 1536, 10.3, 42.3],
  [64, 6144, 2304, 8.0, 41.0],
];

const cases = [];
for (const [dp, gpus, gbs, seconds, mfu] of rows) {
  const id = `nemotron4-340b-${gpus}xh100-dp${dp}`;
  const seq = 4096;
  const plan = {
    version: 1,
    name: `Nemotron-4 340B pre-training on ${gpus} H100 (TP8 PP12 DP${dp}, batch ${gbs})`,
    model,
    training: { tokens: gbs * seq * 1000, sequenceLength: seq, globalBatchSize: gbs, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 },
    parallelism: {
      tensor: 8, pipeline: 12, virtualStages: 8, context: 1, data: dp, sequenceParallel: true, zero: 1,
      schedule: 'interleaved-1f1b', recompute: 'none',
    },
    precision: 'bf16',
    assumptions: { framework: 'megatron-core' },
  };
  const expected = {
    id,
    name: plan.name,
    source: SRC,
    reliability: 'A',
    metric: 'step.seconds',
    value: seconds,
    otherMetrics: { 'throughput.mfuBf16': mfu / 100 },
    metricDefinition: 'iteration time in seconds as published (one global batch of 4096-token sequences); MFU against the BF16 dense peak, FLOP convention not restated (otherMetrics only)',
    assumed: [
      'model.ffn.activation gelu: the squared-ReLU MLP is a two-matrix MLP with one element-wise activation, which is how the engine costs gelu',
      `parallelism.virtualStages 8 and microBatchSize 1: the report says "pipeline parallelism with interleaving" without the chunk count; ${RECIPE}`,
      `parallelism.context 1: the GPU counts are TP8 x PP12 x DP exactly (the NeMo recipe's context_parallelism 2 would halve Table 2's DP sizes)`,
      'parallelism.sequenceParallel true: Megatron-Core with tensor parallelism (the NeMo recipe sets it)',
      'parallelism.recompute none: not stated (the NeMo recipe sets none)',
      'precision bf16: MFU is stated against the BF16 peak; the report names no FP8 training',
      "assumptions.framework megatron-core (Transformer Engine's fused attention and elementwise kernels): NVIDIA's own stack, whose NeMo recipe for this model is cited above; tpCommOverlap not stated, so the engine default 0 (0.9, as the Megatron-Core r0.8 README's runs state it, predicts 14% shorter steps)",
      `training.tokens = one step's tokens x 1000 (the stage totals are not what the step time measures)`,
    ],
    notes: `DP ${dp}, ${gpus} GPUs, global batch ${gbs}, sequence 4096; batch-size ramp stage of the production run. Held out: not used to set any efficiency.`,
  };
  cases.push({ id, plan, expected });
}
writeCases(out, cases);
