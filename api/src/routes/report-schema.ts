/**
 * OpenAPI description of the estimate report (plan-format.md "Report"): the normative fields, typed; the engine
 * may add more (they are returned unchanged). Used by estimate, compare and plans responses.
 */
import { z } from '@hono/zod-openapi';

const num = z.number();

const StageMemorySchema = z.object({
  stage: num,
  paramsGiB: num,
  gradientsGiB: num,
  optimizerGiB: num,
  activationsGiB: num,
  otherGiB: num,
  totalGiB: num,
});

export const ReportSchema = z
  .object({
    version: z.literal(1),
    engineVersion: z.string(),
    plan: z.object({ name: z.string() }),
    model: z.object({
      totalParams: num,
      activeParams: num,
      mtpParams: num,
      flopsPerToken: z.object({ forward: num, training: num }),
    }),
    step: z.object({ seconds: num, breakdown: z.record(z.string(), num) }),
    throughput: z.object({
      tokensPerSecond: num,
      tokensPerGpuSecond: num,
      modelTflopsPerGpu: num,
      hardwareTflopsPerGpu: num,
      mfu: num,
      mfuBf16: num,
    }),
    memory: z.object({ capacityGiB: num, peakGiB: num, fits: z.boolean(), stages: z.array(StageMemorySchema) }),
    pipeline: z.object({
      schedule: z.string(),
      bubbleFraction: num,
      timeline: z
        .array(z.object({ rank: num, op: z.string(), microBatch: num, chunk: num, start: num, end: num }))
        .optional()
        .openapi({ description: 'Present with ?timeline=1' }),
    }),
    communication: z.array(z.object({ kind: z.string(), bytesPerStep: num, seconds: num, exposedSeconds: num })),
    totals: z.object({ tokens: num, steps: num, gpuHours: num, wallClockDays: num, costUsd: num, energyMWh: num }),
    warnings: z.array(
      z.object({
        code: z.string(),
        message: z.string(),
        fix: z
          .array(z.object({ path: z.string(), value: z.union([z.string(), num, z.boolean(), z.array(z.string()), z.null()]) }))
          .optional()
          .openapi({ description: 'Plan fields (dotted paths) to set to address the warning, already estimated by the engine; a null value removes the field' }),
      }),
    ),
  })
  .openapi('Report', { description: 'Estimate report (plan-format.md). All numbers finite. The engine may add fields.' });
