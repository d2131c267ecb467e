import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from './schema/index.js';
import type { Database } from './repository/db.js';

/** Where an embedded database lives: a directory, memory, or memory preloaded from a dump. */
export interface PgliteDbOptions {
  dataDir?: string;
  inMemory?: boolean;
  /** Start from a `dumpDataDir()` tarball (e.g. a migrated template); implies in-memory. */
  loadDataDir?: Blob;
}

/** Drizzle over embedded PostgreSQL (PGlite, WebAssembly). Must be closed, or Node never exits. */
export async function createPgliteDb(
  opts: PgliteDbOptions,
): Promise<{ db: Database; client: PGlite; close: () => Promise<void> }> {
  let client: PGlite;
  if (opts.loadDataDir) {
    client = await PGlite.create({ loadDataDir: opts.loadDataDir });
  } else if (opts.inMemory || !opts.dataDir) {
    client = await PGlite.create();
  } else {
    mkdirSync(opts.dataDir, { recursive: true });
    client = await PGlite.create(opts.dataDir);
  }
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Database;
  return { db, client, close: () => client.close() };
}
