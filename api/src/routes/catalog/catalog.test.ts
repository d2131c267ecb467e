import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { problem, testApi, type TestApi } from '../../test/harness.js';
import { GpuProfileSchema, LinkProfileSchema, ModelPresetSchema } from './profile-schemas.js';

let api: TestApi;
let a: { teamId: string; key: string };
let b: { teamId: string; key: string };

beforeAll(async () => {
  api = await testApi();
  a = await api.team('catalog-a');
  b = await api.team('catalog-b');
});
afterAll(async () => {
  await api.db.close();
});

function customGpu(id = 'acme-x1') {
  const base = structuredClone(BUILTIN_CATALOG.gpus['h100-sxm']!);
  return { ...base, id, name: 'ACME X1', memoryGiB: 96, sources: { memoryGiB: 'ACME datasheet rev 2 (internal)' } };
}

type Listed = { items: Array<{ id: string; builtin: boolean; teamId: string | null; profile: { id: string } }> };

describe('the profile schemas are the built-ins’ schema', () => {
  it('every built-in GPU, link and model preset passes the schema custom profiles are held to', () => {
    for (const g of Object.values(BUILTIN_CATALOG.gpus)) expect(GpuProfileSchema.safeParse(g).error?.issues ?? []).toEqual([]);
    for (const l of Object.values(BUILTIN_CATALOG.links)) expect(LinkProfileSchema.safeParse(l).error?.issues ?? []).toEqual([]);
    for (const m of Object.values(BUILTIN_CATALOG.models)) expect(ModelPresetSchema.safeParse(m).error?.issues ?? []).toEqual([]);
  });
});

