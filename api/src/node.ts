/**
 * Node entry point: `node dist/node.js` (or `npm run api` at the repository root).
 *
 * Environment: PORT (default 8787), HOST (default 127.0.0.1), DATABASE_URL (postgres://… through the Neon driver;
 * unset = embedded PGlite under <repo>/.data/, or FLOPCAST_DATA_DIR), PG_WS_PROXY (local WebSocket proxy for a plain
 * PostgreSQL), FLOPCAST_ADMIN_KEY (bootstrap admin key), CORS_ORIGINS (comma-separated; default the dashboard on
 * localhost:3000), RATE_LIMIT_ANON_PER_MIN / RATE_LIMIT_KEY_PER_MIN, SEARCH_MAX_EVALUATIONS / SEARCH_TIME_BUDGET_MS,
 * LOG_LEVEL (debug|info|warn|error|silent).
 *
 * In embedded mode it makes sure a local dev team + key exist and prints "local dev key: fc_…" (kept in
 * <data dir>/dev-key so it is stable across restarts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createDb, dbConfigFromEnv, DEFAULT_DATA_DIR } from '@flopcast/db';
import { createApp } from './app.js';
import { ensureDevKey } from './dev-key.js';
import { corsOriginsFromEnv, portFromEnv, rateLimitsFromEnv, searchLimitsFromEnv } from './env.js';
import { createJsonLogger, logLevelFrom } from './lib/logger.js';
import { createMemoryRateLimiter } from './middleware/rate-limit.js';

const env = process.env;

async function main(): Promise<void> {
  const port = portFromEnv(env.PORT);
  const hostname = env.HOST?.trim() || '127.0.0.1';
  const dataRoot = env.FLOPCAST_DATA_DIR?.trim() ? path.resolve(env.FLOPCAST_DATA_DIR.trim()) : path.dirname(path.resolve(DEFAULT_DATA_DIR));
  const dbConfig = dbConfigFromEnv(env);
  const handle = await createDb(dbConfig.databaseUrl ? dbConfig : { ...dbConfig, dataDir: path.join(dataRoot, 'pglite') });
  let devKey: string | undefined;
  if (handle.kind === 'pglite') {
    devKey = (await ensureDevKey(handle.repo, path.join(dataRoot, 'dev-key'))).key;
  }
  const app = createApp({
    repo: handle.repo,
    adminKey: env.FLOPCAST_ADMIN_KEY?.trim() || undefined,
    corsOrigins: corsOriginsFromEnv(env.CORS_ORIGINS),
    rateLimiter: createMemoryRateLimiter({ limits: rateLimitsFromEnv(env) }),
    logger: createJsonLogger({ level: logLevelFrom(env.LOG_LEVEL) }),
    searchLimits: searchLimitsFromEnv(env),
  });
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    const shownHost = hostname.includes(':') ? `[${hostname}]` : hostname;
    console.log(`flopcast API listening on http://${shownHost}:${info.port} (database: ${handle.kind}; docs: /docs, spec: /openapi.json)`);
    if (devKey) console.log(`local dev key: ${devKey}`);
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`flopcast API: ${signal}, shutting down`);
    server.close(() => {
      handle.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`flopcast API failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

export { main };
