/**
 * Authentication and authorisation.
 *
 * `Authorization: Bearer <key>` where the key is a team API key `fc_<prefix>_<secret>` (checked by the repository,
 * which stores only the prefix and a SHA-256 hash) or the bootstrap admin key (FLOPCAST_ADMIN_KEY, compared in
 * constant time). No header = anonymous; a header that is present but wrong is always 401 (never a silent
 * downgrade to anonymous).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../lib/problem.js';
import type { AppEnv, Principal } from '../types.js';

/** Resolves a presented team key to its team, or null when unknown/revoked. */
export type KeyAuthenticator = (key: string, c: Context<AppEnv>) => Promise<{ teamId: string; keyId: string; scopes: ReadonlyArray<'read' | 'write'> } | null>;

/** Shape every team key has; anything else is rejected without a database round-trip. */
export const API_KEY_PATTERN = /^fc_[A-Za-z0-9]{4,32}_[A-Za-z0-9_-]{16,128}$/;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Constant-time comparison of two strings (compares their SHA-256 digests, so lengths do not leak either). */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

function unauthorized(detail: string): ApiError {
  return new ApiError('unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer realm="flopcast"' } });
}

/** Parses the Authorization header and sets `principal`. */
export function authenticate(opts: { adminKey: string | undefined; authenticateKey: KeyAuthenticator }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') {
      c.set('principal', { kind: 'anonymous' });
      return next();
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m || !m[1]) throw unauthorized('Authorization header must be "Bearer <api key>"');
    const token = m[1];
    if (opts.adminKey && (await timingSafeEqualText(token, opts.adminKey))) {
      c.set('principal', { kind: 'admin' });
      return next();
    }
    if (!API_KEY_PATTERN.test(token)) throw unauthorized('API key is malformed (expected fc_<prefix>_<secret>)');
    const found = await opts.authenticateKey(token, c);
    if (!found) throw unauthorized('API key is unknown or revoked');
    c.set('principal', { kind: 'team', teamId: found.teamId, keyId: found.keyId, scopes: found.scopes });
    return next();
  };
}

/** The caller's team, or throws 401/403. `scope` is the scope the route needs. */
export function requireTeam(principal: Principal, scope: 'read' | 'write'): { teamId: string; keyId: string } {
  if (principal.kind === 'anonymous') throw unauthorized('this route needs an API key (Authorization: Bearer fc_…)');
  if (principal.kind === 'admin') {
    throw new ApiError('forbidden', 'the admin key manages teams and keys only; use a team API key for this route');
  }
  if (!principal.scopes.includes(scope)) throw new ApiError('forbidden', `API key lacks the "${scope}" scope`);
  return { teamId: principal.teamId, keyId: principal.keyId };
}

/** Throws 401/403 unless the caller used the admin key. */
export function requireAdmin(principal: Principal): void {
  if (principal.kind === 'anonymous') throw unauthorized('this route needs the admin key');
  if (principal.kind !== 'admin') throw new ApiError('forbidden', 'this route needs the admin key');
}
