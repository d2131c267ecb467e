#!/usr/bin/env node
/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL (PostgreSQL / Neon), or to
 * the embedded PGlite database under .data/ when DATABASE_URL is unset. PG_WS_PROXY: see README.
 */
import { migrateDb } from '../client.js';
import { withEnvDb } from './run.js';

await withEnvDb('migrate', async (h) => {
  await migrateDb(h);
  return 'migrations applied';
});
