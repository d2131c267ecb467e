/**
 * POST /v1/estimate handler: resolve the plan, validate, estimate. No database access for an anonymous inline plan.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../services.js';
import type { AppEnv } from '../../types.js';
import { estimatePlanInput, toPlanInput } from '../plan-eval.js';
import { estimateRoute } from './estimate.routes.js';

/** `?timeline=1|true` → true. */
export function wantsTimeline(q: string | undefined): boolean {
  return q === '1' || q === 'true';
}

export function estimateRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(estimateRoute, async (c) => {
    const body = c.req.valid('json');
    const { report, source, cached } = await estimatePlanInput(services, c, toPlanInput(body), {
      timeline: wantsTimeline(c.req.valid('query').timeline),
      pointerPrefix: '/plan',
    });
    if (source.saved) {
      c.header('X-Plan-Id', source.saved.id);
      c.header('X-Plan-Version', String(source.saved.version));
      c.header('X-Estimate-Cache', cached ? 'hit' : 'miss');
    }
    return c.json(report, 200);
  });
  return app;
}
