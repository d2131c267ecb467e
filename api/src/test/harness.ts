/**
 * Test harness: a real app over a real (in-memory PGlite) database, plus helpers to call it through
 * `app.request()` and to create teams and keys.
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '@flopcast/db';
import { createApp } from '../app.js';
import { createMemoryLogger } from '../lib/logger.js';
import { createMemoryRateLimiter, type RateLimiter } from '../middleware/rate-limit.js';
import type { AppDeps } from '../types.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

let template: Blob | undefined;

/** A migrated + seeded in-memory database (from the run's template dump). */
export async function freshDb(): Promise<DbHandle> {
  template ??= new Blob([readFileSync(inject('apiPgliteTemplatePath'))]);
  return createDb({ loadDataDir: template });
}

/** Rate limits high enough that functional tests never hit them. */
export function generousLimiter(): RateLimiter {
  const big = { perMinute: 1e9, burst: 1e9 };
  return createMemoryRateLimiter({ limits: { anonymous: big, key: big, admin: big } });
}

export interface TestApi {
  app: ReturnType<typeof createApp>;
  db: DbHandle;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Sends a request; `body` objects are JSON-encoded with Content-Type application/json. */
  call(method: string, path: string, opts?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Creates a team and a key through the API (admin routes). */
  team(name?: string, scopes?: Array<'read' | 'write'>): Promise<{ teamId: string; key: string; keyId: string }>;
  /** Error-level log events (bugs); tests assert there are none. */
  bugs(): unknown[];
}

/** Builds the app on a fresh database. Close `db` in afterAll. */
export async function testApi(deps: Partial<AppDeps> = {}): Promise<TestApi> {
  const db = await freshDb();
  const logger = createMemoryLogger();
  const app = createApp({ repo: db.repo, adminKey: ADMIN_KEY, logger, rateLimiter: generousLimiter(), ...deps });
  const call: TestApi['call'] = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }));
  };
  const team: TestApi['team'] = async (name = 'team', scopes = ['read', 'write']) => {
    const t = await call('POST', '/v1/teams', { key: ADMIN_KEY, body: { name } });
    if (t.status !== 201) throw new Error(`team create failed: ${t.status} ${await t.text()}`);
    const { id } = (await t.json()) as { id: string };
    const k = await call('POST', `/v1/teams/${id}/keys`, { key: ADMIN_KEY, body: { name: `${name} key`, scopes } });
    if (k.status !== 201) throw new Error(`key create failed: ${k.status} ${await k.text()}`);
    const kb = (await k.json()) as { key: string; id: string };
    return { teamId: id, key: kb.key, keyId: kb.id };
  };
  return { app, db, logger, call, team, bugs: () => logger.events.filter((e) => e.level === 'error') };
}

/** Reads a problem+json response, checking its media type and shape. */
export async function problem(res: Response): Promise<{ status: number; code: string; detail: string; errors?: Array<{ path: string; code: string; message: string; field?: string; location?: string }> }> {
  const ct = res.headers.get('content-type') ?? '';
  if (!ct.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${ct} (${res.status}): ${await res.text()}`);
  const body = (await res.json()) as { type: string; title: string; status: number; code: string; detail: string; errors?: never };
  if (body.status !== res.status || !body.type.endsWith(body.code) || !body.title || !body.detail) {
    throw new Error(`malformed problem: ${JSON.stringify(body)}`);
  }
  return body;
}
