/**
 * `createApp(deps)`: the whole HTTP API as one Hono app, independent of the runtime. The Node entry
 * (node.ts) and the Worker entry (worker.ts) only build `deps` and call this.
 *
 * Middleware order: request context (id, log line, JSON guard) → CORS → ETag (GET) → body gate (size, media
 * type, JSON syntax) → auth → rate limit → route (zod validation → handler).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import type { Context, MiddlewareHandler } from 'hono';
import { assertFinite } from './lib/json.js';
import { errorResponse, validationHook } from './lib/errors.js';
import { ApiError, problemCodesMarkdown } from './lib/problem.js';
import { authenticate } from './middleware/auth.js';
import { jsonBodyGate, MAX_BODY_BYTES } from './middleware/body.js';
import { createMemoryRateLimiter, type RateClass, type RateLimiter } from './middleware/rate-limit.js';
import { docsPage } from './openapi/docs-page.js';
import { planDocumentJsonSchema } from './openapi/plan-schema.js';
import { resolveServices, type Services } from './services.js';
import type { AppDeps, AppEnv } from './types.js';
import { catalogRoutes } from './routes/catalog/catalog.handlers.js';
import { estimateRoutes } from './routes/estimate/estimate.handlers.js';
import { planRoutes } from './routes/plans/plans.handlers.js';
import { compareRoutes } from './routes/compare/compare.handlers.js';
import { searchRoutes } from './routes/search/search.handlers.js';
import { teamRoutes } from './routes/teams/teams.handlers.js';

export const DEFAULT_CORS_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:3000'];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Default client address: Node's socket (node-server passes `incoming` as env), else Cloudflare's header. */
function defaultClientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const nodeAddr = env?.incoming?.socket?.remoteAddress;
  if (nodeAddr) return nodeAddr;
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

/** Request id, access log line, and the non-finite guard on every `c.json`. */
function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('principal', { kind: 'anonymous' });
    const json = c.json;
    // Last line of defence: a non-finite number anywhere in a JSON body throws (→ 500, logged as a bug).
    c.json = ((object: unknown, ...rest: unknown[]) => {
      assertFinite(object);
      return (json as (o: unknown, ...r: unknown[]) => Response)(object, ...rest);
    }) as typeof c.json;
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    const principal = c.get('principal');
    services.logger.info({
      msg: 'request',
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      caller: principal.kind,
      ...(principal.kind === 'team' ? { teamId: principal.teamId, keyId: principal.keyId } : {}),
    });
  };
}

/** Rate limit per key (or per client IP when anonymous); sets RateLimit-* headers, 429 with Retry-After. */
function rateLimit(limiter: RateLimiter, clientIp: (c: Context) => string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    const subject: { key: string; class: RateClass } =
      p.kind === 'team' ? { key: p.keyId, class: 'key' } : p.kind === 'admin' ? { key: 'admin', class: 'admin' } : { key: clientIp(c), class: 'anonymous' };
    const d = await limiter.limit(subject);
    if (!d.allowed) {
      const headers: Record<string, string> = { 'Retry-After': String(d.retryAfterSeconds ?? 60) };
      if (d.limit !== undefined) headers['RateLimit-Limit'] = String(d.limit);
      throw new ApiError('rate_limited', `rate limit exceeded for this ${subject.class === 'anonymous' ? 'client address' : 'API key'}; retry later`, { headers });
    }
    await next();
    if (d.limit !== undefined) c.res.headers.set('RateLimit-Limit', String(d.limit));
    if (d.remaining !== undefined) c.res.headers.set('RateLimit-Remaining', String(d.remaining));
  };
}