describe('GET /v1/gpus, /v1/links, /v1/models', () => {
  it('anonymous callers see the built-ins with their sources', async () => {
    for (const kind of ['gpus', 'links', 'models'] as const) {
      const res = await api.call('GET', `/v1/${kind}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Listed;
      expect(body.items.map((x) => x.id).sort()).toEqual(Object.keys(BUILTIN_CATALOG[kind]).sort());
      expect(body.items.every((x) => x.builtin && x.teamId === null)).toBe(true);
    }
    const one = await api.call('GET', '/v1/gpus/h800-sxm');
    expect(((await one.json()) as { profile: { memoryGiB: number } }).profile.memoryGiB).toBe(BUILTIN_CATALOG.gpus['h800-sxm']!.memoryGiB);
  });

  it('a team adds, reads, replaces and deletes its own GPU; other teams never see it', async () => {
    const created = await api.call('POST', '/v1/gpus', { key: a.key, body: customGpu() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/gpus/acme-x1');
    const mine = (await (await api.call('GET', '/v1/gpus', { key: a.key })).json()) as Listed;
    expect(mine.items.find((x) => x.id === 'acme-x1')).toMatchObject({ builtin: false, teamId: a.teamId });
    const theirs = (await (await api.call('GET', '/v1/gpus', { key: b.key })).json()) as Listed;
    expect(theirs.items.some((x) => x.id === 'acme-x1')).toBe(false);
    expect((await problem(await api.call('GET', '/v1/gpus/acme-x1', { key: b.key }))).status).toBe(404);
    expect((await problem(await api.call('DELETE', '/v1/gpus/acme-x1', { key: b.key }))).status).toBe(404);
    expect((await problem(await api.call('PUT', '/v1/gpus/acme-x1', { key: b.key, body: customGpu() }))).status).toBe(404);

    const put = await api.call('PUT', '/v1/gpus/acme-x1', { key: a.key, body: { ...customGpu(), memoryGiB: 128 } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { profile: { memoryGiB: number } }).profile.memoryGiB).toBe(128);
    expect((await api.call('DELETE', '/v1/gpus/acme-x1', { key: a.key })).status).toBe(204);
    expect((await problem(await api.call('GET', '/v1/gpus/acme-x1', { key: a.key }))).status).toBe(404);
  });

  it('a team’s custom GPU is usable in its plans (and unknown to other teams)', async () => {
    await api.call('POST', '/v1/gpus', { key: a.key, body: customGpu('acme-x2') });
    const plan = {
      version: 1, name: 'custom', model: 'llama3-8b',
      training: { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 1 },
      cluster: { gpu: 'acme-x2', gpus: 64 },
      parallelism: { tensor: 1, pipeline: 1, context: 1, zero: 1, schedule: '1f1b', recompute: 'selective' },
      precision: 'bf16',
    };
    expect((await api.call('POST', '/v1/plans', { key: a.key, body: { name: 'custom', plan } })).status).toBe(201);
    const other = await problem(await api.call('POST', '/v1/plans', { key: b.key, body: { name: 'custom', plan } }));
    expect(other).toMatchObject({ status: 422, code: 'invalid_plan' });
    expect(other.errors?.[0]).toMatchObject({ path: '/plan/cluster/gpu' });
  });

  it('a custom GPU without a host link cannot plan CPU offloading (422 naming the field); with one it can', async () => {
    const { hostLink: _h, ...noLink } = customGpu('acme-x3');
    expect((await api.call('POST', '/v1/gpus', { key: a.key, body: noLink })).status).toBe(201);
    expect((await api.call('POST', '/v1/gpus', { key: a.key, body: { ...customGpu('acme-x4'), hostLink: { bandwidthGBs: 126, efficiency: 0.85 } } })).status).toBe(201);
    const plan = (gpu: string) => ({
      version: 1, model: 'llama3-8b',
      training: { tokens: 1e10, sequenceLength: 8192, globalBatchSize: 64, microBatchSize: 1 },
      cluster: { gpu, gpus: 8 },
      parallelism: { tensor: 1, pipeline: 1, zero: 3, schedule: '1f1b', recompute: 'none', cpuOffloadLayers: 8 },
      precision: 'bf16',
    });
    const refused = await problem(await api.call('POST', '/v1/estimate', { key: a.key, body: { plan: plan('acme-x3') } }));
    expect(refused).toMatchObject({ status: 422, code: 'invalid_plan' });
    expect(refused.errors?.find((e) => e.field === 'parallelism.cpuOffloadLayers')?.message).toMatch(/has no hostLink/);
    const ok = await api.call('POST', '/v1/estimate', { key: a.key, body: { plan: plan('acme-x4') } });
    expect(ok.status).toBe(200);
    const report = (await ok.json()) as { communication: Array<{ kind: string; seconds: number }> };
    expect(report.communication.find((c) => c.kind === 'offload')?.seconds).toBeGreaterThan(0);
  });

  it('built-ins are immutable (409) and their ids cannot be reused (409)', async () => {
    const h100 = BUILTIN_CATALOG.gpus['h100-sxm']!;
    expect((await problem(await api.call('PUT', '/v1/gpus/h100-sxm', { key: a.key, body: h100 }))).code).toBe('immutable');
    expect((await problem(await api.call('DELETE', '/v1/gpus/h100-sxm', { key: a.key }))).code).toBe('immutable');
    expect((await problem(await api.call('POST', '/v1/gpus', { key: a.key, body: h100 }))).code).toBe('conflict');
  });

  it('custom profiles are validated: ranges, types, unknown fields, default links, path/body id mismatch', async () => {
    const absurd = await problem(await api.call('POST', '/v1/gpus', { key: a.key, body: { ...customGpu('big'), memoryGiB: 1e300 } }));
    expect(absurd).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(absurd.errors?.[0]).toMatchObject({ path: '/memoryGiB', code: 'too_big' });
    const negative = await problem(await api.call('POST', '/v1/links', { key: a.key, body: { ...BUILTIN_CATALOG.links['ib-ndr']!, id: 'neg', bandwidthGBs: -1 } }));
    expect(negative.errors?.[0]?.path).toBe('/bandwidthGBs');
    const extra = await problem(await api.call('POST', '/v1/gpus', { key: a.key, body: { ...customGpu('extra'), turbo: true } }));
    expect(extra.errors?.[0]?.code).toBe('unrecognized_keys');
    const badId = await problem(await api.call('POST', '/v1/gpus', { key: a.key, body: customGpu("x'; DROP TABLE gpu_profiles;--") }));
    expect(badId.errors?.[0]?.path).toBe('/id');
    const badLink = await problem(await api.call('POST', '/v1/gpus', { key: a.key, body: { ...customGpu('badlink'), defaults: { gpusPerNode: 8, intraNode: 'ib-ndr', interNode: 'nope' } } }));
    expect(badLink.errors?.map((e) => e.path)).toEqual(['/defaults/intraNode', '/defaults/interNode']);
    const noBf16 = customGpu('nobf16');
    const noBf16Body = { ...noBf16, efficiency: { ...noBf16.efficiency, gemmPeakFraction: { fp8: 0.7 } } };
    const missingEfficiency = await problem(await api.call('POST', '/v1/gpus', { key: a.key, body: noBf16Body }));
    expect(missingEfficiency.status).toBe(400);
    expect(missingEfficiency.errors?.[0]?.path).toBe('/efficiency/gemmPeakFraction/bf16');
    await api.call('POST', '/v1/gpus', { key: a.key, body: customGpu('acme-x3') });
    const mismatch = await problem(await api.call('PUT', '/v1/gpus/acme-x3', { key: a.key, body: customGpu('acme-x4') }));
    expect(mismatch.errors?.[0]).toMatchObject({ path: '/id', code: 'invalid_value' });
    const model = structuredClone(BUILTIN_CATALOG.models['llama3-8b']!);
    const badModel = await problem(await api.call('POST', '/v1/models', { key: a.key, body: { ...model, id: 'tiny', arch: { ...model.arch, layers: 0 } } }));
    expect(badModel.errors?.[0]?.path).toBe('/arch/layers');
  });

  it('writes need a key with the write scope', async () => {
    expect((await problem(await api.call('POST', '/v1/gpus', { body: customGpu('anon') }))).status).toBe(401);
  });

  it('never logs a bug', () => {
    expect(api.bugs()).toEqual([]);
  });
});
