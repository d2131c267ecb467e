/**
 * POST /v1/search: parse the spec with the engine, clamp its limits to the server's bounds, run the search.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { SearchSpec } from '@flopcast/engine';
import { ApiError } from '../../lib/problem.js';
import type { SearchBounds, Services } from '../../services.js';
import type { AppEnv } from '../../types.js';
import { planFieldErrors } from '../plan-eval.js';
import { searchRoute } from './search.routes.js';

/** The spec's limits, never above the server's bounds. */
export function clampLimits(spec: SearchSpec, bounds: SearchBounds): SearchSpec {
  const asked = spec.limits ?? {};
  return {
    ...spec,
    limits: {
      maxEvaluations: Math.min(asked.maxEvaluations ?? bounds.maxEvaluations, bounds.maxEvaluations),
      timeBudgetMs: Math.min(asked.timeBudgetMs ?? bounds.maxMilliseconds, bounds.maxMilliseconds),
    },
  };
}

function specError(err: unknown): ApiError | undefined {
  const errors = (err as { errors?: unknown }).errors;
  if (err instanceof Error && (err.name === 'SearchSpecError' || err.name === 'PlanValidationError') && Array.isArray(errors)) {
    const fields = planFieldErrors(errors as Array<{ path: string; code: string; message: string }>, '');
    return new ApiError('invalid_search', err.message, { errors: fields });
  }
  return undefined;
}

export function searchRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(searchRoute, async (c) => {
    const body = c.req.valid('json');
    let spec: SearchSpec;
    try {
      spec = clampLimits(services.engine.parseSearchSpec(body), services.search);
    } catch (err) {
      throw specError(err) ?? err;
    }
    const catalog = await services.catalogFor(c);
    const started = performance.now();
    let result;
    try {
      result = services.engine.search(spec, { catalog, now: () => performance.now() });
    } catch (err) {
      throw specError(err) ?? err;
    }
    const seconds = result.stats.seconds > 0 ? result.stats.seconds : (performance.now() - started) / 1000;
    c.header('X-Search-Max-Evaluations', String(services.search.maxEvaluations));
    c.header('X-Search-Time-Budget-Ms', String(services.search.maxMilliseconds));
    return c.json({ ...result, stats: { ...result.stats, seconds } }, 200);
  });
  return app;
}
