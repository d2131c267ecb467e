/**
 * Starting plans for the model presets: the cluster, batch and parallelism of each model's published training run,
 * with the source of every value. `/plans/new?preset=<id>` opens these. Presets without a published run on this list
 * get a plain starting point (said in `source`), never invented "published" numbers.
 */
import type { PlanDocument } from './plan-doc';
import { clone } from './plan-doc';

export interface PresetRun {
  /** Model preset id (catalog). */
  model: string;
  title: string;
  /** Where the cluster / parallelism / batch values come from. */
  source: string;
  plan: PlanDocument;
}

const RUNS: PresetRun[] = [
  {
    model: 'deepseek-v3',
    title: 'DeepSeek-V3 pre-training: 2048 H800, DualPipe PP16, EP64, FP8',
    source:
      'DeepSeek-AI, DeepSeek-V3 Technical Report, arXiv 2412.19437: §3.1 (2048 H800, 8 per node, NVLink + 8× 400 Gb/s IB), '
      + '§3.2 (16-way PP with DualPipe, 64-way EP over 8 nodes, ZeRO-1 DP, no TP, node-limited routing to 4 nodes), '
      + '§3.3 (FP8 fine-grained recipe), §4.2 (14.8T tokens, sequence 4096, batch ramped to 15360), §2.1.2 (auxiliary-loss-free balancing).',
    plan: {
      version: 1,
      name: 'DeepSeek-V3 published run',
      model: 'deepseek-v3',
      training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 },
      cluster: { gpu: 'h800-sxm', gpus: 2048, gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr', nicsPerNode: 8 },
      parallelism: {
        // virtualStages left out: DualPipe always runs 2 chunks per rank (plan-format.md), and switching the
        // schedule to 1F1B then needs no other change.
        tensor: 1, pipeline: 16, context: 1, expert: 64, expertTensor: 1, data: 128,
        sequenceParallel: false, zero: 1, schedule: 'dualpipe', recompute: 'selective',
      },
      precision: 'fp8',
      moe: { balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' },
    },
  },
  {
    model: 'deepseek-v2',
    title: 'DeepSeek-V2 pre-training: H800, zero-bubble PP16, EP8, BF16',
    source:
      'DeepSeek-AI, DeepSeek-V2, arXiv 2405.04434: §3.1.2–3.1.3 (16-way zero-bubble PP, 8-way EP, ZeRO-1 DP, no TP, '
      + 'device-limited routing M=3, batch ramped to 9216, sequence 4096), §3.1.1 (8.1T tokens); H800 cluster as in the V3 report.',
    plan: {
      version: 1,
      name: 'DeepSeek-V2 published run',
      model: 'deepseek-v2',
      training: { tokens: 8.1e12, sequenceLength: 4096, globalBatchSize: 9216, microBatchSize: 1 },
      cluster: { gpu: 'h800-sxm', gpus: 2048, gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr', nicsPerNode: 8 },
      parallelism: {
        tensor: 1, pipeline: 16, virtualStages: 1, context: 1, expert: 8, expertTensor: 1,
        sequenceParallel: false, zero: 1, schedule: 'zb1p', recompute: 'selective',
      },
      precision: 'bf16',
      moe: { balancing: 'aux-loss', nodeLimit: 3, dispatchPrecision: 'bf16' },
    },
  },
  {
    model: 'llama3-405b',
    title: 'Llama 3 405B pre-training: 16,384 H100, TP8 PP16 DP128',
    source:
      'Llama Team, The Llama 3 Herd of Models, arXiv 2407.21783: Table 4 and §3.3.2 (TP8, CP1, PP16 interleaved, DP128, '
      + 'sequence 8192, 16 sequences per DP rank), §3.3.1 (H100 80GB, RoCE 400 Gb/s), §3.4 (15.6T tokens).',
    plan: {
      version: 1,
      name: 'Llama 3 405B published run',
      model: 'llama3-405b',
      training: { tokens: 15.6e12, sequenceLength: 8192, globalBatchSize: 2048, microBatchSize: 1 },
      cluster: { gpu: 'h100-sxm', gpus: 16384, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'roce-400', nicsPerNode: 8 },
      parallelism: {
        tensor: 8, pipeline: 16, virtualStages: 2, context: 1, data: 128,
        sequenceParallel: true, zero: 2, schedule: 'interleaved-1f1b', recompute: 'none',
      },
      precision: 'bf16',
    },
  },
  {
    model: 'llama3-70b',
    title: 'Llama 3 70B on 256 H100 (torchtitan 2D: FSDP32 × TP8)',
    source:
      'pytorch/torchtitan benchmarks/llama3_h100_202412_torchtitan.md (Dec 2024): 256 H100, FSDP 32 × TP 8, '
      + 'local batch 16, sequence 8192; tokens 15T from arXiv 2407.21783 §3.1.',
    plan: {
      version: 1,
      name: 'Llama 3 70B (torchtitan 2D)',
      model: 'llama3-70b',
      training: { tokens: 15e12, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 16 },
      cluster: { gpu: 'h100-sxm', gpus: 256, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'roce-400', nicsPerNode: 8 },
      parallelism: {
        tensor: 8, pipeline: 1, virtualStages: 1, context: 1, data: 32,
        sequenceParallel: true, zero: 3, schedule: '1f1b', recompute: 'full',
      },
      precision: 'bf16',
    },
  },
  {
    model: 'llama3-8b',
    title: 'Llama 3 8B on 128 H100 (torchtitan FSDP)',
    source:
      'pytorch/torchtitan benchmarks/llama3_h100_202412_torchtitan.md (Dec 2024): 128 H100, FSDP, local batch 2, '
      + 'sequence 8192; tokens 15T from arXiv 2407.21783 §3.1.',
    plan: {
      version: 1,
      name: 'Llama 3 8B (torchtitan FSDP)',
      model: 'llama3-8b',
      training: { tokens: 15e12, sequenceLength: 8192, globalBatchSize: 256, microBatchSize: 2 },
      cluster: { gpu: 'h100-sxm', gpus: 128, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'roce-400', nicsPerNode: 8 },
      parallelism: {
        tensor: 1, pipeline: 1, virtualStages: 1, context: 1, data: 128,
        sequenceParallel: false, zero: 3, schedule: '1f1b', recompute: 'selective',
      },
      precision: 'bf16',
    },
  },
  {
    model: 'qwen3-235b-a22b',
    title: 'Qwen3-235B-A22B on 256 H100 (Megatron-Core: TP2 EP32 PP8)',
    source:
      'yanring/Megatron-MoE-ModelZoo best_practice/qwen3/readme.md: 256 H100, TP2, EP32, PP8 with 4 virtual stages, '
      + 'sequence 4096, global batch 2048, BF16; tokens 36T from the Qwen3 Technical Report, arXiv 2505.09388 §3.',
    plan: {
      version: 1,
      name: 'Qwen3-235B-A22B (Megatron-Core)',
      model: 'qwen3-235b-a22b',
      training: { tokens: 36e12, sequenceLength: 4096, globalBatchSize: 2048, microBatchSize: 1 },
      cluster: { gpu: 'h100-sxm', gpus: 256, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 },
      parallelism: {
        tensor: 2, pipeline: 8, virtualStages: 4, context: 1, expert: 32, expertTensor: 1, data: 16,
        sequenceParallel: true, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective',
      },
      precision: 'bf16',
      moe: { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' },
    },
  },
];

/** The published-run plan for a model preset, or undefined when none is listed. A fresh copy each call. */
export function presetRun(modelId: string): PresetRun | undefined {
  const run = RUNS.find((r) => r.model === modelId);
  return run ? { ...run, plan: clone(run.plan) } : undefined;
}

/** Model ids that have a published-run starting plan. */
export function presetRunIds(): string[] {
  return RUNS.map((r) => r.model);
}

/**
 * A plain starting plan for any model (preset id or inline): 64 H100 with FSDP, BF16, 1T tokens.
 * Not a published run; the user adjusts it. MoE models get expert parallelism 8 inside a node.
 */
export function starterPlan(model: PlanDocument['model'], isMoe: boolean): PlanDocument {
  const doc: PlanDocument = {
    version: 1,
    name: typeof model === 'string' ? `${model} plan` : `${model.name} plan`,
    model,
    training: { tokens: 1e12, sequenceLength: 4096, globalBatchSize: 512, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus: 64 },
    parallelism: { tensor: 1, pipeline: 1, context: 1, zero: 3, schedule: '1f1b', recompute: 'selective' },
    precision: 'bf16',
  };
  if (isMoe) {
    doc.parallelism.expert = 8;
    doc.moe = { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' };
  }
  return doc;
}
