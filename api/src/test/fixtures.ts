import { EXAMPLE_PLAN } from '../routes/shared.js';

/** Plans used across the API tests (plan-format.md). */

/** The DeepSeek-V3 paper configuration: the same plan the reference page shows (routes/shared.ts), copied per test. */
export function deepseekV3Plan(): Record<string, unknown> {
  return structuredClone(EXAMPLE_PLAN);
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
