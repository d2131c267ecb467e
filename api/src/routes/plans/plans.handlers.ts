/**
 * Saved-plan handlers: thin wrappers over `repo.plans`, with engine validation before every save.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { PlanRecord, PlanRevision, PlanSummary } from '@flopcast/db';
import { ApiError } from '../../lib/problem.js';
import { requireTeam } from '../../middleware/auth.js';
import type { Services } from '../../services.js';
import type { AppEnv } from '../../types.js';
import { validateOrThrow } from '../plan-eval.js';
import { parseIfMatch, uuidOr404 } from '../shared.js';
import {
  createPlanRoute,
  deletePlanRoute,
  getPlanRoute,
  getRevisionRoute,
  listPlansRoute,
  listRevisionsRoute,
  updatePlanRoute,
} from './plans.routes.js';

const summary = (p: PlanSummary) => ({
  id: p.id,
  name: p.name,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const full = (p: PlanRecord) => ({ ...summary(p), plan: p.document as Record<string, unknown> });

const revision = (r: PlanRevision) => ({
  planId: r.planId,
  version: r.version,
  name: r.name,
  plan: r.document as Record<string, unknown>,
  createdAt: r.createdAt.toISOString(),
});

/** Maps the repository's optimistic-concurrency conflict to 412 with the current version. */
async function precondition<T>(fn: () => Promise<T>, expected: number): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error && err.name === 'ConflictError') {
      const current = (err as { currentVersion?: number }).currentVersion;
      throw new ApiError(
        'precondition_failed',
        `plan has changed: If-Match was ${expected} but the current version is ${current ?? 'newer'}; re-read it and retry`,
      );
    }
    throw err;
  }
}

export function planRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(createPlanRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'write');
    const body = c.req.valid('json');
    const catalog = await services.catalogFor(c);
    validateOrThrow(services, body.plan, catalog, '/plan');
    const rec = await (await services.repo(c)).plans.create(teamId, { name: body.name, document: body.plan });
    c.header('Location', `/v1/plans/${rec.id}`);
    c.header('ETag', `"${rec.version}"`);
    return c.json(full(rec), 201);
  });

  app.openapi(listPlansRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'read');
    const q = c.req.valid('query');
    let page;
    try {
      page = await (await services.repo(c)).plans.list(teamId, { limit: q.limit, cursor: q.cursor ?? null });
    } catch (err) {
      if (err instanceof Error && err.name === 'ValidationError') {
        throw new ApiError('validation_failed', 'cursor is not valid; pass the nextCursor of a previous page', {
          errors: [{ location: 'query', path: '/cursor', code: 'invalid_format', message: 'unknown cursor' }],
        });
      }
      throw err;
    }
    return c.json({ items: page.items.map(summary), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getPlanRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'read');
    const id = uuidOr404(c.req.valid('param').id, 'plan');
    const rec = await (await services.repo(c)).plans.get(teamId, id);
    c.header('ETag', `"${rec.version}"`);
    return c.json(full(rec), 200);
  });

  app.openapi(updatePlanRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'write');
    const id = uuidOr404(c.req.valid('param').id, 'plan');
    const expected = parseIfMatch(c.req.valid('header')['if-match']);
    const body = c.req.valid('json');
    const repo = await services.repo(c);
    await repo.plans.get(teamId, id); // 404 before 422 for another team's id
    const catalog = await services.catalogFor(c);
    validateOrThrow(services, body.plan, catalog, '/plan');
    const rec = await precondition(
      () => repo.plans.update(teamId, id, { name: body.name, document: body.plan, expectedVersion: expected }),
      expected,
    );
    c.header('ETag', `"${rec.version}"`);
    return c.json(full(rec), 200);
  });

  app.openapi(deletePlanRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'write');
    const id = uuidOr404(c.req.valid('param').id, 'plan');
    const header = c.req.valid('header')['if-match'];
    const expected = header === undefined ? undefined : parseIfMatch(header);
    const repo = await services.repo(c);
    await precondition(() => repo.plans.delete(teamId, id, expected === undefined ? {} : { expectedVersion: expected }), expected ?? 0);
    return c.body(null, 204);
  });

  app.openapi(listRevisionsRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'read');
    const id = uuidOr404(c.req.valid('param').id, 'plan');
    const revs = await (await services.repo(c)).plans.listRevisions(teamId, id);
    return c.json({ items: revs.map(revision) }, 200);
  });

  app.openapi(getRevisionRoute, async (c) => {
    const { teamId } = requireTeam(c.get('principal'), 'read');
    const p = c.req.valid('param');
    const id = uuidOr404(p.id, 'plan');
    const rev = await (await services.repo(c)).plans.getRevision(teamId, id, p.version);
    return c.json(revision(rev), 200);
  });

  return app;
}
