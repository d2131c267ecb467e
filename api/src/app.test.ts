import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createMemoryLogger } from './lib/logger.js';
import { createMemoryRateLimiter } from './middleware/rate-limit.js';
import { ADMIN_KEY, problem, testApi, type TestApi } from './test/harness.js';
import { llama8bPlan } from './test/fixtures.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.db.close();
});

describe('OpenAPI document and reference page', () => {
  it('/openapi.json is OpenAPI 3.1 and lists every route', async () => {
    const res = await api.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const r of [
      'GET /v1/gpus', 'POST /v1/gpus', 'PUT /v1/gpus/{id}', 'DELETE /v1/gpus/{id}', 'GET /v1/links', 'GET /v1/models',
      'POST /v1/estimate', 'POST /v1/plans', 'GET /v1/plans', 'GET /v1/plans/{id}', 'PUT /v1/plans/{id}', 'DELETE /v1/plans/{id}',
      'GET /v1/plans/{id}/revisions', 'POST /v1/compare', 'POST /v1/search', 'POST /v1/teams', 'POST /v1/teams/{id}/keys',
      'GET /v1/teams/{id}/keys', 'DELETE /v1/teams/{id}/keys/{keyId}',
    ]) {
      expect(routes).toContain(r);
    }
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.components.schemas).toHaveProperty('Report');
    expect(doc.components.schemas).toHaveProperty('GpuProfile');
    // The plan contract comes from the engine's schema: typed fields with its ranges, model presets listed.
    const plan = doc.components.schemas.PlanDocument as { properties: Record<string, { properties?: Record<string, { maximum?: number }>; oneOf?: Array<{ enum?: string[] }> }> };
    expect(plan.properties.cluster?.properties?.gpus?.maximum).toBe(1_000_000);
    expect(plan.properties.model?.oneOf?.[0]?.enum).toContain('deepseek-v3');
    // …and says what a plan may state beyond the core format (it used to be replaced by a one-line description)
    const planDescription = (doc.components.schemas.PlanDocument as { description?: string }).description ?? '';
    for (const field of ['selectiveRecompute', 'training.batchRamp', 'parallelism.recomputeModules', 'memory-fit']) expect(planDescription).toContain(field);
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('/docs is a self-contained page: no external scripts, styles or fonts', async () => {
    const res = await api.call('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('/openapi.json');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).not.toMatch(/fetch\(\s*["']https?:/i);
  });
});

