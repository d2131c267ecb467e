/**
 * RFC 9457 problem details (application/problem+json) and the API's closed set of error codes.
 *
 * Every non-2xx response of the API is a `Problem`. `code` is one of `PROBLEM_CODES` (closed set, documented in
 * the OpenAPI description and below); `type` is `https://flopcast.dev/problems/<code>` (a stable identifier, not
 * fetched); `errors` lists field-level errors with a JSON pointer `path` into the request (e.g. `/plan/parallelism/tensor`).
 */

/** The closed set of problem codes, with their HTTP status and title. */
export const PROBLEM_CODES = {
  malformed_json: { status: 400, title: 'Malformed JSON' },
  validation_failed: { status: 400, title: 'Request validation failed' },
  invalid_plan: { status: 422, title: 'Invalid plan' },
  invalid_search: { status: 422, title: 'Invalid search spec' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  immutable: { status: 409, title: 'Resource is immutable' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  precondition_required: { status: 428, title: 'Precondition required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Base URI of problem `type`s. Identifiers only: nothing is fetched from it. */
export const PROBLEM_TYPE_BASE = 'https://flopcast.dev/problems/';

/** One field-level error. `path` is a JSON pointer into the request body/query/params (RFC 6901). */
export interface FieldProblem {
  /** Which part of the request `path` points into (default: the JSON body). */
  location?: 'body' | 'query' | 'path' | 'header';
  path: string;
  code: string;
  message: string;
}

/** The RFC 9457 body every error response carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

/** Thrown by handlers and middleware; turned into a problem+json response by the app's error handler. */
export class ApiError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors: FieldProblem[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ProblemCode, detail: string, opts: { errors?: FieldProblem[]; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = PROBLEM_CODES[code].status;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

/** Builds the problem body for a code. */
export function problemBody(code: ProblemCode, detail: string, extra: { errors?: FieldProblem[]; instance?: string; requestId?: string } = {}): Problem {
  const def = PROBLEM_CODES[code];
  const body: Problem = { type: PROBLEM_TYPE_BASE + code, title: def.title, status: def.status, detail, code };
  if (extra.instance) body.instance = extra.instance;
  if (extra.requestId) body.requestId = extra.requestId;
  if (extra.errors && extra.errors.length > 0) body.errors = extra.errors;
  return body;
}

/**
 * Converts a dotted path ("parallelism.tensor", "memory.stages[2].x", "cluster.0.gpu") into a JSON pointer
 * ("/parallelism/tensor"), optionally under a prefix pointer ("/plan"). Paths already starting with "/" are kept.
 */
export function toJsonPointer(path: string | ReadonlyArray<PropertyKey>, prefix = ''): string {
  const parts: string[] = typeof path === 'string'
    ? path.startsWith('/')
      ? path.slice(1).split('/').filter((p) => p.length > 0)
      : path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p.length > 0)
    : path.map((p) => String(p));
  const escaped = parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'));
  const tail = escaped.length > 0 ? '/' + escaped.join('/') : '';
  return prefix + tail || '';
}

/** Documentation of the problem codes, used in the OpenAPI description. */
export function problemCodesMarkdown(): string {
  const rows = Object.entries(PROBLEM_CODES).map(([code, d]) => `| \`${code}\` | ${d.status} | ${d.title} |`);
  return ['| code | status | title |', '|---|---|---|', ...rows].join('\n');
}
