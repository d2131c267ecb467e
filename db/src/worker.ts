/**
 * @flopcast/db/worker — what a Cloudflare Worker needs: the repository over PostgreSQL/Neon through
 * the Neon serverless driver (the runtime's own WebSocket). No PGlite, no migrator, no Node built-ins.
 */
import { createNeonDb, type NeonDbOptions } from './neon.js';
import { createRepository } from './repository/index.js';
import type { Repository, RepositoryOptions } from './repository/types.js';

export * as schema from './schema/index.js';
export * from './repository/index.js';
export { createNeonDb, assertPostgresUrl, type NeonDbOptions } from './neon.js';

/** Repository + close over a Neon connection string (create one per request on Workers). */
export function createWorkerDb(
  opts: NeonDbOptions & RepositoryOptions,
): { repo: Repository; close: () => Promise<void>; kind: 'neon' } {
  const { db, close } = createNeonDb(opts);
  return { repo: createRepository(db, opts.now ? { now: opts.now } : {}), close, kind: 'neon' };
}
