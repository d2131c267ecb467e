import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, ApiUnreachableError, readProblem, unwrapList } from './api-client';
import { presetRun } from './presets';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (c: Call) => Response) {
  const calls: Call[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    const c = { url: String(url), init: init ?? {} };
    calls.push(c);
    return respond(c);
  }) as typeof fetch;
  return { f, calls };
}

describe('ApiClient', () => {
  it('sends the bearer key and If-Match on update', async () => {
    const { f, calls } = fakeFetch(() => new Response(JSON.stringify({ id: 'p1', name: 'x', version: 3, plan: {} }), { status: 200 }));
    const api = new ApiClient({ base: 'http://api.test/', key: 'fc_abc_def', fetch: f });
    const saved = await api.updatePlan('p1', 2, 'x', presetRun('deepseek-v3')!.plan);
    expect(saved.version).toBe(3);
    expect(calls[0]!.url).toBe('http://api.test/v1/plans/p1');
    const h = calls[0]!.init.headers as Record<string, string>;
    expect(h.authorization).toBe('Bearer fc_abc_def');
    expect(h['if-match']).toBe('2');
    expect(JSON.parse(String(calls[0]!.init.body)).name).toBe('x');
  });
  it('turns a problem+json 412 into an ApiError with the problem', async () => {
    const problem = { type: 'https://flopcast.dev/problems/version-conflict', title: 'Version conflict', status: 412, detail: 'plan is at version 4' };
    const { f } = fakeFetch(() => new Response(JSON.stringify(problem), { status: 412, headers: { 'content-type': 'application/problem+json' } }));
    const api = new ApiClient({ base: 'http://api.test', fetch: f });
    const err = await api.updatePlan('p1', 2, 'x', presetRun('deepseek-v3')!.plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(412);
    expect((err as ApiError).message).toBe('plan is at version 4');
  });
  it('reports an unreachable API distinctly', async () => {
    const f = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const err = await new ApiClient({ base: 'http://127.0.0.1:1', fetch: f }).listPlans().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiUnreachableError);
    expect((err as Error).message).toMatch(/did not answer/);
  });
  it('sends no authorization header without a key', async () => {
    const { f, calls } = fakeFetch(() => new Response('[]', { status: 200 }));
    await new ApiClient({ base: 'http://api.test', fetch: f }).listProfiles('gpus');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
  });
});

describe('helpers', () => {
  it('unwraps list shapes', () => {
    expect(unwrapList([1, 2])).toEqual([1, 2]);
    expect(unwrapList({ items: [1] })).toEqual([1]);
    expect(unwrapList({ gpus: [3] }, 'gpus')).toEqual([3]);
    expect(unwrapList({ nothing: true })).toEqual([]);
  });
  it('reads non-JSON error bodies as a problem', async () => {
    const p = await readProblem(new Response('boom', { status: 502, statusText: 'Bad Gateway' }));
    expect(p).toMatchObject({ status: 502, title: 'Bad Gateway', detail: 'boom' });
  });
});

describe('API shapes', () => {
  it('flattens stored profiles to the profile plus builtin', async () => {
    const { flattenProfile } = await import('./api-client');
    const p = flattenProfile<'gpus'>({ id: 'x', builtin: false, teamId: 't', source: 'team', profile: { id: 'x', name: 'X GPU' } });
    expect(p).toMatchObject({ id: 'x', name: 'X GPU', builtin: false, origin: 'team' });
  });
  it('maps request pointers to plan paths', async () => {
    const { planFieldErrors } = await import('./api-client');
    expect(planFieldErrors([{ path: '/plan/parallelism/tensor', code: 'x', message: 'm' }, { path: '/plan', code: 'y', message: 'n' }, { path: '/name', code: 'z', message: 'o' }]).map((e) => e.path))
      .toEqual(['parallelism.tensor', '', 'name']);
  });
});
