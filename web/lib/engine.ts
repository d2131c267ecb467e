/**
 * The dashboard's one door into the engine: validate a plan document and estimate it, returning either the report
 * or the engine's field errors (never throwing). Runs on the server (initial render) and in the browser (every edit).
 */
import { BUILTIN_CATALOG, estimateResolved, planAdvice, stackVariants, summarizeStacks, validatePlan } from '@flopcast/engine';
import type { Catalog, FieldError, Report, StackSensitivity, Warning } from '@flopcast/engine';

export type EstimateOutcome =
  | { ok: true; report: Report; warnings: Warning[] }
  | { ok: false; errors: FieldError[] };

/**
 * Validates then estimates `plan`; `timeline` asks the engine for the simulated pipeline schedule; `advice` (default
 * true) adds the engine's advice that needs more estimates (`planAdvice`), as `estimate()` does — off for
 * estimates whose warnings nobody reads (stack variants, the schedule counterpart, scaling series).
 */
export function runEstimate(plan: unknown, opts: { timeline?: boolean; catalog?: Catalog; advice?: boolean } = {}): EstimateOutcome {
  const catalog = opts.catalog ?? BUILTIN_CATALOG;
  let v: ReturnType<typeof validatePlan>;
  try {
    v = validatePlan(plan, { catalog });
  } catch (e) {
    return { ok: false, errors: [{ path: '', code: 'engine_error', message: errorText(e) }] };
  }
  if (!v.ok) return { ok: false, errors: v.errors };
  try {
    const report = estimateResolved(v.plan, { catalog, timeline: opts.timeline ?? false });
    if (opts.advice !== false) report.warnings.push(...planAdvice(v.plan, report, { catalog }));
    return { ok: true, report, warnings: v.warnings };
  } catch (e) {
    const errors = (e as { errors?: FieldError[] }).errors;
    if (Array.isArray(errors)) return { ok: false, errors };
    return { ok: false, errors: [{ path: '', code: 'engine_error', message: errorText(e) }] };
  }
}

/**
 * The plan under every framework preset, beside its own report (`own`, already estimated): undefined when a variant
 * does not estimate (the panel is then left out; the plan's own errors are shown elsewhere).
 */
export function runStackSensitivity(plan: unknown, own: Report, catalog?: Catalog): StackSensitivity | undefined {
  try {
    const variants = stackVariants(plan, own).map((v) => ({ framework: v.framework, outcome: runEstimate(v.plan, { ...(catalog ? { catalog } : {}), advice: false }) }));
    if (variants.some((v) => !v.outcome.ok)) return undefined;
    return summarizeStacks(own, variants.map((v) => ({ framework: v.framework, report: (v.outcome as { report: Report }).report })));
  } catch {
    return undefined;
  }
}

/** Estimate that throws (for series where a failure just skips a point). */
export function estimateOrThrow(plan: unknown, catalog?: Catalog): Report {
  const r = runEstimate(plan, { ...(catalog ? { catalog } : {}), advice: false });
  if (!r.ok) throw new Error(r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
  return r.report;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Merges a team's custom profiles (from the API) over the built-in catalog. */
export function mergeCatalog(extra: Partial<{ [K in keyof Catalog]: Array<Catalog[K][string]> }>): Catalog {
  const out: Catalog = {
    gpus: { ...BUILTIN_CATALOG.gpus },
    links: { ...BUILTIN_CATALOG.links },
    models: { ...BUILTIN_CATALOG.models },
  };
  for (const g of extra.gpus ?? []) out.gpus[g.id] = g;
  for (const l of extra.links ?? []) out.links[l.id] = l;
  for (const m of extra.models ?? []) out.models[m.id] = m;
  return out;
}
