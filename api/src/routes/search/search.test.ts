import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { createMemoryLogger } from '../../lib/logger.js';
import { generousLimiter, problem, testApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.db.close();
});

/** A small search: Llama 3 8B on up to 64 H100s. */
function smallSpec(extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    model: 'llama3-8b',
    training: { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 512 },
    candidates: [{ gpu: 'h100-sxm', maxGpus: 64 }],
    fixed: { precision: 'bf16' },
    ...extra,
  };
}

type Result = {
  frontier: Array<{ plan: Record<string, unknown>; summary: { costUsd: number; wallClockDays: number } }>;
  best: { cheapest: unknown };
  stats: { generated: number; evaluated: number; complete: boolean; seconds: number; pruned: Record<string, number> };
};

describe('POST /v1/search', () => {
  it('returns a Pareto frontier (cost ascending, days descending) of plans that estimate', async () => {
    const res = await api.call('POST', '/v1/search', { body: smallSpec() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Result;
    expect(body.frontier.length).toBeGreaterThan(0);
    for (let i = 1; i < body.frontier.length; i++) {
      expect(body.frontier[i]!.summary.costUsd).toBeGreaterThanOrEqual(body.frontier[i - 1]!.summary.costUsd);
      expect(body.frontier[i]!.summary.wallClockDays).toBeLessThanOrEqual(body.frontier[i - 1]!.summary.wallClockDays);
    }
    expect(body.stats.evaluated).toBeGreaterThan(0);
    expect(body.stats.generated).toBeGreaterThanOrEqual(body.stats.evaluated);
    expect(body.stats.seconds).toBeGreaterThanOrEqual(0);
    expect(res.headers.get('x-search-max-evaluations')).toBe('200000');
    // the frontier's plans are complete plan documents the estimate route accepts
    const est = await api.call('POST', '/v1/estimate', { body: { plan: body.frontier[0]!.plan } });
    expect(est.status).toBe(200);
  });

  it('the server bound caps the work: a tiny evaluation budget stops the search early (complete: false)', async () => {
    const capped = createApp({ repo: api.db.repo, logger: createMemoryLogger(), rateLimiter: generousLimiter(), searchLimits: { maxEvaluations: 3 } });
    const res = await capped.request('/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(smallSpec({ limits: { maxEvaluations: 1_000_000 } })) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Result;
    expect(body.stats.evaluated).toBeLessThanOrEqual(3);
    expect(body.stats.complete).toBe(false);
  });

  it('an invalid spec → 422 invalid_search with field paths', async () => {
    const p = await problem(await api.call('POST', '/v1/search', { body: smallSpec({ candidates: [{ gpu: 'h100-sxm', maxGpus: -4 }] }) }));
    expect(p).toMatchObject({ status: 422, code: 'invalid_search' });
    expect(p.errors?.[0]?.path).toBe('/candidates/0/maxGpus');
    const unknown = await problem(await api.call('POST', '/v1/search', { body: smallSpec({ candidates: [{ gpu: 'nope', maxGpus: 8 }] }) }));
    expect(unknown.status).toBe(422);
    const notObject = await problem(await api.call('POST', '/v1/search', { body: [1, 2] }));
    expect(notObject.status).toBe(400);
  });

  it('never logs a bug', () => {
    expect(api.bugs()).toEqual([]);
  });
});
