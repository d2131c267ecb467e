// Writes engine/validation/megatron-moe-modelzoo/<id>.plan.json + <id>.expected.json from the Megatron-Core MoE
// ModelZoo's Qwen3-235B-A22B H100 tables (yanring/Megatron-MoE-ModelZoo best_practice/qwen3/readme.md @e8650517):
// the rows the calibration set does not hold (../shared/calibration has the 16k and 64k long-context rows and four
// 4k rows) and the plan format can state. Held out: no efficiency in the catalog was set from them.
// The "+1f1b overlap" row states its A2A_OVERLAP as `assumptions.epA2aOverlap: combined-1f1b` (engine 0.7.1). Left out,
// with the reason: Qwen3-Next-80B (gated-delta-net layers) and the GB200 MXFP8 rows (fine-grained activation offloading).
// Run: node engine/validation/make-megatron-moe-modelzoo.mjs  (then: npx flopcast calibrate engine/validation/megatron-moe-modelzoo)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCases } from './cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'megatron-moe-modelzoo');
const SRC = 'yanring/Megatron-MoE-ModelZoo best_practice/qwen3/readme.md @e8650517d60d71ab73fc6b3b0388cac4ba435181';

const cluster = (gpus) => ({ gpu: 'h100-sxm', gpus, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 });
const COMMON_ASSUMED = [
  "cluster.gpu h100-sxm with nvswitch-h100 and 8 x ib-ndr: the readme's H100, NVLink 4th generation, InfiniBand 8x50 GB/s",
  'training.microBatchSize 1 unless the row states it',
  'moe.balancing aux-loss, nodeLimit 0, dispatchPrecision bf16: routing settings not stated beyond forced balance',
  "assumptions.framework megatron-core: the ModelZoo runs Megatron-Core with Transformer Engine",
  "training.tokens = one step's tokens x 1000 (the table gives no total)",
];
/**
 * BF16 gradient buffers and reduction (`gradientPrecision: bf16`): the ModelZoo's BF16 runs pass neither
 * --accumulate-allreduce-grads-in-fp32 nor --main-grads-dtype (sbatch_benchmarking.sh sets --main-grads-dtype fp32 only
 * for PR=fp8 / mxfp8), so Megatron-Core's default `grad_reduce_in_fp32 = False` applies
 * (megatron/core/distributed/distributed_data_parallel_config.py); Megatron-FSDP's main-gradient and gradient
 * communication dtypes follow it ("auto": the parameters' dtype, docs/user-guide/features/megatron_fsdp.md).
 */
const GRAD_BF16 =
  "BF16 gradient buffers and reduction: the ModelZoo's BF16 runs pass neither --accumulate-allreduce-grads-in-fp32 nor --main-grads-dtype (sbatch_benchmarking.sh @e8650517 sets --main-grads-dtype fp32 only for PR=fp8 / mxfp8), so Megatron-Core's default grad_reduce_in_fp32 = False applies (NVIDIA/Megatron-LM megatron/core/distributed/distributed_data_parallel_config.py)";
const METRIC =
  "per-GPU TFLOP/s from Megatron-Core's FLOP counter, which counts causal attention (NVIDIA/Megatron-LM 8873b55; the ModelZoo requires TransformerEngine PR 2125, 2025-09-17): compared with throughput.modelTflopsPerGpuCausal";

const cases = [];

