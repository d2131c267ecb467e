import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../schema/index.js';

/** A drizzle database over the flopcast schema, whichever driver (PGlite or Neon) is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `s` is a UUID (ids that are not can never exist, so callers answer "not found"). */
export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID_RE.test(s);
}

/**
 * SQLSTATE of a driver error, looking through drizzle's wrapper (`DrizzleQueryError.cause`).
 * 23505 = unique_violation, 23503 = foreign_key_violation.
 */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** New random UUID (v4) from Web Crypto — available in Node 20, Workers and browsers. */
export function newId(): string {
  return crypto.randomUUID();
}
