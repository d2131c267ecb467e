/**
 * Cloudflare Workers entry point (`wrangler dev` / `wrangler deploy`).
 *
 * Bindings (env): DATABASE_URL (Neon/PostgreSQL connection string, a secret), FLOPCAST_ADMIN_KEY (secret),
 * CORS_ORIGINS (comma-separated), LOG_LEVEL, SEARCH_MAX_EVALUATIONS / SEARCH_TIME_BUDGET_MS, PG_WS_PROXY (local testing only), RATE_LIMIT_ANONYMOUS / RATE_LIMIT_KEY
 * (Workers rate-limit bindings, as in infra/wrangler.toml; without them an in-memory, per-isolate limiter is used).
 *
 * The database is opened lazily, per request, and only when a route needs it: POST /v1/estimate with an inline
 * plan on built-in profiles (and /openapi.json, /docs) never connect, so they work without DATABASE_URL.
 */
import { createWorkerDb } from '@flopcast/db/worker';
import { createApp } from './app.js';
import { corsOriginsFromEnv, searchLimitsFromEnv } from './env.js';
import { createJsonLogger, logLevelFrom } from './lib/logger.js';
import { ApiError } from './lib/problem.js';
import { createMemoryRateLimiter, workersRateLimiter, type WorkersRateLimitBinding } from './middleware/rate-limit.js';

export interface WorkerEnv {
  DATABASE_URL?: string;
  FLOPCAST_ADMIN_KEY?: string;
  CORS_ORIGINS?: string;
  PG_WS_PROXY?: string;
  RATE_LIMIT_ANONYMOUS?: WorkersRateLimitBinding;
  LOG_LEVEL?: string;
  SEARCH_MAX_EVALUATIONS?: string;
  SEARCH_TIME_BUDGET_MS?: string;
  RATE_LIMIT_KEY?: WorkersRateLimitBinding;
}

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

/** Per-request env: the bindings plus the list of connections this request opened (closed after the response). */
type RequestEnv = WorkerEnv & { readonly closers: Array<() => Promise<void>> };

/** Per-isolate fallback limiter (used for caller classes without a binding). */
const fallbackLimiter = createMemoryRateLimiter();

/** Builds the app for one set of bindings (once per isolate: route registration costs ~2 ms, too much per request). */
function buildApp(env: WorkerEnv) {
  return createApp({
    // Called at most once per request, and only by routes that need the database.
    repo: async (c) => {
      const url = env.DATABASE_URL?.trim();
      if (!url) throw new ApiError('service_unavailable', 'this deployment has no database (DATABASE_URL is not set)');
      const handle = createWorkerDb({ databaseUrl: url, ...(env.PG_WS_PROXY ? { wsProxy: env.PG_WS_PROXY } : {}) });
      (c.env as RequestEnv).closers.push(handle.close);
      return handle.repo;
    },
    adminKey: env.FLOPCAST_ADMIN_KEY?.trim() || undefined,
    corsOrigins: corsOriginsFromEnv(env.CORS_ORIGINS),
    rateLimiter: workersRateLimiter({ anonymous: env.RATE_LIMIT_ANONYMOUS, key: env.RATE_LIMIT_KEY, admin: env.RATE_LIMIT_KEY }, fallbackLimiter),
    logger: createJsonLogger({ level: logLevelFrom(env.LOG_LEVEL) }),
    searchLimits: searchLimitsFromEnv(env as unknown as Record<string, string | undefined>),
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
  });
}

const apps = new WeakMap<WorkerEnv, ReturnType<typeof buildApp>>();

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    let app = apps.get(env);
    if (!app) {
      app = buildApp(env);
      apps.set(env, app);
    }
    const requestEnv: RequestEnv = { ...env, closers: [] };
    try {
      return await app.fetch(request, requestEnv, ctx as never);
    } finally {
      // Database connections are per request on Workers; close them once the response is produced.
      for (const close of requestEnv.closers) ctx.waitUntil(close().catch(() => undefined));
    }
  },
};
