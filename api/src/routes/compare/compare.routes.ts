/**
 * POST /v1/compare contract: 2–10 plans (inline or saved ids) → each report plus deltas against the first.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ReportSchema } from '../report-schema.js';
import { EXAMPLE_PLAN, optionalBearer, PlanDocumentSchema, problems } from '../shared.js';

export const MAX_COMPARE = 10;

const CompareItem = z
  .strictObject({
    plan: PlanDocumentSchema.optional(),
    planId: z.string().min(1).max(64).optional(),
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    label: z.string().trim().min(1).max(200).optional().openapi({ description: 'Display label; default the plan name' }),
  })
  .superRefine((b, ctx) => {
    if ((b.plan === undefined) === (b.planId === undefined)) {
      ctx.addIssue({ code: 'custom', path: b.plan === undefined ? ['plan'] : ['planId'], message: 'give exactly one of `plan` (inline) or `planId` (saved)' });
    }
    if (b.version !== undefined && b.planId === undefined) ctx.addIssue({ code: 'custom', path: ['version'], message: '`version` needs `planId`' });
  });

export const CompareBody = z
  .strictObject({ plans: z.array(CompareItem).min(2).max(MAX_COMPARE).openapi({ description: 'The first plan is the baseline' }) })
  .openapi('CompareRequest', {
    example: { plans: [{ plan: EXAMPLE_PLAN }, { plan: { ...EXAMPLE_PLAN, name: '1f1b', parallelism: { ...EXAMPLE_PLAN.parallelism, schedule: '1f1b' } } }] },
  });

/** Metrics compared, with where they live in the report. */
export const COMPARE_METRICS = {
  gpuHours: 'totals.gpuHours',
  wallClockDays: 'totals.wallClockDays',
  costUsd: 'totals.costUsd',
  peakGiB: 'memory.peakGiB',
  mfu: 'throughput.mfu',
} as const;

export type CompareMetric = keyof typeof COMPARE_METRICS;

const Delta = z
  .object({
    value: z.number(),
    absolute: z.number().openapi({ description: 'value − baseline value' }),
    percent: z.number().nullable().openapi({ description: '100 × absolute / baseline value; null when the baseline value is 0' }),
  })
  .openapi('Delta');

const metricsOf = <T extends z.ZodType>(t: T) =>
  z.object({ gpuHours: t, wallClockDays: t, costUsd: t, peakGiB: t, mfu: t });

export const CompareResponse = z
  .object({
    baseline: z.literal(0),
    items: z.array(
      z.object({
        label: z.string(),
        planId: z.string().optional(),
        version: z.number().int().optional(),
        verdict: z.enum(['fits', 'does-not-fit']).openapi({ description: 'Whether every pipeline stage fits in HBM' }),
        summary: metricsOf(z.number()),
        deltas: metricsOf(Delta),
        report: ReportSchema,
      }),
    ),
  })
  .openapi('CompareResponse');

export const compareRoute = createRoute({
  method: 'post',
  path: '/compare',
  tags: ['compare'],
  summary: 'Compare 2–10 plans against the first',
  description:
    'Each plan is estimated (inline plans on built-in profiles need no key; saved plans need one). Deltas against the ' +
    'first plan, absolute and %, for GPU-hours, wall-clock days, cost, peak memory and MFU; a verdict per plan. ' +
    'Errors in plan i are reported at /plans/i/plan/….',
  security: optionalBearer,
  request: { body: { required: true, content: { 'application/json': { schema: CompareBody } } } },
  responses: {
    200: { description: 'Reports and deltas', content: { 'application/json': { schema: CompareResponse } } },
    ...problems('malformed_json', 'validation_failed', 'invalid_plan', 'unauthorized', 'forbidden', 'not_found', 'payload_too_large', 'unsupported_media_type'),
  },
});
