import { index, pgTable, text, timestamp, uuid, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** A team owns plans, custom profiles and API keys. */
export const teams = pgTable(
  'teams',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [check('teams_name_not_blank', sql`length(btrim(${t.name})) > 0`)],
);

/**
 * API keys: only a public prefix (for lookup) and the SHA-256 hash of the whole key are stored,
 * never the key. `scopes` is a subset of {read, write}.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    prefix: text().notNull().unique('api_keys_prefix_unique'),
    /** Hex SHA-256 of the full key string `fc_<prefix>_<secret>`. */
    secretHash: text().notNull(),
    scopes: text().array().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('api_keys_team_idx').on(t.teamId, t.createdAt),
    check('api_keys_hash_is_sha256_hex', sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
    check(
      'api_keys_scopes_valid',
      sql`cardinality(${t.scopes}) >= 1 AND ${t.scopes} <@ ARRAY['read', 'write']::text[]`,
    ),
  ],
);
