/**
 * Types shared by the app factory, middleware and route handlers.
 */
import type { Context } from 'hono';
import type { Repository } from '@flopcast/db';
import type { EngineFacade } from './engine.js';
import type { RateLimiter } from './middleware/rate-limit.js';
import type { Logger } from './lib/logger.js';

/** Who is calling. Resolved once per request by the auth middleware. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  | { kind: 'team'; teamId: string; keyId: string; scopes: ReadonlyArray<'read' | 'write'> };

/**
 * The repository, or a factory called at most once per request, on first use (Workers: a connection per request,
 * and none at all for routes that do not need the database).
 */
export type RepositorySource = Repository | ((c: Context<AppEnv>) => Promise<Repository>);

/** What `createApp` needs. Only `repo` is required; everything else has a default suitable for tests and Node. */
export interface AppDeps {
  repo: RepositorySource;
  /** Wall clock (tests pin it). Default `() => new Date()`. */
  clock?: () => Date;
  /** Engine functions; default the real `@flopcast/engine`. */
  engine?: Partial<EngineFacade>;
  /** Bootstrap admin key (FLOPCAST_ADMIN_KEY). Without it, admin routes answer 401. */
  adminKey?: string;
  /** Per-caller rate limiter. Default: in-memory token buckets (`createMemoryRateLimiter()`). */
  rateLimiter?: RateLimiter;
  /** Origins allowed by CORS. Default the dashboard on localhost:3000 / 127.0.0.1:3000. */
  corsOrigins?: string[];
  /** Structured log sink. Default: one JSON line per event on stdout/stderr. */
  logger?: Logger;
  /** Client address for anonymous rate limiting. Default: Node socket address, else `cf-connecting-ip`, else "unknown". */
  clientIp?: (c: Context) => string;
  /** Server-side bounds of POST /v1/search (see routes/search/search.routes.ts). */
  searchLimits?: { maxEvaluations?: number; maxMilliseconds?: number };
}

/** Hono environment of the app: per-request variables. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    /** This request's repository, once a route asked for it (factory sources only). */
    repoPromise: Promise<Repository> | undefined;
  };
}
