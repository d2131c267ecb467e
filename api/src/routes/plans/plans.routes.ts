/**
 * Saved plans: create, list, read, update with optimistic concurrency (If-Match: <version>), revisions, soft delete.
 * Every route needs a team key (read, or write for changes); another team's ids answer 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, EXAMPLE_PLAN, IdParam, NameSchema, PlanDocumentSchema, problems, Timestamp } from '../shared.js';

export const PlanSummarySchema = z
  .object({ id: z.string(), name: z.string(), version: z.number().int(), createdAt: Timestamp, updatedAt: Timestamp })
  .openapi('PlanSummary');

export const PlanSchema = PlanSummarySchema.extend({ plan: PlanDocumentSchema }).openapi('Plan');

export const PlanRevisionSchema = z
  .object({ planId: z.string(), version: z.number().int(), name: z.string(), plan: PlanDocumentSchema, createdAt: Timestamp })
  .openapi('PlanRevision');

export const CreatePlanBody = z
  .strictObject({ name: NameSchema, plan: PlanDocumentSchema })
  .openapi('CreatePlanRequest', { example: { name: 'DeepSeek-V3 paper', plan: EXAMPLE_PLAN } });
export const UpdatePlanBody = z.strictObject({ name: NameSchema.optional(), plan: PlanDocumentSchema }).openapi('UpdatePlanRequest');

const IfMatchHeader = z.object({
  'if-match': z.string().optional().openapi({ param: { name: 'if-match', in: 'header' }, description: 'The version you read, e.g. 3 (required; 428 without it)', example: '1' }),
});

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ param: { name: 'limit', in: 'query' }, example: 50 }),
  cursor: z.string().max(512).optional().openapi({ param: { name: 'cursor', in: 'query' }, description: 'nextCursor of the previous page' }),
});

const VersionParam = IdParam.extend({
  version: z.coerce.number().int().min(1).max(2_147_483_647).openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const planErrors = ['unauthorized', 'forbidden', 'not_found'] as const;

export const createPlanRoute = createRoute({
  method: 'post',
  path: '/plans',
  tags: ['plans'],
  summary: 'Save a new plan',
  description: 'The plan is validated by the engine against the team’s catalog before it is stored (422 if invalid). Returns version 1.',
  security: bearer,
  request: { body: { required: true, content: json(CreatePlanBody) } },
  responses: {
    201: { description: 'Created (Location and ETag headers set)', content: json(PlanSchema) },
    ...problems(...planErrors, 'malformed_json', 'validation_failed', 'invalid_plan', 'payload_too_large', 'unsupported_media_type'),
  },
});

export const listPlansRoute = createRoute({
  method: 'get',
  path: '/plans',
  tags: ['plans'],
  summary: 'List the team’s plans (most recently updated first)',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: { description: 'A page of plans', content: json(z.object({ items: z.array(PlanSummarySchema), nextCursor: z.string().nullable() })) },
    ...problems(...planErrors, 'validation_failed'),
  },
});

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/plans/{id}',
  tags: ['plans'],
  summary: 'Read a plan (ETag = its version)',
  security: bearer,
  request: { params: IdParam },
  responses: { 200: { description: 'The plan', content: json(PlanSchema) }, 304: { description: 'Not modified' }, ...problems(...planErrors) },
});

export const updatePlanRoute = createRoute({
  method: 'put',
  path: '/plans/{id}',
  tags: ['plans'],
  summary: 'Save a new version of a plan',
  description: 'Needs `If-Match: <version>` (the version you read): 412 if someone saved since, 428 without the header.',
  security: bearer,
  request: { params: IdParam, headers: IfMatchHeader, body: { required: true, content: json(UpdatePlanBody) } },
  responses: {
    200: { description: 'The new version', content: json(PlanSchema) },
    ...problems(...planErrors, 'malformed_json', 'validation_failed', 'invalid_plan', 'precondition_failed', 'precondition_required', 'payload_too_large', 'unsupported_media_type'),
  },
});

export const deletePlanRoute = createRoute({
  method: 'delete',
  path: '/plans/{id}',
  tags: ['plans'],
  summary: 'Delete a plan (soft: revisions are kept)',
  description: 'If-Match is optional here; when given, a stale version answers 412.',
  security: bearer,
  request: { params: IdParam, headers: IfMatchHeader },
  responses: { 204: { description: 'Deleted' }, ...problems(...planErrors, 'precondition_failed', 'validation_failed') },
});

export const listRevisionsRoute = createRoute({
  method: 'get',
  path: '/plans/{id}/revisions',
  tags: ['plans'],
  summary: 'Every saved version of a plan, oldest first',
  security: bearer,
  request: { params: IdParam },
  responses: { 200: { description: 'Revisions', content: json(z.object({ items: z.array(PlanRevisionSchema) })) }, ...problems(...planErrors) },
});

export const getRevisionRoute = createRoute({
  method: 'get',
  path: '/plans/{id}/revisions/{version}',
  tags: ['plans'],
  summary: 'One saved version of a plan',
  security: bearer,
  request: { params: VersionParam },
  responses: { 200: { description: 'The revision', content: json(PlanRevisionSchema) }, ...problems(...planErrors, 'validation_failed') },
});