// Long-context table: DeepEP, BF16, PP8 VPP4 EP8, GBS 256, 32 nodes; command line
// "--recompute-granularity selective --recompute-modules layernorm moe"; TFLOP/s with forced balance.
for (const [seq, tp, cp, tflops, dropless] of [
  [32768, 4, 2, 335, 277],
  [131072, 4, 8, 389, 357],
]) {
  const id = `modelzoo-qwen3-235b-h100-longctx-${seq}`;
  cases.push({
    id,
    plan: {
      version: 1,
      name: `Megatron-Core ModelZoo Qwen3-235B long context ${seq}, 32 nodes H100, TP${tp} CP${cp}`,
      model: 'qwen3-235b-a22b',
      training: { tokens: 256 * seq * 1000, sequenceLength: seq, globalBatchSize: 256, microBatchSize: 1 },
      cluster: cluster(256),
      parallelism: {
        tensor: tp, pipeline: 8, virtualStages: 4, context: cp, expert: 8, expertTensor: 1, sequenceParallel: true, zero: 1,
        schedule: 'interleaved-1f1b', recompute: 'selective', recomputeModules: ['layernorm', 'moe'],
      },
      precision: 'bf16',
      moe: { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' },
      assumptions: { framework: 'megatron-core', gradientPrecision: 'bf16' },
    },
    expected: {
      id,
      name: `Megatron-Core ModelZoo Qwen3-235B long context ${seq}`,
      source: `${SRC}, "Long Context" table and its command line`,
      reliability: 'A',
      metric: 'throughput.modelTflopsPerGpuCausal',
      value: tflops,
      metricDefinition: METRIC,
      assumed: [...COMMON_ASSUMED, 'parallelism.zero 1: distributed optimizer assumed', 'sequenceParallel true: required by Megatron for MoE with tensor parallelism'],
      notes: `TP${tp} CP${cp} PP8 VPP4 EP8, GBS 256, recompute --recompute-modules layernorm moe (stated). ${tflops} TFLOP/s with forced balance; dropless ${dropless}. ${GRAD_BF16}. Held out: not used to set any efficiency.`,
    },
  });
}

// H100 table, "Intra-node EP strategy": DeepEP, BF16, TP2 EP8 PP1, DP128 with Megatron FSDP, MBS 4, GBS 2048 (GA 4),
// full recompute; 17.6 s per step, 276 TFLOP/s per GPU.
{
  const id = 'modelzoo-qwen3-235b-h100-fsdp-tp2-ep8-full';
  cases.push({
    id,
    plan: {
      version: 1,
      name: 'Megatron-Core ModelZoo Qwen3-235B, 256 H100, TP2 EP8 FSDP, full recompute',
      model: 'qwen3-235b-a22b',
      training: { tokens: 2048 * 4096 * 1000, sequenceLength: 4096, globalBatchSize: 2048, microBatchSize: 4 },
      cluster: cluster(256),
      parallelism: { tensor: 2, pipeline: 1, context: 1, expert: 8, expertTensor: 1, sequenceParallel: true, zero: 3, schedule: '1f1b', recompute: 'full' },
      precision: 'bf16',
      moe: { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' },
      assumptions: { framework: 'megatron-core', gradientPrecision: 'bf16' },
    },
    expected: {
      id,
      name: 'Megatron-Core ModelZoo Qwen3-235B, intra-node EP with Megatron FSDP',
      source: `${SRC}, H100 table, "Intra-node EP strategy" row (main 1e057005)`,
      reliability: 'A',
      metric: 'throughput.modelTflopsPerGpuCausal',
      value: 276,
      metricDefinition: METRIC,
      assumed: [...COMMON_ASSUMED, 'parallelism.zero 3: the row\'s "FSDP On" (Megatron FSDP shards parameters, gradients and optimizer state)', 'sequenceParallel true: required by Megatron for MoE with tensor parallelism'],
      notes: 'TP2 EP8 PP1 EDP32 DP128, FSDP on, MBS 4, GBS 2048 (GA 4), recompute full, "disable log para norm"; 17.6 s per step. ' + GRAD_BF16 + '. Held out: not used to set any efficiency.',
    },
  });
}

// H100 table, "Cross-node EP strategy", second row: the calibration case mcore-qwen3-235b-h100-DeepEP-tp2-ep32-pp8-st19.7
// (19.7 s, 245 TFLOP/s) run again with "+1f1b overlap" — best_practice/qwen3/run_235b.sh:27 "A2A_OVERLAP=1 TP=2 PP=8
// VPP=4 EP=32 NNODES=32 GBS=2048 … --recompute-granularity selective --recompute-modules moe_act layernorm
// --moe-router-force-load-balancing": 17.6 s, 276 TFLOP/s. Megatron-Core's combined 1F1B (plan/ep-overlap.ts).
{
  const id = 'modelzoo-qwen3-235b-h100-deepep-tp2-ep32-pp8-a2a-overlap';
  cases.push({
    id,
    plan: {
      version: 1,
      name: 'Megatron-Core ModelZoo Qwen3-235B, 256 H100, TP2 EP32 PP8 VPP4, DeepEP + 1F1B all-to-all overlap',
      model: 'qwen3-235b-a22b',
      training: { tokens: 2048 * 4096 * 1000, sequenceLength: 4096, globalBatchSize: 2048, microBatchSize: 1 },
      cluster: cluster(256),
      parallelism: {
        tensor: 2, pipeline: 8, virtualStages: 4, context: 1, expert: 32, expertTensor: 1, sequenceParallel: true, zero: 1,
        schedule: 'interleaved-1f1b', recompute: 'selective', recomputeModules: ['layernorm', 'moe_act'],
      },
      precision: 'bf16',
      moe: { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' },
      assumptions: { framework: 'megatron-core', gradientPrecision: 'bf16', epA2aOverlap: 'combined-1f1b' },
    },
    expected: {
      id,
      name: 'Megatron-Core ModelZoo Qwen3-235B, cross-node EP with the 1F1B all-to-all overlap',
      source: `${SRC}, H100 table, "Cross-node EP strategy" "+1f1b overlap" row (moe_dev f3e6c5); best_practice/qwen3/run_235b.sh:27`,
      reliability: 'A',
      metric: 'throughput.modelTflopsPerGpuCausal',
      value: 276,
      metricDefinition: METRIC,
      assumed: [
        ...COMMON_ASSUMED,
        'parallelism.zero 1: distributed optimizer assumed',
        'sequenceParallel true: required by Megatron for MoE with tensor parallelism',
        'assumptions.epA2aOverlap combined-1f1b: the row\'s "+1f1b overlap" and the script\'s A2A_OVERLAP=1 (Megatron-Core --overlap-moe-expert-parallel-comm)',
      ],
      notes: 'TP2 EP32 PP8 VPP4 DP16, MBS 1, GBS 2048 (GA 128), recompute norm, act (--recompute-modules moe_act layernorm), DeepEP, forced balance; 17.6 s per step. The same layout without the overlap is the calibration case mcore-qwen3-235b-h100-DeepEP-tp2-ep32-pp8-st19.7 (19.7 s, 245). ' + GRAD_BF16 + '. Held out: not used to set any efficiency.',
    },
  });
}

writeCases(out, cases);
