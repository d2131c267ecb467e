/**
 * Test backends: the same repository suite runs on embedded PGlite (always) and on a real
 * PostgreSQL server reached through the Neon serverless driver (when PG_TEST_URL is set; required
 * in CI). Test-only; not part of the build.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { createDb, type CreateDbConfig, type DbHandle } from '../client.js';
import { createNeonDb } from '../neon.js';
import ws from 'ws';

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /**
   * An isolated database. `empty: true` = nothing applied yet (for migration tests); otherwise
   * migrated and seeded with the engine's built-ins.
   */
  fresh(opts?: { empty?: boolean; now?: () => Date }): Promise<DbHandle>;
}

let templateBlob: Blob | undefined;
function template(): Blob {
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplatePath'))]);
  return templateBlob;
}

const pglite: TestBackend = {
  name: 'pglite',
  async fresh(opts = {}) {
    const clock: Pick<CreateDbConfig, 'now'> = opts.now ? { now: opts.now } : {};
    if (opts.empty) return createDb({ inMemory: true, migrate: false, seed: false, ...clock });
    // Template is migrated + seeded; createDb re-checks both (no-ops) so the path is the real one.
    return createDb({ loadDataDir: template(), ...clock });
  },
};

/** PG_TEST_URL names an admin connection; each fresh() creates (and on close drops) its own database. */
function postgresBackend(adminUrl: string, wsProxy: string | undefined): TestBackend {
  return {
    name: 'postgres',
    async fresh(opts = {}) {
      const name = `flopcast_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const admin = createNeonDb({ databaseUrl: adminUrl, webSocketConstructor: ws, ...(wsProxy ? { wsProxy } : {}) });
      await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
      await admin.close();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = await createDb({
        databaseUrl: url.toString(),
        ...(wsProxy ? { wsProxy } : {}),
        migrate: !opts.empty,
        seed: !opts.empty,
        ...(opts.now ? { now: opts.now } : {}),
      });
      return {
        ...handle,
        async close() {
          await handle.close();
          const drop = createNeonDb({ databaseUrl: adminUrl, webSocketConstructor: ws, ...(wsProxy ? { wsProxy } : {}) });
          await drop.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
          await drop.close();
        },
      };
    },
  };
}

const PG_URL = process.env.PG_TEST_URL?.trim();
const PG_PROXY = process.env.PG_WS_PROXY?.trim();

/** Why the PostgreSQL backend is not available, or null when it is. */
export const postgresUnavailable: string | null = PG_URL
  ? null
  : 'PG_TEST_URL is not set (start one with db/scripts/start-test-postgres.sh and export what it prints)';

/** Backends to run the suite on. */
export const backends: TestBackend[] = [pglite, ...(PG_URL ? [postgresBackend(PG_URL, PG_PROXY)] : [])];

/** In CI a missing PostgreSQL is a failure; elsewhere the suite is skipped with a printed reason. */
export const requirePostgres = Boolean(process.env.CI);

/** A clock that advances 1 ms per call from a fixed start, so orderings by time are deterministic. */
export function steppingClock(start = Date.UTC(2026, 0, 1)): () => Date {
  let t = start;
  return () => new Date(t++);
}

/**
 * Declares, in the calling test file, what happens when PostgreSQL is unavailable: a failing test in
 * CI, a skipped block with a printed reason elsewhere.
 */
export function declarePostgresGate(api: { describe: typeof import('vitest').describe; it: typeof import('vitest').it }): void {
  if (!postgresUnavailable) return;
  if (requirePostgres) {
    api.describe('postgres backend', () => {
      api.it('is available in CI (PG_TEST_URL, PG_WS_PROXY)', () => {
        throw new Error(`PostgreSQL backend required in CI: ${postgresUnavailable}`);
      });
    });
  } else {
    console.warn(`[db tests] skipping the PostgreSQL backend: ${postgresUnavailable}`);
    api.describe.skip(`postgres backend (skipped: ${postgresUnavailable})`, () => {
      api.it('runs the same suite on PostgreSQL through the Neon driver', () => {});
    });
  }
}
