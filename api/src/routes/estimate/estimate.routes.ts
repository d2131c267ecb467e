/**
 * POST /v1/estimate contract: a plan (inline, or a saved plan by id) in, the full report out.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ReportSchema } from '../report-schema.js';
import { EXAMPLE_PLAN, optionalBearer, PlanDocumentSchema, problems } from '../shared.js';

export const EstimateBodySchema = z
  .strictObject({
    plan: PlanDocumentSchema.optional(),
    planId: z.string().min(1).max(64).optional().openapi({ description: 'A saved plan of the caller’s team (needs a key); instead of `plan`' }),
    version: z.number().int().min(1).max(2_147_483_647).optional().openapi({ description: 'With planId: a past version; default the current one' }),
  })
  .superRefine((b, ctx) => {
    if ((b.plan === undefined) === (b.planId === undefined)) {
      ctx.addIssue({ code: 'custom', path: b.plan === undefined ? ['plan'] : ['planId'], message: 'give exactly one of `plan` (inline) or `planId` (saved)' });
    }
    if (b.version !== undefined && b.planId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: '`version` needs `planId`' });
    }
  })
  .openapi('EstimateRequest', { example: { plan: EXAMPLE_PLAN } });

export const TimelineQuery = z.object({
  timeline: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .openapi({ param: { name: 'timeline', in: 'query' }, description: '1 to include the simulated pipeline timeline (pipeline.timeline)' }),
});

export const estimateRoute = createRoute({
  method: 'post',
  path: '/estimate',
  tags: ['estimate'],
  summary: 'Estimate a training plan',
  description:
    'Stateless: validates the plan with the engine and returns the report (plan-format.md). An inline plan on built-in ' +
    'profiles needs no key (rate-limited per client address, and answered without touching the database); with a key, ' +
    'the team’s custom GPUs, links and models are usable and `planId` can name a saved plan.',
  security: optionalBearer,
  request: {
    query: TimelineQuery,
    body: { required: true, content: { 'application/json': { schema: EstimateBodySchema } } },
  },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: ReportSchema } } },
    ...problems('malformed_json', 'validation_failed', 'invalid_plan', 'unauthorized', 'forbidden', 'not_found', 'payload_too_large', 'unsupported_media_type'),
  },
});
