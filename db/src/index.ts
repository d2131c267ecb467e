/**
 * @flopcast/db — schema, migrations, drivers (embedded PGlite, PostgreSQL/Neon via the Neon
 * serverless driver) and the shared repository layer the API uses. Node entry point; Workers can
 * import `@flopcast/db/worker` (no PGlite, no Node built-ins).
 */
export * as schema from './schema/index.js';
export * from './repository/index.js';
export { seedBuiltins, type SeedResult, type SeedCounts } from './seed.js';
export { createNeonDb, assertPostgresUrl, type NeonDbOptions } from './neon.js';
export {
  createDb,
  migrateDb,
  dbConfigFromEnv,
  createPgliteTemplate,
  MIGRATIONS_FOLDER,
  DEFAULT_DATA_DIR,
  type CreateDbConfig,
  type DbHandle,
} from './client.js';
