/**
 * Shared by estimate, compare and plans: resolve a plan (inline or by saved id), validate it with the engine
 * against the caller's catalog, and run the estimate. Plan errors become 422 `invalid_plan` with each engine
 * FieldError placed at its JSON pointer in the request (`/plan/parallelism/tensor`) and its dotted `field`.
 */
import type { Catalog, Report, ResolvedPlan, Warning } from '@flopcast/engine';
import { ApiError, type FieldProblem, toJsonPointer } from '../lib/problem.js';
import { requireTeam } from '../middleware/auth.js';
import type { Services } from '../services.js';
import type { Context } from 'hono';
import type { AppEnv } from '../types.js';
import { uuidOr404 } from './shared.js';

/** A plan given inline or by reference to a saved plan (optionally a past version). */
export type PlanInput = { plan: Record<string, unknown> } | { planId: string; version?: number | undefined };

export interface PlanSource {
  document: unknown;
  /** Set when the plan came from storage. */
  saved?: { id: string; version: number; name: string };
}

/** Converts a validated `{ plan } | { planId, version? }` body (exactly one present) into a `PlanInput`. */
export function toPlanInput(b: { plan?: Record<string, unknown> | undefined; planId?: string | undefined; version?: number | undefined }): PlanInput {
  if (b.plan !== undefined) return { plan: b.plan };
  return { planId: b.planId ?? '', version: b.version };
}

/** Loads the document of a saved plan (team-scoped) or passes an inline one through. */
export async function resolvePlanInput(services: Services, c: Context<AppEnv>, input: PlanInput): Promise<PlanSource> {
  if ('plan' in input) return { document: input.plan };
  const { teamId } = requireTeam(c.get('principal'), 'read');
  const id = uuidOr404(input.planId, 'plan');
  const repo = await services.repo(c);
  if (input.version !== undefined) {
    const rev = await repo.plans.getRevision(teamId, id, input.version);
    return { document: rev.document, saved: { id, version: rev.version, name: rev.name } };
  }
  const rec = await repo.plans.get(teamId, id);
  return { document: rec.document, saved: { id: rec.id, version: rec.version, name: rec.name } };
}

/** Engine field errors → problem field errors under `pointerPrefix` (the plan's place in the request). */
export function planFieldErrors(errors: ReadonlyArray<{ path: string; code: string; message: string }>, pointerPrefix: string): FieldProblem[] {
  return errors.map((e) => ({ location: 'body', path: toJsonPointer(e.path, pointerPrefix), field: e.path, code: e.code, message: e.message }) as FieldProblem);
}

function invalidPlan(errors: FieldProblem[], what: string): ApiError {
  const first = errors[0];
  const head = first ? `${(first as FieldProblem & { field?: string }).field || first.path || '(root)'}: ${first.message}` : 'invalid plan';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ApiError('invalid_plan', `${what} is invalid: ${head}${more}`, { errors });
}

/** Validates a plan document; 422 with field errors when invalid. Returns the resolved plan and validation warnings. */
export function validateOrThrow(
  services: Services,
  document: unknown,
  catalog: Catalog,
  pointerPrefix: string,
  what = 'plan',
): { plan: ResolvedPlan; warnings: Warning[] } {
  const result = services.engine.validatePlan(document, { catalog });
  if (!result.ok) throw invalidPlan(planFieldErrors(result.errors, pointerPrefix), what);
  return { plan: result.plan, warnings: result.warnings };
}

/** Runs the full estimate of a validated plan. An engine `PlanValidationError` (late check) is still a 422. */
export function estimateResolvedOrThrow(
  services: Services,
  plan: ResolvedPlan,
  opts: { timeline: boolean; catalog: Catalog },
  pointerPrefix: string,
  what = 'plan',
): Report {
  try {
    const report = services.engine.estimateResolved(plan, { timeline: opts.timeline, catalog: opts.catalog });
    // as the engine's estimate() does: advice that needs more estimates of the same plan comes last
    report.warnings.push(...services.engine.planAdvice(plan, report, { catalog: opts.catalog }));
    return report;
  } catch (err) {
    const errors = (err as { errors?: unknown }).errors;
    if (err instanceof Error && err.name === 'PlanValidationError' && Array.isArray(errors)) {
      throw invalidPlan(planFieldErrors(errors as Array<{ path: string; code: string; message: string }>, pointerPrefix), what);
    }
    throw err;
  }
}

/**
 * True when every catalog entry the plan uses is a built-in, so a cached report cannot go stale: built-ins are
 * immutable and a team cannot create a custom profile with a built-in's id (the repository refuses it). An inline
 * model architecture is part of the plan document, which is immutable per revision.
 */
export function usesBuiltinsOnly(services: Services, plan: ResolvedPlan): boolean {
  const c = services.engine.catalog;
  const has = (t: Record<string, unknown>, id: string) => Object.prototype.hasOwnProperty.call(t, id);
  if (!has(c.gpus, plan.cluster.gpu.id)) return false;
  if (!has(c.links, plan.cluster.intraNode.id) || !has(c.links, plan.cluster.interNode.id)) return false;
  return plan.modelId === undefined || has(c.models, plan.modelId);
}

/**
 * Resolve + validate + estimate one plan input. Saved plans at their current or a past version use the
 * estimates cache (only for plans on built-in profiles, without timeline).
 */
export async function estimatePlanInput(
  services: Services,
  c: Context<AppEnv>,
  input: PlanInput,
  opts: { timeline: boolean; pointerPrefix: string; what?: string },
): Promise<{ report: Report; source: PlanSource; cached: boolean }> {
  const source = await resolvePlanInput(services, c, input);
  const principal = c.get('principal');
  const prefix = source.saved ? '' : opts.pointerPrefix;
  const what = source.saved ? `saved plan ${source.saved.id} v${source.saved.version}` : opts.what ?? 'plan';
  const teamId = principal.kind === 'team' ? principal.teamId : null;
  if (source.saved && teamId && !opts.timeline) {
    const repo = await services.repo(c);
    const hit = await repo.estimates.get(teamId, source.saved.id, source.saved.version, services.engine.version);
    if (hit) return { report: hit.report, source, cached: true };
  }
  const catalog = await services.catalogFor(c);
  const { plan, warnings } = validateOrThrow(services, source.document, catalog, prefix, what);
  const report = estimateResolvedOrThrow(services, plan, { timeline: opts.timeline, catalog }, prefix, what);
  // As the engine's own estimate() does: validation warnings (e.g. uneven layer split) come first.
  report.warnings = [...warnings, ...report.warnings];
  if (source.saved && teamId && !opts.timeline && usesBuiltinsOnly(services, plan)) {
    const repo = await services.repo(c);
    await repo.estimates.put(teamId, source.saved.id, source.saved.version, services.engine.version, report);
  }
  return { report, source, cached: false };
}
