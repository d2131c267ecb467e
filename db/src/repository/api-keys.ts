import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../schema/index.js';
import { isUuid, newId, pgErrorCode, type Database } from './db.js';
import { NotFoundError, ValidationError } from './errors.js';
import { API_KEY_SCOPES, type ApiKeyInfo, type ApiKeyScope, type Repository } from './types.js';
import { requireName } from './validate.js';

/** Key format: `fc_` + 12 hex chars of public prefix + `_` + 64 hex chars (256 bits) of secret. */
const KEY_RE = /^fc_([0-9a-f]{12})_([0-9a-f]{64})$/;

/** How stale `lastUsedAt` may get before a successful authentication writes it again. */
export const LAST_USED_RESOLUTION_MS = 60_000;

function randomHex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hex SHA-256 of the whole key string (Web Crypto, so it runs on Workers too). */
export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Comparison whose time does not depend on where two equal-length strings first differ. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function normaliseScopes(scopes: unknown): ApiKeyScope[] {
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw ValidationError.field('scopes', 'too_small', 'must list at least one of read, write');
  }
  const out = new Set<ApiKeyScope>();
  scopes.forEach((s, i) => {
    if (!API_KEY_SCOPES.includes(s as ApiKeyScope)) {
      throw ValidationError.field(`scopes.${i}`, 'invalid_enum', 'must be "read" or "write"');
    }
    out.add(s as ApiKeyScope);
  });
  return API_KEY_SCOPES.filter((s) => out.has(s));
}

type KeyRow = typeof apiKeys.$inferSelect;

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** API key queries: only prefix + SHA-256 hash are stored. */
export function apiKeyRepository(db: Database, now: () => Date): Repository['apiKeys'] {
  return {
    async create(teamId, input) {
      const name = requireName(input?.name);
      const scopes = normaliseScopes(input?.scopes);
      if (!isUuid(teamId)) throw new NotFoundError('team', String(teamId));
      // A 48-bit prefix collides with negligible probability; retry a couple of times if it does.
      for (let attempt = 0; ; attempt++) {
        const prefix = randomHex(6);
        const key = `fc_${prefix}_${randomHex(32)}`;
        try {
          const [row] = await db
            .insert(apiKeys)
            .values({ id: newId(), teamId, name, prefix, secretHash: await hashApiKey(key), scopes, createdAt: now() })
            .returning();
          return { key, apiKey: toInfo(row!) };
        } catch (err) {
          const code = pgErrorCode(err);
          if (code === '23503') throw new NotFoundError('team', teamId);
          if (code === '23505' && attempt < 3) continue;
          throw err;
        }
      }
    },

    async authenticate(key) {
      if (typeof key !== 'string') return null;
      const m = KEY_RE.exec(key);
      if (!m) return null;
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, m[1]!));
      if (!row || row.revokedAt) return null;
      if (!constantTimeEqual(row.secretHash, await hashApiKey(key))) return null;
      const at = now();
      const context = { teamId: row.teamId, keyId: row.id, scopes: row.scopes as ApiKeyScope[] };
      // last_used_at has one-minute resolution: a key used on every request costs one write a minute.
      if (row.lastUsedAt && at.getTime() - row.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return context;
      // Conditional on "still not revoked", so a revoke racing with this call wins.
      const [used] = await db
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(and(eq(apiKeys.id, row.id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return used ? context : null;
    },

    async list(teamId) {
      if (!isUuid(teamId)) return [];
      const rows = await db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.teamId, teamId))
        .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
      return rows.map(toInfo);
    },

    async revoke(teamId, keyId) {
      if (!isUuid(teamId) || !isUuid(keyId)) throw new NotFoundError('apiKey', String(keyId));
      const [revoked] = await db
        .update(apiKeys)
        .set({ revokedAt: now() })
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.teamId, teamId), isNull(apiKeys.revokedAt)))
        .returning();
      if (revoked) return toInfo(revoked);
      const [existing] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.teamId, teamId)));
      if (!existing) throw new NotFoundError('apiKey', keyId);
      return toInfo(existing); // already revoked: revoking again changes nothing
    },
  };
}
