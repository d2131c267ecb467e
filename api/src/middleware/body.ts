/**
 * Request body gate for every POST/PUT/PATCH: size (413), media type (415) and JSON syntax (400), before any
 * route validator runs. The raw text is left in Hono's body cache, so `c.req.json()` / zod validators reuse it.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../lib/problem.js';
import type { AppEnv } from '../types.js';

/** Largest accepted request body in bytes (256 KiB). */
export const MAX_BODY_BYTES = 256 * 1024;

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** Reads a stream into text, aborting with 413 as soon as it passes `max` bytes. */
async function readLimited(body: ReadableStream<Uint8Array>, max: number): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError('payload_too_large', `request body exceeds ${max} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const ch of chunks) {
    all.set(ch, off);
    off += ch.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new ApiError('malformed_json', 'request body is not valid UTF-8');
  }
}

/** Hono caches body reads as promises (its type says string); seed the cache so validators reuse our read. */
function setCachedText(req: { bodyCache: unknown }, text: string): void {
  (req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
}

/** Middleware: checks size, media type and JSON syntax of bodies on methods that carry one. */
export function jsonBodyGate(maxBytes = MAX_BODY_BYTES): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
      throw new ApiError('payload_too_large', `request body of ${declared} bytes exceeds ${maxBytes} bytes`);
    }
    let text: string;
    if (declared !== undefined && /^\d+$/.test(declared)) {
      // Content-Length framing bounds the body (checked above), so read it in one go: on Node this is
      // @hono/node-server's direct path, which skips building a web ReadableStream for the request.
      text = await c.req.raw.text();
    } else {
      // Chunked or unknown length: stream it and stop as soon as it passes the limit.
      const raw = c.req.raw.body;
      text = raw ? await readLimited(raw, maxBytes) : '';
    }
    if (text.length === 0) {
      // No body: routes that need one report the missing fields via validation; give validators `{}`-less input.
      setCachedText(c.req, '');
      return next();
    }
    const contentType = c.req.header('content-type') ?? '';
    const media = contentType.split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA.test(media)) {
      throw new ApiError(
        'unsupported_media_type',
        media ? `content type ${media} is not supported; send application/json` : 'missing Content-Type; send application/json',
      );
    }
    try {
      JSON.parse(text);
    } catch (e) {
      throw new ApiError('malformed_json', `request body is not valid JSON: ${(e as Error).message}`);
    }
    setCachedText(c.req, text);
    return next();
  };
}
