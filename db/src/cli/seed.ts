#!/usr/bin/env node
/**
 * `npm run db:seed`: upserts the engine's built-in GPU, link and model profiles (idempotent) into
 * DATABASE_URL, or into the embedded PGlite database when DATABASE_URL is unset. Run db:migrate first.
 */
import { seedBuiltins } from '../seed.js';
import { withEnvDb } from './run.js';

await withEnvDb('seed', async (h) => {
  const r = await seedBuiltins(h.db);
  const fmt = (k: string, c: { inserted: number; updated: number; deleted: number; unchanged: number }) =>
    `${k} +${c.inserted} ~${c.updated} -${c.deleted} =${c.unchanged}`;
  return `built-ins seeded (${fmt('gpus', r.gpus)}, ${fmt('links', r.links)}, ${fmt('models', r.models)})`;
});
