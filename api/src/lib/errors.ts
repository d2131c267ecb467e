/**
 * Maps anything thrown during a request to a problem+json response, and zod validation failures to
 * `validation_failed` field errors. Unknown errors become 500 `internal_error` and are logged with their stack.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { ApiError, type FieldProblem, problemBody, type ProblemCode, toJsonPointer } from './problem.js';
import { NonFiniteNumberError } from './json.js';
import type { Logger } from './logger.js';

/** Where a field error points: the JSON body, the query string, path parameters or headers. */
export type FieldLocation = 'body' | 'query' | 'path' | 'header';

const TARGET_LOCATION: Record<string, FieldLocation> = { json: 'body', query: 'query', param: 'path', header: 'header' };

/**
 * Zod issues → field errors. `path` is a JSON pointer into the part of the request named by `location`.
 * Field codes are zod's issue codes (invalid_type, too_small, too_big, invalid_format, invalid_value,
 * unrecognized_keys, invalid_union, custom, …) plus `required` for a missing field.
 */
export function zodIssuesToFieldErrors(error: ZodError, target: string, prefix = ''): Array<FieldProblem & { location: FieldLocation }> {
  const location = TARGET_LOCATION[target] ?? 'body';
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return {
      location,
      path: toJsonPointer(issue.path, prefix),
      code: missing ? 'required' : issue.code,
      message: missing ? 'is required' : issue.message,
    };
  });
}

/** `defaultHook` for OpenAPIHono: a failed zod validation becomes a 400 `validation_failed` problem. */
export function validationHook(result: { success: boolean; target: string; error?: ZodError }): void {
  if (result.success || !result.error) return;
  const errors = zodIssuesToFieldErrors(result.error, result.target);
  const first = errors[0];
  const where = first ? `${first.location} ${first.path || '/'}: ${first.message}` : 'invalid request';
  throw new ApiError('validation_failed', `request ${result.target === 'json' ? 'body' : result.target} is invalid (${where})`, { errors });
}

const STATUS_CODE: Record<number, ProblemCode> = {
  400: 'malformed_json',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Errors the db package throws, recognised by name so the API does not depend on class identity. */
function dbErrorCode(err: Error): ProblemCode | undefined {
  switch (err.name) {
    case 'NotFoundError':
      return 'not_found';
    case 'ConflictError':
      return 'conflict';
    case 'ImmutableError':
      return 'immutable';
    case 'ValidationError':
      return 'validation_failed';
    default:
      return undefined;
  }
}

/** Builds the problem+json response for an error. */
export function errorResponse(err: unknown, c: Context, logger: Logger): Response {
  const requestId = c.get('requestId') as string | undefined;
  const send = (code: ProblemCode, detail: string, errors?: FieldProblem[], headers?: Record<string, string>) => {
    const body = problemBody(code, detail, { errors, requestId, instance: c.req.path });
    const res = c.body(JSON.stringify(body), body.status as 400, { 'Content-Type': 'application/problem+json' });
    if (headers) for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  };
  if (err instanceof ApiError) return send(err.code, err.message, err.errors, err.headers);
  if (err instanceof HTTPException) {
    const code = STATUS_CODE[err.status] ?? (err.status >= 500 ? 'internal_error' : 'validation_failed');
    const detail = err.status === 400 ? 'request body is not valid JSON' : err.message || code;
    return send(code, detail);
  }
  if (err instanceof NonFiniteNumberError) {
    logger.error({ msg: 'bug.non_finite_response', requestId, path: c.req.path, pointer: err.path, value: String(err.value) });
    return send('internal_error', 'the server produced a non-finite number; this is a bug and has been logged');
  }
  if (err instanceof Error) {
    const code = dbErrorCode(err);
    if (code) {
      // the repository's ValidationError carries field errors (dotted paths); keep them in the problem body
      const fieldErrors = (err as { errors?: unknown }).errors;
      const errors = Array.isArray(fieldErrors)
        ? fieldErrors
            .filter((e): e is { path: string; code: string; message: string } => typeof e?.path === 'string' && typeof e?.message === 'string')
            .map((e) => ({ location: 'body' as const, path: toJsonPointer(e.path), code: String(e.code ?? 'invalid'), message: e.message }))
        : undefined;
      return send(code, err.message, errors && errors.length > 0 ? errors : undefined);
    }
  }
  logger.error({
    msg: 'bug.unhandled_error',
    requestId,
    path: c.req.path,
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  return send('internal_error', 'unexpected server error; it has been logged with the request id');
}