const API_DESCRIPTION = `Cost-and-capacity planner for large-model training runs.

Authentication: \`Authorization: Bearer fc_<prefix>_<secret>\` (a team API key, scopes read/write) or the admin key
(FLOPCAST_ADMIN_KEY, teams and keys only). POST /v1/estimate with an inline plan on built-in profiles needs no key.
Another team's ids answer 404.

Errors are RFC 9457 application/problem+json: { type, title, status, detail, code, requestId, errors: [{ location, path, code, message }] }.
\`path\` is a JSON pointer into the request part named by \`location\` (body, query, path, header).
Problem codes (closed set):

${problemCodesMarkdown()}

Field error codes: \`required\`, zod issue codes (\`invalid_type\`, \`too_small\`, \`too_big\`, \`invalid_format\`, \`invalid_value\`,
\`unrecognized_keys\`, \`invalid_union\`, \`custom\`, …) and the engine's plan-validation codes.

Limits: request bodies ≤ ${MAX_BODY_BYTES / 1024} KiB; per-key (anonymous: per-address) rate limit with RateLimit-* and Retry-After headers.
Every response carries X-Request-Id (echoes a valid incoming one). GET responses carry an ETag (If-None-Match → 304).`;

/** The OpenAPI 3.1 document of `app`, its PlanDocument schema generated from the engine's plan schema. */
function openApiDocument(app: OpenAPIHono<AppEnv>, services: Services) {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'flopcast API', version: `1 (engine ${services.engine.version})`, description: API_DESCRIPTION },
    servers: [{ url: '/' }],
  });
  const schemas = (doc.components ??= {}).schemas ?? {};
  schemas.PlanDocument = planDocumentJsonSchema(services.engine.catalog) as never;
  doc.components.schemas = schemas;
  return doc;
}

/** Builds the API. See `AppDeps` for what can be injected. */
export function createApp(deps: AppDeps) {
  const services = resolveServices(deps);
  const limiter = deps.rateLimiter ?? createMemoryRateLimiter();
  const clientIp = deps.clientIp ?? defaultClientIp;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestContext(services));
  app.use(
    '*',
    cors({
      origin: deps.corsOrigins ?? DEFAULT_CORS_ORIGINS,
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id'],
      exposeHeaders: ['ETag', 'Location', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(
    '*',
    etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'x-request-id', 'access-control-allow-origin', 'access-control-expose-headers', 'vary'] }),
  );
  app.use('/v1/*', async (c, next) => {
    await next();
    // Responses depend on the caller's key: shared caches must key on it.
    c.res.headers.append('Vary', 'Authorization');
  });
  app.use('/v1/*', jsonBodyGate());
  app.use(
    '/v1/*',
    authenticate({
      adminKey: deps.adminKey,
      authenticateKey: async (key, c) => (await services.repo(c)).apiKeys.authenticate(key),
    }),
  );
  app.use('/v1/*', rateLimit(limiter, clientIp));

  app.route('/v1', catalogRoutes(services));
  app.route('/v1', estimateRoutes(services));
  app.route('/v1', planRoutes(services));
  app.route('/v1', compareRoutes(services));
  app.route('/v1', searchRoutes(services));
  app.route('/v1', teamRoutes(services));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'Team API key fc_<prefix>_<secret>, or the admin key for /v1/teams',
  });
  // Generated once per app: the route contracts, with PlanDocument replaced by the engine's plan schema.
  let spec: string | undefined;
  app.get('/openapi.json', (c) => {
    spec ??= JSON.stringify(openApiDocument(app, services));
    return c.body(spec, 200, { 'Content-Type': 'application/json' });
  });
  app.get('/docs', (c) => c.html(docsPage('/openapi.json')));
  app.get('/', (c) => c.json({ name: 'flopcast API', docs: '/docs', openapi: '/openapi.json', engineVersion: services.engine.version }));
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.notFound((c) => errorResponse(new ApiError('not_found', `no route for ${c.req.method} ${c.req.path}`), c, services.logger));
  app.onError((err, c) => errorResponse(err, c, services.logger));
  return app;
}

export type FlopcastApp = ReturnType<typeof createApp>;
