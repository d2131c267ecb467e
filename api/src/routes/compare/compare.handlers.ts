/**
 * POST /v1/compare: estimates every plan, then deltas against the first.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Report } from '@flopcast/engine';
import type { Services } from '../../services.js';
import type { AppEnv } from '../../types.js';
import { estimatePlanInput, toPlanInput } from '../plan-eval.js';
import { COMPARE_METRICS, type CompareMetric, compareRoute } from './compare.routes.js';

/** Reads the compared metrics from a report. */
export function summarize(report: Report): Record<CompareMetric, number> {
  return {
    gpuHours: report.totals.gpuHours,
    wallClockDays: report.totals.wallClockDays,
    costUsd: report.totals.costUsd,
    peakGiB: report.memory.peakGiB,
    mfu: report.throughput.mfu,
  };
}

/** value − base and 100 × (value − base) / base (null when base is 0: no finite percentage exists). */
export function delta(value: number, base: number): { value: number; absolute: number; percent: number | null } {
  const absolute = value - base;
  return { value, absolute, percent: base === 0 ? null : (100 * absolute) / base };
}

export function compareRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(compareRoute, async (c) => {
    const { plans } = c.req.valid('json');
    const principal = c.get('principal');
    const results = [];
    for (let i = 0; i < plans.length; i++) {
      const item = plans[i]!;
      const r = await estimatePlanInput(services, c, toPlanInput(item), { timeline: false, pointerPrefix: `/plans/${i}/plan`, what: `plans[${i}]` });
      results.push({ item, ...r });
    }
    const base = summarize(results[0]!.report);
    const items = results.map(({ item, report, source }) => {
      const s = summarize(report);
      const deltas = Object.fromEntries(
        (Object.keys(COMPARE_METRICS) as CompareMetric[]).map((k) => [k, delta(s[k], base[k])]),
      ) as Record<CompareMetric, ReturnType<typeof delta>>;
      return {
        label: item.label ?? source.saved?.name ?? report.plan.name,
        ...(source.saved ? { planId: source.saved.id, version: source.saved.version } : {}),
        verdict: report.memory.fits ? ('fits' as const) : ('does-not-fit' as const),
        summary: s,
        deltas,
        report,
      };
    });
    return c.json({ baseline: 0 as const, items }, 200);
  });
  return app;
}
