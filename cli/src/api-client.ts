/**
 * HTTP client for the flopcast API (`--api URL`): POST /v1/estimate, /v1/compare, /v1/search.
 * Auth: `Authorization: Bearer $FLOPCAST_API_KEY` when the variable is set.
 * Errors are RFC 9457 problem+json; 4xx input errors map to exit 2, unreachable / 5xx / malformed replies to exit 3.
 */
import { InputError, InternalError, UsageError, type FieldIssue } from './errors.js';

export interface ApiClientOptions {
  baseUrl: string;
  apiKey?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Validates `--api` and strips a trailing slash. */
export function normaliseApiUrl(raw: string, command: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--api must be an http(s) URL (got "${raw}")`, command);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--api must be an http(s) URL (got "${raw}")`, command);
  }
  return url.toString().replace(/\/+$/, '');
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Field errors of a problem+json body (`errors: [{ path, message, code }]`, `path` a JSON pointer such as
 * `/plan/parallelism/tensor`), as dotted paths (`plan.parallelism.tensor`), optionally rewritten by `rewrite`.
 */
export function problemFields(body: unknown, rewrite: (dotted: string) => string = (p) => p): FieldIssue[] {
  const list = asRecord(body)?.errors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): FieldIssue[] => {
    const r = asRecord(item);
    if (!r) return [];
    const rawPath = r.path ?? r.pointer ?? r.field ?? '';
    const p = Array.isArray(rawPath) ? rawPath.join('.') : String(rawPath);
    const message = String(r.message ?? r.detail ?? 'invalid');
    const dotted = p
      .replace(/^[$#]?\/?/, '')
      .split('/')
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.');
    return [{ path: rewrite(dotted), message, ...(r.code ? { code: String(r.code) } : {}) }];
  });
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = opts.baseUrl;
    this.apiKey = opts.apiKey;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** POSTs JSON to `{baseUrl}{route}` and returns the parsed JSON reply; throws the mapped error otherwise. */
  async post(route: string, body: unknown, label: string, rewritePath?: (dotted: string) => string): Promise<unknown> {
    const url = `${this.baseUrl}${route}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, application/problem+json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new InternalError(`cannot reach the flopcast API at ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.ok) {
      if (json === undefined) throw new InternalError(`the flopcast API answered ${route} with a non-JSON body (HTTP ${res.status})`);
      return json;
    }
    const problem = asRecord(json);
    const detail = String(problem?.detail ?? problem?.title ?? (text.slice(0, 200) || res.statusText));
    if (res.status === 401 || res.status === 403) {
      throw new UsageError(`the flopcast API refused the request (HTTP ${res.status}): ${detail} — check FLOPCAST_API_KEY`);
    }
    if (res.status === 404) throw new UsageError(`the flopcast API has no route ${route} at ${this.baseUrl} (HTTP 404): ${detail}`);
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      const fields = problemFields(json, rewritePath);
      throw new InputError(`${label}: rejected by the API (HTTP ${res.status}): ${detail}`, fields);
    }
    throw new InternalError(`the flopcast API failed on ${route} (HTTP ${res.status}): ${detail}`);
  }
}
