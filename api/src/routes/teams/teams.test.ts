import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, problem, testApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.db.close();
});

describe('teams and keys', () => {
  it('admin creates a team and a key; the key is shown once and authenticates', async () => {
    const t = await api.call('POST', '/v1/teams', { key: ADMIN_KEY, body: { name: 'research' } });
    expect(t.status).toBe(201);
    const team = (await t.json()) as { id: string; name: string };
    expect(team.name).toBe('research');
    expect(t.headers.get('location')).toBe(`/v1/teams/${team.id}`);

    const k = await api.call('POST', `/v1/teams/${team.id}/keys`, { key: ADMIN_KEY, body: { name: 'ci', scopes: ['read'] } });
    expect(k.status).toBe(201);
    const created = (await k.json()) as { key: string; prefix: string; scopes: string[] };
    expect(created.key).toMatch(/^fc_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/);
    expect(created.key.startsWith(`fc_${created.prefix}_`) || created.key.startsWith(created.prefix)).toBe(true);
    expect(created.scopes).toEqual(['read']);

    const me = await api.call('GET', '/v1/me', { key: created.key });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'team', teamId: team.id, scopes: ['read'] });

    const list = await api.call('GET', `/v1/teams/${team.id}/keys`, { key: created.key });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(created.key);
    expect(JSON.parse(text).items).toHaveLength(1);
  });

  it('team keys cannot create teams or keys (403), anonymous callers get 401', async () => {
    const { key, teamId } = await api.team('a');
    expect((await problem(await api.call('POST', '/v1/teams', { key, body: { name: 'x' } }))).code).toBe('forbidden');
    expect((await problem(await api.call('POST', `/v1/teams/${teamId}/keys`, { key, body: { name: 'x' } }))).code).toBe('forbidden');
    const anon = await api.call('POST', '/v1/teams', { body: { name: 'x' } });
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('another team’s id answers 404, not 403', async () => {
    const a = await api.team('a');
    const b = await api.team('b');
    expect((await problem(await api.call('GET', `/v1/teams/${b.teamId}/keys`, { key: a.key }))).code).toBe('not_found');
    expect((await problem(await api.call('GET', `/v1/teams/${b.teamId}`, { key: a.key }))).code).toBe('not_found');
    expect((await problem(await api.call('DELETE', `/v1/teams/${b.teamId}/keys/${b.keyId}`, { key: a.key }))).code).toBe('not_found');
    // and the key was not revoked
    expect((await api.call('GET', '/v1/me', { key: b.key })).status).toBe(200);
  });

  it('a revoked key no longer authenticates (401), and revoking is idempotent', async () => {
    const { teamId, key, keyId } = await api.team('c');
    const r = await api.call('DELETE', `/v1/teams/${teamId}/keys/${keyId}`, { key: ADMIN_KEY });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await problem(await api.call('GET', '/v1/me', { key }))).code).toBe('unauthorized');
    expect((await api.call('POST', `/v1/teams/${teamId}/keys/${keyId}/revoke`, { key: ADMIN_KEY })).status).toBe(200);
  });

  it('validation: empty or over-long names, unknown fields and bad scopes are 400 with field paths', async () => {
    const empty = await problem(await api.call('POST', '/v1/teams', { key: ADMIN_KEY, body: { name: '   ' } }));
    expect(empty.code).toBe('validation_failed');
    expect(empty.errors?.[0]?.path).toBe('/name');
    const long = await problem(await api.call('POST', '/v1/teams', { key: ADMIN_KEY, body: { name: 'x'.repeat(201) } }));
    expect(long.errors?.[0]).toMatchObject({ path: '/name', code: 'too_big' });
    const extra = await problem(await api.call('POST', '/v1/teams', { key: ADMIN_KEY, body: { name: 'ok', admin: true } }));
    expect(extra.errors?.[0]?.code).toBe('unrecognized_keys');
    const missing = await problem(await api.call('POST', '/v1/teams', { key: ADMIN_KEY, body: {} }));
    expect(missing.errors?.[0]).toMatchObject({ path: '/name', code: 'required' });
    const { teamId } = await api.team('d');
    const scopes = await problem(await api.call('POST', `/v1/teams/${teamId}/keys`, { key: ADMIN_KEY, body: { name: 'k', scopes: ['admin'] } }));
    expect(scopes.errors?.[0]?.path).toBe('/scopes/0');
  });

  it('unknown team ids and SQL-ish ids are 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', "1' OR '1'='1", 'x;DROP TABLE teams']) {
      const res = await api.call('POST', `/v1/teams/${encodeURIComponent(id)}/keys`, { key: ADMIN_KEY, body: { name: 'k' } });
      expect((await problem(res)).code).toBe('not_found');
    }
  });

  it('SQL-ish team names are stored verbatim', async () => {
    const name = "Robert'); DROP TABLE teams;--";
    const t = await api.call('POST', '/v1/teams', { key: ADMIN_KEY, body: { name } });
    expect(t.status).toBe(201);
    const { id } = (await t.json()) as { id: string };
    const g = await api.call('GET', `/v1/teams/${id}`, { key: ADMIN_KEY });
    expect(((await g.json()) as { name: string }).name).toBe(name);
  });

  it('a wrong admin key is 401 and the admin key cannot use team routes (403)', async () => {
    expect((await problem(await api.call('POST', '/v1/teams', { key: ADMIN_KEY + 'x', body: { name: 'x' } }))).code).toBe('unauthorized');
    expect((await problem(await api.call('GET', '/v1/plans', { key: ADMIN_KEY }))).code).toBe('forbidden');
  });

  it('never logs a bug', () => {
    expect(api.bugs()).toEqual([]);
  });
});
