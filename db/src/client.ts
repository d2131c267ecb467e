import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NeonDatabase } from 'drizzle-orm/neon-serverless';
import ws from 'ws';
import { createNeonDb } from './neon.js';
import { createPgliteDb } from './pglite.js';
import type { Database } from './repository/db.js';
import { createRepository } from './repository/index.js';
import type { Repository } from './repository/types.js';
import type * as schema from './schema/index.js';
import { seedBuiltins } from './seed.js';

/**
 * Committed drizzle-kit migrations. Resolved from this module's own location, which is
 * `src/` (tests, tsx) or `dist/` (built) — both one level below the package root.
 */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle/', import.meta.url));

/** Default embedded database: `<repo root>/.data/pglite`. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../.data/pglite/', import.meta.url));

export interface CreateDbConfig {
  /** `postgres://…` → PostgreSQL/Neon through the Neon serverless driver; absent → embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (default DEFAULT_DATA_DIR). Ignored with `inMemory` or a `databaseUrl`. */
  dataDir?: string;
  /** PGlite in memory (tests). */
  inMemory?: boolean;
  /** PGlite: start from a dump made by `createPgliteTemplate()` (fast per-test databases). */
  loadDataDir?: Blob;
  /** Neon driver: local WebSocket proxy `host:port` (see NeonDbOptions.wsProxy). */
  wsProxy?: string;
  /** Apply migrations now. Default: yes for PGlite, no for a server (use `npm run db:migrate`). */
  migrate?: boolean;
  /** Upsert the engine's built-in profiles now. Default: yes for PGlite, no for a server (`npm run db:seed`). */
  seed?: boolean;
  /** Clock for timestamps written by the repository. */
  now?: () => Date;
}

export interface DbHandle {
  db: Database;
  repo: Repository;
  kind: 'pglite' | 'neon';
  /** Releases the PGlite instance or the connection pool. */
  close: () => Promise<void>;
}

/** Applies pending migrations (idempotent; drizzle records applied ones in `drizzle.__drizzle_migrations`). */
export async function migrateDb(handle: Pick<DbHandle, 'db' | 'kind'>): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(handle.db as unknown as NeonDatabase<typeof schema>, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/**
 * Opens the flopcast database: PGlite (embedded, persisted under `.data/` or in memory) when no URL
 * is given, else PostgreSQL through `@neondatabase/serverless` (Pool over WebSocket).
 */
export async function createDb(config: CreateDbConfig = {}): Promise<DbHandle> {
  let handle: Omit<DbHandle, 'repo'>;
  if (config.databaseUrl) {
    const neon = createNeonDb({
      databaseUrl: config.databaseUrl,
      ...(config.wsProxy ? { wsProxy: config.wsProxy } : {}),
      // Node 20 has no global WebSocket; Node 22+ and Workers do.
      ...(typeof globalThis.WebSocket === 'undefined' ? { webSocketConstructor: ws } : {}),
    });
    handle = { db: neon.db, kind: 'neon', close: neon.close };
  } else {
    const inMemory = config.inMemory === true || config.loadDataDir !== undefined;
    const lite = await createPgliteDb({
      inMemory,
      ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
      ...(inMemory ? {} : { dataDir: path.resolve(config.dataDir ?? DEFAULT_DATA_DIR) }),
    });
    handle = { db: lite.db, kind: 'pglite', close: lite.close };
  }
  const isLite = handle.kind === 'pglite';
  try {
    if (config.migrate ?? isLite) await migrateDb(handle);
    if (config.seed ?? isLite) await seedBuiltins(handle.db, config.now ? { now: config.now } : {});
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { ...handle, repo: createRepository(handle.db, config.now ? { now: config.now } : {}) };
}

/**
 * Reads `DATABASE_URL` (absent/empty → embedded PGlite) and `PG_WS_PROXY` (local WebSocket proxy for
 * a plain PostgreSQL server, e.g. `127.0.0.1:54330`) from the environment.
 */
export function dbConfigFromEnv(env: Record<string, string | undefined> = process.env): CreateDbConfig {
  const url = env.DATABASE_URL?.trim();
  const proxy = env.PG_WS_PROXY?.trim();
  return { ...(url ? { databaseUrl: url } : {}), ...(url && proxy ? { wsProxy: proxy } : {}) };
}

/**
 * A migrated (and by default seeded) empty database as a tarball, to start many PGlite instances
 * from: `createDb({ loadDataDir: template })` takes ~0.6 s instead of ~4–5 s for a new instance.
 */
export async function createPgliteTemplate(opts: { seed?: boolean } = {}): Promise<Blob> {
  const { db, client, close } = await createPgliteDb({ inMemory: true });
  try {
    await migrateDb({ db, kind: 'pglite' });
    if (opts.seed ?? true) await seedBuiltins(db);
    return await client.dumpDataDir('none');
  } finally {
    await close();
  }
}
