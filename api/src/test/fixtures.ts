/** Plans used across the API tests (plan-format.md). */

/** The DeepSeek-V3 paper configuration (plan-format.md example; DeepSeek-V3 technical report §3). */
export function deepseekV3Plan(): Record<string, unknown> {
  return {
    version: 1,
    name: 'deepseek-v3-paper',
    model: 'deepseek-v3',
    training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 },
    cluster: { gpu: 'h800-sxm', gpus: 2048, gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr' },
    parallelism: { tensor: 1, pipeline: 16, context: 1, expert: 64, expertTensor: 1, zero: 1, schedule: 'dualpipe', recompute: 'selective' },
    precision: 'fp8',
    moe: { balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' },
  };
}

/** A small dense plan: Llama 3 8B on 64 H100s. */
export function llama8bPlan(overrides: { gpus?: number; tensor?: number; name?: string } = {}): Record<string, unknown> {
  const gpus = overrides.gpus ?? 64;
  return {
    version: 1,
    name: overrides.name ?? 'llama3-8b-64',
    model: 'llama3-8b',
    training: { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus },
    parallelism: { tensor: overrides.tensor ?? 1, pipeline: 1, context: 1, zero: 1, schedule: '1f1b', recompute: 'selective' },
    precision: 'bf16',
  };
}
