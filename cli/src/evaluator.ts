/**
 * Where plans are evaluated: offline with the engine and its built-in catalog, or through the HTTP API
 * (`--api URL`, the team's stored profiles). Both return the same engine Report objects, so every output
 * format is produced by the same code either way.
 */
import { estimate, search, type Report, type SearchResult } from '@flopcast/engine';
import { ApiClient } from './api-client.js';
import { InputError, InternalError, type FieldIssue } from './errors.js';

export interface Evaluator {
  /** Human description for output footers ("offline, built-in catalog" / the API URL). */
  readonly source: string;
  estimate(plan: unknown, label: string, opts?: { timeline?: boolean }): Promise<Report>;
  /** Reports of several plans, in order (the first is the base of a comparison). */
  compare(plans: Array<{ label: string; plan: unknown }>): Promise<Report[]>;
  search(spec: unknown, label: string, onProgress?: (done: number, total: number) => void): Promise<SearchResult>;
}

/** Engine errors that carry field errors (PlanValidationError and friends) become input errors (exit 2). */
function fieldErrorsOf(err: unknown): FieldIssue[] | undefined {
  const list = (err as { errors?: unknown } | null)?.errors;
  if (!(err instanceof Error) || !Array.isArray(list)) return undefined;
  return list.map((e: { path?: unknown; message?: unknown; code?: unknown }) => ({
    path: String(e.path ?? ''),
    message: String(e.message ?? ''),
    ...(e.code !== undefined ? { code: String(e.code) } : {}),
  }));
}

/** Rethrows an engine error that carries field errors as an InputError labelled `label: invalid what`; others as they are. */
export function rethrowAsInput(err: unknown, label: string, what: string): never {
  const fields = fieldErrorsOf(err);
  if (fields) throw new InputError(`${label}: invalid ${what} (${fields.length} error${fields.length === 1 ? '' : 's'})`, fields);
  throw err;
}

/** Offline evaluation with the engine's built-in catalog. */
export function offlineEvaluator(): Evaluator {
  return {
    source: 'offline (built-in catalog)',
    async estimate(plan, label, opts) {
      try {
        return estimate(plan, { timeline: opts?.timeline ?? false });
      } catch (err) {
        rethrowAsInput(err, label, 'plan');
      }
    },
    async compare(plans) {
      const out: Report[] = [];
      for (const p of plans) out.push(await this.estimate(p.plan, p.label));
      return out;
    },
    async search(spec, label, onProgress) {
      try {
        // The engine reads no clock; the CLI lends it one so stats.seconds is filled in.
        return search(spec as Parameters<typeof search>[0], { now: () => performance.now(), ...(onProgress ? { onProgress } : {}) });
      } catch (err) {
        rethrowAsInput(err, label, 'search spec');
      }
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks that an API reply looks like a Report (the fields every output format reads). */
export function asReport(v: unknown, route: string): Report {
  const r = isRecord(v) && isRecord(v.report) ? v.report : v;
  const ok =
    isRecord(r) &&
    isRecord(r.totals) &&
    typeof r.totals.gpuHours === 'number' &&
    isRecord(r.memory) &&
    typeof r.memory.peakGiB === 'number' &&
    isRecord(r.throughput) &&
    typeof r.throughput.mfu === 'number';
  if (!ok) throw new InternalError(`the flopcast API answered ${route} with something that is not a report`);
  return r as unknown as Report;
}

/** The reports of a /v1/compare reply (`items[].report`, api/src/routes/compare/compare.routes.ts). */
function reportsOfCompare(body: unknown, expected: number): Report[] {
  const items = isRecord(body) ? body.items : undefined;
  if (!Array.isArray(items) || items.length !== expected) {
    throw new InternalError(`the flopcast API answered /v1/compare without ${expected} reports`);
  }
  return items.map((x) => asReport(x, '/v1/compare'));
}

/** Evaluation through the flopcast HTTP API. */
export function apiEvaluator(client: ApiClient): Evaluator {
  return {
    source: client.baseUrl,
    async estimate(plan, label, opts) {
      const route = opts?.timeline ? '/v1/estimate?timeline=1' : '/v1/estimate';
      // The API's field errors point into the request body (`/plan/parallelism/tensor`); show them as plan paths.
      const strip = (p: string) => p.replace(/^plan\./, '');
      return asReport(await client.post(route, { plan }, label, strip), '/v1/estimate');
    },
    async compare(plans) {
      if (plans.length === 1) return [await this.estimate(plans[0]!.plan, plans[0]!.label)];
      const label = plans.map((p) => p.label).join(', ');
      // Field errors of plan i come back at /plans/i/plan/…: name the file instead.
      const rewrite = (p: string) => p.replace(/^plans\.(\d+)\.plan\.?/, (_, i: string) => `${plans[Number(i)]?.label ?? `plan ${i}`}: `);
      const body = await client.post('/v1/compare', { plans: plans.map((p) => ({ plan: p.plan, label: p.label.slice(0, 200) })) }, label, rewrite);
      return reportsOfCompare(body, plans.length);
    },
    async search(spec, label) {
      const body = await client.post('/v1/search', spec, label);
      if (!isRecord(body) || !Array.isArray(body.frontier)) {
        throw new InternalError('the flopcast API answered /v1/search without a frontier');
      }
      return body as unknown as SearchResult;
    },
  };
}