describe('request handling', () => {
  it('every response has an X-Request-Id; a valid incoming one is echoed, an invalid one replaced', async () => {
    const a = await api.call('GET', '/v1/gpus');
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const b = await api.call('GET', '/v1/gpus', { headers: { 'x-request-id': 'trace-123' } });
    expect(b.headers.get('x-request-id')).toBe('trace-123');
    const c = await api.call('GET', '/v1/gpus', { headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(c.headers.get('x-request-id')).not.toContain('script');
    const err = await api.call('GET', '/v1/nope', { headers: { 'x-request-id': 'trace-404' } });
    expect((await problem(err)).code).toBe('not_found');
    expect(err.headers.get('x-request-id')).toBe('trace-404');
  });

  it('writes one structured log line per request', async () => {
    await api.call('GET', '/v1/gpus', { headers: { 'x-request-id': 'log-me' } });
    const line = api.logger.events.find((e) => e.requestId === 'log-me');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/v1/gpus', status: 200, caller: 'anonymous' });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('CORS: the dashboard origin is allowed (preflight and actual), others are not', async () => {
    const pre = await api.call('OPTIONS', '/v1/plans', {
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,if-match,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-match');
    const actual = await api.call('GET', '/v1/gpus', { headers: { origin: 'http://127.0.0.1:3000' } });
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(actual.headers.get('access-control-expose-headers')).toContain('ETag');
    const evil = await api.call('GET', '/v1/gpus', { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const errWithCors = await api.call('GET', '/v1/plans', { headers: { origin: 'http://localhost:3000' } });
    expect(errWithCors.status).toBe(401);
    expect(errWithCors.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('ETag on GETs; If-None-Match with it → 304 without a body', async () => {
    const a = await api.call('GET', '/v1/links');
    const etag = a.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const b = await api.call('GET', '/v1/links', { headers: { 'if-none-match': etag! } });
    expect(b.status).toBe(304);
    expect(await b.text()).toBe('');
  });
});

describe('bad requests are 4xx problem+json, never 500', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    for (const body of ['{', '{"plan": }', 'not json', '{"a":1}}', '\u0000']) {
      const p = await problem(await api.call('POST', '/v1/estimate', { body, headers: { 'content-type': 'application/json' } }));
      expect(p).toMatchObject({ status: 400, code: 'malformed_json' });
    }
  });

  it('wrong or missing content type → 415', async () => {
    const text = await problem(await api.call('POST', '/v1/estimate', { body: JSON.stringify({ plan: llama8bPlan() }), headers: { 'content-type': 'text/plain' } }));
    expect(text).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const form = await problem(await api.call('POST', '/v1/plans', { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(form.status).toBe(415);
    const none = await api.app.request('/v1/estimate', { method: 'POST', body: new TextEncoder().encode('{"plan":{}}') });
    expect((await problem(none)).status).toBe(415);
  });

  it('body over 256 KiB → 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ plan: { name: 'x'.repeat(300 * 1024) } });
    const withLength = await problem(await api.call('POST', '/v1/estimate', { body: big, headers: { 'content-length': String(big.length) } }));
    expect(withLength).toMatchObject({ status: 413, code: 'payload_too_large' });
    const chunks = Array.from({ length: 40 }, () => new TextEncoder().encode('x'.repeat(8 * 1024)));
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        const next = chunks.shift();
        if (next) ctrl.enqueue(next);
        else ctrl.close();
      },
    });
    const streamed = await api.app.request('/v1/estimate', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect((await problem(streamed)).status).toBe(413);
  });

  it('deeply nested JSON (40,000 levels, under the size limit) is a 4xx, not a stack overflow', async () => {
    const depth = 40_000;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    for (const body of [`{"plan":{"model":${nested}}}`, `{"plan":${nested}}`, nested, `{"plans":${nested}}`]) {
      const res = await api.call('POST', '/v1/estimate', { body, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const cmp = await api.call('POST', '/v1/compare', { body: `{"plans":[{"plan":{"model":${nested}}},{"plan":{}}]}`, headers: { 'content-type': 'application/json' } });
    expect(cmp.status).toBeLessThan(500);
  });

  it('empty body on a POST → 400 naming the missing field', async () => {
    const p = await problem(await api.call('POST', '/v1/teams', { key: ADMIN_KEY, headers: { 'content-type': 'application/json' }, body: '' }));
    expect(p.status).toBe(400);
  });

  it('authorization: malformed header, malformed key and unknown key are all 401', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer fc_short', 'Bearer fc_abcd1234_' + 'A'.repeat(40), "Bearer ' OR 1=1 --"]) {
      const p = await problem(await api.call('GET', '/v1/plans', { headers: { authorization } }));
      expect(p).toMatchObject({ status: 401, code: 'unauthorized' });
    }
    // a bad key is never silently downgraded to anonymous, even on routes that allow anonymous callers
    expect((await api.call('GET', '/v1/gpus', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('never logs a bug for any of the above', () => {
    expect(api.bugs()).toEqual([]);
  });
});

describe('rate limiting', () => {
  it('anonymous callers are limited per address; keys have their own budget; 429 has Retry-After', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ limits: { anonymous: { perMinute: 60, burst: 2 }, key: { perMinute: 60, burst: 3 } }, now: () => now });
    const app = createApp({ repo: api.db.repo, adminKey: ADMIN_KEY, rateLimiter: limiter, logger: createMemoryLogger(), clientIp: (c) => c.req.header('x-test-ip') ?? '?' });
    const get = (ip: string, key?: string) =>
      app.request('/v1/gpus', { headers: { 'x-test-ip': ip, ...(key ? { authorization: `Bearer ${key}` } : {}) } });
    expect((await get('10.0.0.1')).status).toBe(200);
    const second = await get('10.0.0.1');
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    const third = await get('10.0.0.1');
    const p = await problem(third);
    expect(p).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await get('10.0.0.2')).status).toBe(200);
    const { key } = await api.team('limited');
    expect((await get('10.0.0.1', key)).status).toBe(200);
    now += 1000; // one token per second refills
    expect((await get('10.0.0.1')).status).toBe(200);
  });
});

describe('serializer guard (last line of defence)', () => {
  it('a non-finite number in a response becomes a logged 500, not a silent null', async () => {
    const logger = createMemoryLogger();
    const broken = createApp({
      repo: api.db.repo,
      logger,
      rateLimiter: createMemoryRateLimiter(),
      engine: {
        estimateResolved: (() => ({ totals: { costUsd: Number.NaN }, warnings: [] })) as never,
        planAdvice: () => [],
      },
    });
    const res = await broken.request('/v1/estimate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: llama8bPlan() }) });
    const p = await problem(res);
    expect(p).toMatchObject({ status: 500, code: 'internal_error' });
    const bug = logger.events.find((e) => e.msg === 'bug.non_finite_response');
    expect(bug).toMatchObject({ level: 'error', pointer: '/totals/costUsd', value: 'NaN' });
  });
});
