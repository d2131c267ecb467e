/**
 * Resolved dependencies handed to every route module: the repository (created lazily on first use), clock,
 * engine, logger and limits.
 */
import type { Catalog } from '@flopcast/engine';
import type { Repository } from '@flopcast/db';
import { defaultEngine, type EngineFacade } from './engine.js';
import { createJsonLogger, type Logger } from './lib/logger.js';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from './types.js';

/** Server-side bounds of POST /v1/search (see routes/search/search.routes.ts for the rationale). */
export interface SearchBounds {
  /** Most full estimates one request may run. */
  maxEvaluations: number;
  /** Wall-time budget in milliseconds for one request. */
  maxMilliseconds: number;
}

export const DEFAULT_SEARCH_BOUNDS: SearchBounds = { maxEvaluations: 200_000, maxMilliseconds: 5_000 };

export interface Services {
  /** The repository for this request; with a factory, the first call in a request opens the connection. */
  repo(c: Context<AppEnv>): Promise<Repository>;
  clock: () => Date;
  engine: EngineFacade;
  logger: Logger;
  search: SearchBounds;
  /** Built-in catalog for anonymous callers (no database round-trip), built-in + custom for a team. */
  catalogFor(c: Context<AppEnv>): Promise<Catalog>;
}

/**
 * A copy of a catalog whose id tables have no prototype, so a plan naming "__proto__" or "constructor" as a GPU,
 * link or model is an unknown id rather than an object inherited from Object.prototype.
 */
export function hardenCatalog(c: Catalog): Catalog {
  const table = <T>(t: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, t);
  return { gpus: table(c.gpus), links: table(c.links), models: table(c.models) };
}

/** Fills defaults and memoises the repository factory. */
export function resolveServices(deps: AppDeps): Services {
  const clock = deps.clock ?? (() => new Date());
  const merged: EngineFacade = { ...defaultEngine, ...deps.engine };
  const engine: EngineFacade = { ...merged, catalog: hardenCatalog(merged.catalog) };
  const logger = deps.logger ?? createJsonLogger({ clock });
  const source = deps.repo;
  const repo = (c: Context<AppEnv>): Promise<Repository> => {
    if (typeof source !== 'function') return Promise.resolve(source);
    // A factory runs at most once per request (Workers: one connection per request, never shared across requests).
    let p = c.get('repoPromise');
    if (!p) {
      p = source(c);
      c.set('repoPromise', p);
    }
    return p;
  };
  const search: SearchBounds = { ...DEFAULT_SEARCH_BOUNDS, ...deps.searchLimits };
  return {
    repo,
    clock,
    engine,
    logger,
    search,
    async catalogFor(c) {
      const principal = c.get('principal');
      if (principal.kind !== 'team') return engine.catalog;
      return hardenCatalog(await (await repo(c)).profiles.catalog(principal.teamId));
    },
  };
}
