import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem, testApi, type TestApi } from '../../test/harness.js';
import { deepseekV3Plan, llama8bPlan } from '../../test/fixtures.js';
import { delta } from './compare.handlers.js';

let api: TestApi;
let team: { teamId: string; key: string };
let other: { teamId: string; key: string };
beforeAll(async () => {
  api = await testApi();
  team = await api.team('compare-a');
  other = await api.team('compare-b');
});
afterAll(async () => {
  await api.db.close();
});

type Item = {
  label: string;
  planId?: string;
  verdict: 'fits' | 'does-not-fit';
  summary: Record<string, number>;
  deltas: Record<string, { value: number; absolute: number; percent: number | null }>;
  report: { totals: { gpuHours: number; costUsd: number }; memory: { fits: boolean } };
};

describe('delta arithmetic', () => {
  it('absolute and percent against the baseline; no percent against zero', () => {
    expect(delta(150, 100)).toEqual({ value: 150, absolute: 50, percent: 50 });
    expect(delta(50, 100)).toEqual({ value: 50, absolute: -50, percent: -50 });
    expect(delta(3, 0)).toEqual({ value: 3, absolute: 3, percent: null });
  });
});

describe('POST /v1/compare', () => {
  it('inline plans: each report, deltas vs the first (absolute and %), verdicts', async () => {
    const res = await api.call('POST', '/v1/compare', {
      body: { plans: [{ plan: llama8bPlan({ gpus: 64 }) }, { plan: llama8bPlan({ gpus: 128, name: 'twice' }), label: '128 GPUs' }, { plan: deepseekV3Plan() }] },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { baseline: number; items: Item[] };
    expect(body.baseline).toBe(0);
    expect(body.items).toHaveLength(3);
    const [base, twice] = body.items as [Item, Item, Item];
    expect(base.label).toBe('llama3-8b-64');
    expect(twice.label).toBe('128 GPUs');
    for (const k of ['gpuHours', 'wallClockDays', 'costUsd', 'peakGiB', 'mfu']) {
      expect(base.deltas[k]).toEqual({ value: base.summary[k], absolute: 0, percent: 0 });
      const d = twice.deltas[k]!;
      expect(d.value).toBe(twice.summary[k]);
      expect(d.absolute).toBeCloseTo(twice.summary[k]! - base.summary[k]!, 9);
      expect(d.percent).toBeCloseTo((100 * d.absolute) / base.summary[k]!, 9);
    }
    expect(twice.summary.gpuHours).toBe(twice.report.totals.gpuHours);
    // twice the GPUs for the same work: shorter wall clock
    expect(twice.deltas.wallClockDays!.absolute).toBeLessThan(0);
    for (const it of body.items) expect(it.verdict).toBe(it.report.memory.fits ? 'fits' : 'does-not-fit');
  });

  it('saved plans by id (with a key), mixed with inline ones', async () => {
    const saved = (await (await api.call('POST', '/v1/plans', { key: team.key, body: { name: 'saved one', plan: llama8bPlan() } })).json()) as { id: string };
    const res = await api.call('POST', '/v1/compare', { key: team.key, body: { plans: [{ planId: saved.id }, { plan: llama8bPlan({ gpus: 32 }) }] } });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: Item[] }).items;
    expect(items[0]).toMatchObject({ label: 'saved one', planId: saved.id });
    expect((await problem(await api.call('POST', '/v1/compare', { key: other.key, body: { plans: [{ planId: saved.id }, { plan: llama8bPlan() }] } }))).status).toBe(404);
    expect((await problem(await api.call('POST', '/v1/compare', { body: { plans: [{ planId: saved.id }, { plan: llama8bPlan() }] } }))).status).toBe(401);
  });

  it('2–10 plans: 1 or 11 is 400; an invalid plan i is 422 at /plans/i/plan/…', async () => {
    const one = await problem(await api.call('POST', '/v1/compare', { body: { plans: [{ plan: llama8bPlan() }] } }));
    expect(one.errors?.[0]).toMatchObject({ path: '/plans', code: 'too_small' });
    const eleven = await problem(await api.call('POST', '/v1/compare', { body: { plans: Array.from({ length: 11 }, () => ({ plan: llama8bPlan() })) } }));
    expect(eleven.errors?.[0]).toMatchObject({ path: '/plans', code: 'too_big' });
    const bad = await problem(await api.call('POST', '/v1/compare', { body: { plans: [{ plan: llama8bPlan() }, { plan: llama8bPlan({ tensor: 3 }) }] } }));
    expect(bad.status).toBe(422);
    expect(bad.errors?.map((e) => e.path)).toContain('/plans/1/plan/parallelism/tensor');
    const neither = await problem(await api.call('POST', '/v1/compare', { body: { plans: [{ plan: llama8bPlan() }, { label: 'x' }] } }));
    expect(neither.errors?.[0]?.path).toBe('/plans/1/plan');
  });

  it('never logs a bug', () => {
    expect(api.bugs()).toEqual([]);
  });
});
