/**
 * Typed client for the flopcast HTTP API (issue 5): everything stored (plans, custom profiles) and the search route.
 * The dashboard computes estimates itself with the engine; it calls the API only for storage and search.
 * Errors are RFC 9457 problem+json; they surface as ApiError with the parsed problem.
 */
import type { FieldError, GpuProfile, LinkProfile, ModelPreset } from '@flopcast/engine';
import type { PlanDocument } from './plan-doc';

/** RFC 9457 problem details as the API sends them (field errors under `errors`). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

/** A stored plan. */
export interface StoredPlan {
  id: string;
  name: string;
  version: number;
  plan: PlanDocument;
  createdAt?: string;
  updatedAt?: string;
}

export type ProfileKind = 'gpus' | 'links' | 'models';
export type ProfileOf<K extends ProfileKind> = K extends 'gpus' ? GpuProfile : K extends 'links' ? LinkProfile : ModelPreset;
/** A profile as listed by the API: the profile plus whether it is built in or the team's own. */
export type ListedProfile<K extends ProfileKind> = ProfileOf<K> & { builtin?: boolean; origin?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The API did not answer at all (down, refused, CORS): distinct from an HTTP error. */
export class ApiUnreachableError extends Error {
  constructor(base: string, cause: unknown) {
    super(`The flopcast API at ${base} did not answer (${cause instanceof Error ? cause.message : String(cause)}).`);
    this.name = 'ApiUnreachableError';
  }
}

/** Reads a problem+json (or any JSON, or text) error body into a Problem. */
export async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return { status: res.status, ...(v as Problem) };
  } catch {
    /* not JSON */
  }
  return { status: res.status, title: res.statusText || `HTTP ${res.status}`, detail: text.slice(0, 500) || undefined };
}

/** Unwraps list responses that are either a bare array or `{ items | data | plans | gpus | … : [...] }`. */
export function unwrapList<T>(body: unknown, key?: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    for (const k of [key, 'items', 'data', 'results'].filter(Boolean) as string[]) if (Array.isArray(o[k])) return o[k] as T[];
  }
  return [];
}

/**
 * The API lists stored profiles as `{ id, builtin, teamId, source, profile: {…} }`; the dashboard works with the
 * profile itself plus `builtin`. Already-flat items pass through.
 */
export function flattenProfile<K extends ProfileKind>(item: unknown): ListedProfile<K> {
  const o = (item ?? {}) as Record<string, unknown>;
  if (o.profile && typeof o.profile === 'object') {
    const flat = { ...(o.profile as Record<string, unknown>) } as Record<string, unknown>;
    if (typeof o.builtin === 'boolean') flat.builtin = o.builtin;
    if (typeof o.source === 'string') flat.origin = o.source;
    return flat as unknown as ListedProfile<K>;
  }
  return o as unknown as ListedProfile<K>;
}

/** API field errors point into the request (`/plan/parallelism/tensor`); the form wants plan paths (`parallelism.tensor`). */
export function planFieldErrors(errors: readonly { path: string; code: string; message: string }[] | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    let path = e.path.startsWith('/') ? e.path.slice(1).split('/').join('.') : e.path;
    if (path === 'plan') path = '';
    else if (path.startsWith('plan.')) path = path.slice(5);
    return { path, code: e.code, message: e.message };
  });
}

export interface ApiClientOptions {
  base: string;
  key?: string | undefined;
  fetch?: typeof fetch;
}

export class ApiClient {
  readonly base: string;
  private readonly key: string | undefined;
  private readonly f: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.base = opts.base.replace(/\/+$/, '');
    this.key = opts.key || undefined;
    this.f = opts.fetch ?? ((...a) => fetch(...a));
  }

  get hasKey(): boolean {
    return this.key !== undefined;
  }

  private async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ body: T; res: Response }> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.key) h.authorization = `Bearer ${this.key}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.f(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      throw new ApiUnreachableError(this.base, e);
    }
    if (!res.ok) throw new ApiError(res.status, await readProblem(res));
    const text = await res.text();
    return { body: (text ? JSON.parse(text) : undefined) as T, res };
  }

  /** GET /v1/plans — the team's plans. */
  async listPlans(): Promise<StoredPlan[]> {
    const { body } = await this.request<unknown>('GET', '/v1/plans');
    return unwrapList<StoredPlan>(body, 'plans');
  }

  /** GET /v1/plans/{id}. */
  async getPlan(id: string): Promise<StoredPlan> {
    const { body } = await this.request<StoredPlan>('GET', `/v1/plans/${encodeURIComponent(id)}`);
    return body;
  }

  /** POST /v1/plans { name, plan } → the stored plan with its id and version. */
  async createPlan(name: string, plan: PlanDocument): Promise<StoredPlan> {
    const { body } = await this.request<StoredPlan>('POST', '/v1/plans', { name, plan });
    return body;
  }

  /** PUT /v1/plans/{id} with If-Match: version. A stale version fails with ApiError status 412. */
  async updatePlan(id: string, version: number, name: string, plan: PlanDocument): Promise<StoredPlan> {
    const { body } = await this.request<StoredPlan>('PUT', `/v1/plans/${encodeURIComponent(id)}`, { name, plan }, { 'if-match': String(version) });
    return body;
  }

  /** DELETE /v1/plans/{id} (soft delete). */
  async deletePlan(id: string): Promise<void> {
    await this.request<unknown>('DELETE', `/v1/plans/${encodeURIComponent(id)}`);
  }

  /** GET /v1/{gpus|links|models}: built-in and the team's custom profiles. */
  async listProfiles<K extends ProfileKind>(kind: K): Promise<Array<ListedProfile<K>>> {
    const { body } = await this.request<unknown>('GET', `/v1/${kind}`);
    return unwrapList<unknown>(body, kind).map((x) => flattenProfile<K>(x));
  }

  /** POST /v1/{gpus|links|models}: add a team profile (validated by the same schema as the built-ins). */
  async createProfile<K extends ProfileKind>(kind: K, profile: unknown): Promise<ListedProfile<K>> {
    const { body } = await this.request<unknown>('POST', `/v1/${kind}`, profile);
    return flattenProfile<K>(body);
  }

  /** POST /v1/search: the Pareto frontier (issue 8 shape). */
  async search<T = unknown>(spec: unknown): Promise<T> {
    const { body } = await this.request<T>('POST', '/v1/search', spec);
    return body;
  }
}

/** Default API base: NEXT_PUBLIC_FLOPCAST_API or the local API on 8787. */
export const DEFAULT_API_BASE = 'http://127.0.0.1:8787';
