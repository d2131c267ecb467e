import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, problem, testApi, type TestApi } from '../../test/harness.js';
import { deepseekV3Plan, llama8bPlan } from '../../test/fixtures.js';

let api: TestApi;
let team: { teamId: string; key: string; keyId: string };
let other: { teamId: string; key: string; keyId: string };

beforeAll(async () => {
  api = await testApi();
  team = await api.team('plans-a');
  other = await api.team('plans-b');
});
afterAll(async () => {
  await api.db.close();
});

type PlanBody = { id: string; name: string; version: number; plan: Record<string, unknown>; createdAt: string; updatedAt: string };

async function create(name = 'p', plan = llama8bPlan(), key = team.key): Promise<PlanBody> {
  const res = await api.call('POST', '/v1/plans', { key, body: { name, plan } });
  expect(res.status).toBe(201);
  return (await res.json()) as PlanBody;
}

describe('plans: happy path', () => {
  it('POST /v1/plans → 201 with id, version 1, Location and ETag', async () => {
    const res = await api.call('POST', '/v1/plans', { key: team.key, body: { name: 'DeepSeek-V3 paper', plan: deepseekV3Plan() } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as PlanBody;
    expect(body).toMatchObject({ name: 'DeepSeek-V3 paper', version: 1 });
    expect(body.plan).toEqual(deepseekV3Plan());
    expect(res.headers.get('location')).toBe(`/v1/plans/${body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
  });

  it('GET list (newest first, paginated) and GET one with ETag / If-None-Match → 304', async () => {
    const a = await create('first');
    const b = await create('second');
    const list = await api.call('GET', '/v1/plans?limit=1', { key: team.key });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: PlanBody[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.id).toBe(b.id);
    expect(page.nextCursor).not.toBeNull();
    const next = (await (await api.call('GET', `/v1/plans?limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`, { key: team.key })).json()) as { items: PlanBody[] };
    expect(next.items[0]!.id).toBe(a.id);

    const one = await api.call('GET', `/v1/plans/${a.id}`, { key: team.key });
    expect(one.status).toBe(200);
    const etag = one.headers.get('etag');
    expect(etag).toBe('"1"');
    const again = await api.call('GET', `/v1/plans/${a.id}`, { key: team.key, headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-request-id')).toBeTruthy();
  });

  it('PUT with If-Match → new version; stale If-Match → 412; missing → 428; revisions keep every version', async () => {
    const p = await create('versioned');
    const put = await api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': '1' }, body: { plan: llama8bPlan({ gpus: 128 }) } });
    expect(put.status).toBe(200);
    const v2 = (await put.json()) as PlanBody;
    expect(v2.version).toBe(2);
    expect(v2.name).toBe('versioned');
    expect(put.headers.get('etag')).toBe('"2"');

    const stale = await problem(await api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': '"1"' }, body: { plan: llama8bPlan() } }));
    expect(stale.status).toBe(412);
    expect(stale.code).toBe('precondition_failed');
    expect(stale.detail).toContain('2');

    const missing = await problem(await api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, body: { plan: llama8bPlan() } }));
    expect(missing.status).toBe(428);

    const bad = await problem(await api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': 'abc' }, body: { plan: llama8bPlan() } }));
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });

    const renamed = await api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': 'W/"2"' }, body: { name: 'renamed', plan: llama8bPlan() } });
    expect(((await renamed.json()) as PlanBody).version).toBe(3);

    const revs = (await (await api.call('GET', `/v1/plans/${p.id}/revisions`, { key: team.key })).json()) as { items: Array<{ version: number; name: string; plan: { cluster: { gpus: number } } }> };
    expect(revs.items.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(revs.items.map((r) => r.name)).toEqual(['versioned', 'versioned', 'renamed']);
    expect(revs.items[1]!.plan.cluster.gpus).toBe(128);
    const rev2 = await api.call('GET', `/v1/plans/${p.id}/revisions/2`, { key: team.key });
    expect(((await rev2.json()) as { version: number }).version).toBe(2);
    expect((await problem(await api.call('GET', `/v1/plans/${p.id}/revisions/9`, { key: team.key }))).code).toBe('not_found');
  });

  it('concurrent PUTs with the same If-Match: exactly one wins, the other gets 412', async () => {
    const p = await create('race');
    const [r1, r2] = await Promise.all([
      api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': '1' }, body: { plan: llama8bPlan({ gpus: 32 }) } }),
      api.call('PUT', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': '1' }, body: { plan: llama8bPlan({ gpus: 128 }) } }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 412]);
    const revs = (await (await api.call('GET', `/v1/plans/${p.id}/revisions`, { key: team.key })).json()) as { items: unknown[] };
    expect(revs.items).toHaveLength(2);
  });

  it('DELETE is soft: the plan disappears (404) and from the list; stale If-Match on delete → 412', async () => {
    const p = await create('doomed');
    expect((await problem(await api.call('DELETE', `/v1/plans/${p.id}`, { key: team.key, headers: { 'if-match': '7' } }))).status).toBe(412);
    const del = await api.call('DELETE', `/v1/plans/${p.id}`, { key: team.key });
    expect(del.status).toBe(204);
    expect((await problem(await api.call('GET', `/v1/plans/${p.id}`, { key: team.key }))).code).toBe('not_found');
    const list = (await (await api.call('GET', '/v1/plans?limit=200', { key: team.key })).json()) as { items: PlanBody[] };
    expect(list.items.some((x) => x.id === p.id)).toBe(false);
    // revisions kept in storage (read through the repository: the API hides deleted plans)
    const db = api.db.db as unknown as { execute(q: string): Promise<{ rows: Array<{ n: number }> }> };
    const stored = await db.execute(`select count(*)::int as n from plan_revisions where plan_id = '${p.id}'`);
    expect(stored.rows[0]?.n).toBe(1);
  });
});

describe('plans: errors', () => {
  it('an invalid plan is 422 invalid_plan with JSON pointers and the engine’s dotted field', async () => {
    const res = await api.call('POST', '/v1/plans', { key: team.key, body: { name: 'bad', plan: llama8bPlan({ tensor: 3 }) } });
    const p = await problem(res);
    expect(p.status).toBe(422);
    expect(p.code).toBe('invalid_plan');
    expect(p.errors?.[0]).toMatchObject({ location: 'body', path: '/plan/parallelism/tensor', field: 'parallelism.tensor', code: 'not_divisor' });
    expect(p.detail).toContain('parallelism.tensor');
  });

  it('request shape errors are 400 validation_failed', async () => {
    const noPlan = await problem(await api.call('POST', '/v1/plans', { key: team.key, body: { name: 'x' } }));
    expect(noPlan).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(noPlan.errors?.[0]?.path).toBe('/plan');
    const planNotObject = await problem(await api.call('POST', '/v1/plans', { key: team.key, body: { name: 'x', plan: [1, 2] } }));
    expect(planNotObject.errors?.[0]?.path).toBe('/plan');
    const badLimit = await problem(await api.call('GET', '/v1/plans?limit=100000', { key: team.key }));
    expect(badLimit.errors?.[0]).toMatchObject({ location: 'query', path: '/limit' });
    const badCursor = await problem(await api.call('GET', '/v1/plans?cursor=zzz', { key: team.key }));
    expect(badCursor).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('security: no key 401, read-only key cannot write 403, other team’s id 404, malformed and SQL-ish ids 404', async () => {
    expect((await problem(await api.call('GET', '/v1/plans'))).status).toBe(401);
    const mine = await create('mine');
    const readOnly = await api.call('POST', `/v1/teams/${team.teamId}/keys`, { key: ADMIN_KEY, body: { name: 'ro', scopes: ['read'] } });
    const roKey = ((await readOnly.json()) as { key: string }).key;
    expect((await api.call('GET', `/v1/plans/${mine.id}`, { key: roKey })).status).toBe(200);
    expect((await problem(await api.call('POST', '/v1/plans', { key: roKey, body: { name: 'x', plan: llama8bPlan() } }))).code).toBe('forbidden');
    expect((await problem(await api.call('DELETE', `/v1/plans/${mine.id}`, { key: roKey }))).code).toBe('forbidden');

    for (const [method, path] of [
      ['GET', `/v1/plans/${mine.id}`],
      ['GET', `/v1/plans/${mine.id}/revisions`],
      ['DELETE', `/v1/plans/${mine.id}`],
    ] as const) {
      expect((await problem(await api.call(method, path, { key: other.key }))).status).toBe(404);
    }
    const put = await api.call('PUT', `/v1/plans/${mine.id}`, { key: other.key, headers: { 'if-match': '1' }, body: { plan: llama8bPlan() } });
    expect((await problem(put)).status).toBe(404);
    expect((await api.call('GET', `/v1/plans/${mine.id}`, { key: team.key })).status).toBe(200);

    for (const id of ["1' OR '1'='1", '../../etc/passwd', '00000000-0000-0000-0000-000000000000']) {
      expect((await problem(await api.call('GET', `/v1/plans/${encodeURIComponent(id)}`, { key: team.key }))).status).toBe(404);
    }
  });

  it('SQL-ish names and plan names are stored verbatim', async () => {
    const name = "x'; DELETE FROM plans; --";
    const p = await create(name, { ...llama8bPlan(), name: "'; DROP TABLE plans; --" });
    const got = (await (await api.call('GET', `/v1/plans/${p.id}`, { key: team.key })).json()) as PlanBody;
    expect(got.name).toBe(name);
    expect(got.plan.name).toBe("'; DROP TABLE plans; --");
  });

  it('list-valued plan fields (recompute modules) and scope strings (CUDA graphs) come back exactly and estimate by id', async () => {
    const base = deepseekV3Plan();
    const plan = {
      ...base,
      parallelism: { ...(base['parallelism'] as object), recomputeModules: ['layernorm', 'mla_up_proj'] },
      assumptions: { cudaGraphs: 'attn,moe_router,moe_preprocess' },
    };
    const p = await create('V3 in module words', plan);
    const got = (await (await api.call('GET', `/v1/plans/${p.id}`, { key: team.key })).json()) as PlanBody;
    expect(got.plan).toEqual(plan);
    const est = await api.call('POST', '/v1/estimate', { key: team.key, body: { planId: p.id } });
    expect(est.status).toBe(200);
    const report = (await est.json()) as { details: { recompute: { modules: string[] }; assumptions: { cudaGraphs: string } } };
    expect(report.details.recompute.modules).toEqual(['layernorm', 'mla_up_proj']);
    expect(report.details.assumptions.cudaGraphs).toBe('attn,moe_router,moe_preprocess');
  });

  it('never logs a bug', () => {
    expect(api.bugs()).toEqual([]);
  });
});
