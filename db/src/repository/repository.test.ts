import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG, type Report } from '@flopcast/engine';
import type { DbHandle } from '../client.js';
import { apiKeys, estimates, gpuProfiles, planRevisions } from '../schema/index.js';
import { backends, declarePostgresGate, steppingClock } from '../testing/backends.js';
import { customGpu, customLink, customModel, planDoc } from '../testing/fixtures.js';
import { hashApiKey, LAST_USED_RESOLUTION_MS } from './api-keys.js';
import { createRepository } from './index.js';
import { ConflictError, ImmutableError, NotFoundError, ValidationError } from './errors.js';
import type { Database } from './db.js';
import type { Repository } from './types.js';

declarePostgresGate({ describe, it });

const firstBuiltinGpuId = () => Object.keys(BUILTIN_CATALOG.gpus)[0]!;

describe.each(backends)('repository on $name', (backend) => {
  let h: DbHandle;
  let repo: Repository;
  beforeAll(async () => {
    h = await backend.fresh({ now: steppingClock() });
    repo = h.repo;
  });
  afterAll(async () => {
    await h?.close();
  });

  const newTeam = (name = 'team') => repo.teams.create({ name });

  describe('teams', () => {
    it('creates a team with a trimmed name and reads it back', async () => {
      const t = await repo.teams.create({ name: '  Research  ' });
      expect(t.name).toBe('Research');
      expect(await repo.teams.get(t.id)).toEqual(t);
    });

    it('answers NotFoundError for unknown and malformed ids', async () => {
      await expect(repo.teams.get(crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.teams.get("1' OR '1'='1")).rejects.toBeInstanceOf(NotFoundError);
    });

    it('rejects a blank name with a ValidationError naming the field', async () => {
      const err = await repo.teams.create({ name: '   ' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).errors[0]?.path).toBe('name');
    });
  });

  describe('api keys', () => {
    it('returns the plaintext key once and stores only its prefix and SHA-256 hash', async () => {
      const team = await newTeam();
      const { key, apiKey } = await repo.apiKeys.create(team.id, { name: 'ci', scopes: ['read'] });
      expect(key).toMatch(/^fc_[0-9a-f]{12}_[0-9a-f]{64}$/);
      expect(key.startsWith(`fc_${apiKey.prefix}_`)).toBe(true);
      const secret = key.split('_')[2]!;
      const [row] = await h.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
      expect(row?.secretHash).toBe(await hashApiKey(key));
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(Object.keys(apiKey)).not.toContain('secretHash');
    });

    it('authenticates a valid key to its team and scopes and records the last use', async () => {
      const team = await newTeam();
      const { key, apiKey } = await repo.apiKeys.create(team.id, { name: 'rw', scopes: ['write', 'read', 'read'] });
      expect(apiKey.scopes).toEqual(['read', 'write']);
      expect(apiKey.lastUsedAt).toBeNull();
      expect(await repo.apiKeys.authenticate(key)).toEqual({ teamId: team.id, keyId: apiKey.id, scopes: ['read', 'write'] });
      const [listed] = await repo.apiKeys.list(team.id);
      expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    });

    it('writes last use at most once per resolution interval', async () => {
      let t = Date.UTC(2026, 5, 1);
      const clocked = createRepository(h.db, { now: () => new Date(t) });
      const team = await clocked.teams.create({ name: 'clocked' });
      const { key, apiKey } = await clocked.apiKeys.create(team.id, { name: 'k', scopes: ['read'] });
      const lastUsed = async () => (await clocked.apiKeys.list(team.id)).find((k) => k.id === apiKey.id)?.lastUsedAt;
      await clocked.apiKeys.authenticate(key);
      expect(await lastUsed()).toEqual(new Date(t));
      const first = t;
      t += LAST_USED_RESOLUTION_MS - 1;
      expect(await clocked.apiKeys.authenticate(key)).not.toBeNull();
      expect(await lastUsed()).toEqual(new Date(first));
      t += 1;
      await clocked.apiKeys.authenticate(key);
      expect(await lastUsed()).toEqual(new Date(t));
    });

    it('does not authenticate a wrong secret, an unknown prefix or a malformed key', async () => {
      const team = await newTeam();
      const { key } = await repo.apiKeys.create(team.id, { name: 'k', scopes: ['read'] });
      const flipped = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
      expect(await repo.apiKeys.authenticate(flipped)).toBeNull();
      expect(await repo.apiKeys.authenticate(`fc_000000000000_${'a'.repeat(64)}`)).toBeNull();
      expect(await repo.apiKeys.authenticate('Bearer nonsense')).toBeNull();
      expect(await repo.apiKeys.authenticate(`${key}'; DROP TABLE api_keys; --`)).toBeNull();
    });

    it('never authenticates a revoked key, and revoking twice is harmless', async () => {
      const team = await newTeam();
      const { key, apiKey } = await repo.apiKeys.create(team.id, { name: 'k', scopes: ['read', 'write'] });
      expect(await repo.apiKeys.authenticate(key)).not.toBeNull();
      const revoked = await repo.apiKeys.revoke(team.id, apiKey.id);
      expect(revoked.revokedAt).toBeInstanceOf(Date);
      expect(await repo.apiKeys.authenticate(key)).toBeNull();
      expect((await repo.apiKeys.revoke(team.id, apiKey.id)).revokedAt).toEqual(revoked.revokedAt);
      expect(await repo.apiKeys.authenticate(key)).toBeNull();
    });

    it("cannot revoke or list another team's keys", async () => {
      const a = await newTeam('a');
      const b = await newTeam('b');
      const { key, apiKey } = await repo.apiKeys.create(a.id, { name: 'a-key', scopes: ['read'] });
      await expect(repo.apiKeys.revoke(b.id, apiKey.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await repo.apiKeys.authenticate(key)).not.toBeNull();
      expect(await repo.apiKeys.list(b.id)).toEqual([]);
      expect((await repo.apiKeys.list(a.id)).map((k) => k.id)).toEqual([apiKey.id]);
    });

    it('rejects unknown scopes and empty scope lists by field', async () => {
      const team = await newTeam();
      const bad = await repo.apiKeys.create(team.id, { name: 'k', scopes: ['admin' as 'read'] }).catch((e: unknown) => e);
      expect((bad as ValidationError).errors[0]?.path).toBe('scopes.0');
      await expect(repo.apiKeys.create(team.id, { name: 'k', scopes: [] })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.apiKeys.create(crypto.randomUUID(), { name: 'k', scopes: ['read'] })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('profiles', () => {
    it('lists exactly the engine built-ins to a caller without a team', async () => {
      const gpus = await repo.profiles.gpus.list(null);
      expect(gpus.map((g) => g.id).sort()).toEqual(Object.keys(BUILTIN_CATALOG.gpus).sort());
      expect(gpus.every((g) => g.isBuiltin && g.teamId === null && g.source.length > 0)).toBe(true);
      const links = await repo.profiles.links.list(null);
      expect(links.map((l) => l.id).sort()).toEqual(Object.keys(BUILTIN_CATALOG.links).sort());
      const models = await repo.profiles.models.list(null);
      expect(models.map((m) => m.id).sort()).toEqual(Object.keys(BUILTIN_CATALOG.models).sort());
      const id = firstBuiltinGpuId();
      expect((await repo.profiles.gpus.get(null, id)).profile).toEqual(BUILTIN_CATALOG.gpus[id]);
    });

    it("keeps a team's custom profiles invisible to other teams", async () => {
      const a = await newTeam('a');
      const b = await newTeam('b');
      const created = await repo.profiles.gpus.create(a.id, customGpu('lab-x1'));
      expect(created).toMatchObject({ id: 'lab-x1', teamId: a.id, isBuiltin: false });
      expect(created.source).toContain('team lab measurement');
      expect((await repo.profiles.gpus.list(a.id)).map((g) => g.id)).toContain('lab-x1');
      expect((await repo.profiles.gpus.list(b.id)).map((g) => g.id)).not.toContain('lab-x1');
      await expect(repo.profiles.gpus.get(b.id, 'lab-x1')).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.profiles.gpus.get(null, 'lab-x1')).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.profiles.gpus.update(b.id, 'lab-x1', customGpu('lab-x1'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.profiles.gpus.delete(b.id, 'lab-x1')).rejects.toBeInstanceOf(NotFoundError);
      expect((await repo.profiles.catalog(a.id)).gpus['lab-x1']?.name).toBe('Lab accelerator lab-x1');
      expect((await repo.profiles.catalog(b.id)).gpus['lab-x1']).toBeUndefined();
      // Two teams may use the same custom id independently.
      await repo.profiles.gpus.create(b.id, customGpu('lab-x1', { memoryGiB: 48 }));
      expect((await repo.profiles.gpus.get(a.id, 'lab-x1')).profile.memoryGiB).toBe(96);
      expect((await repo.profiles.gpus.get(b.id, 'lab-x1')).profile.memoryGiB).toBe(48);
    });

    it('updates and deletes custom profiles of the own team', async () => {
      const a = await newTeam();
      await repo.profiles.links.create(a.id, customLink('lab-fabric'));
      const updated = await repo.profiles.links.update(a.id, 'lab-fabric', customLink('lab-fabric', { bandwidthGBs: 100 }), {
        source: 'measured 2026-02',
      });
      expect(updated.profile.bandwidthGBs).toBe(100);
      expect(updated.source).toBe('measured 2026-02');
      await expect(
        repo.profiles.links.update(a.id, 'lab-fabric', customLink('other-id')),
      ).rejects.toBeInstanceOf(ValidationError);
      await repo.profiles.links.delete(a.id, 'lab-fabric');
      await expect(repo.profiles.links.get(a.id, 'lab-fabric')).rejects.toBeInstanceOf(NotFoundError);
      await repo.profiles.models.create(a.id, customModel('lab-7b'));
      expect((await repo.profiles.catalog(a.id)).models['lab-7b']?.arch.layers).toBe(24);
    });

    it('refuses to create a custom profile with a built-in or duplicate id', async () => {
      const a = await newTeam();
      const builtin = firstBuiltinGpuId();
      await expect(repo.profiles.gpus.create(a.id, customGpu(builtin))).rejects.toBeInstanceOf(ConflictError);
      await repo.profiles.gpus.create(a.id, customGpu('lab-dup'));
      await expect(repo.profiles.gpus.create(a.id, customGpu('lab-dup'))).rejects.toBeInstanceOf(ConflictError);
      const bad = await repo.profiles.gpus.create(a.id, customGpu('Bad Id!')).catch((e: unknown) => e);
      expect((bad as ValidationError).errors[0]?.path).toBe('id');
      const noSource = await repo.profiles.gpus.create(a.id, customGpu('lab-nosrc', { sources: {} })).catch((e: unknown) => e);
      expect((noSource as ValidationError).errors[0]?.path).toBe('source');
    });

    it('never changes or deletes a built-in through the repository', async () => {
      const a = await newTeam();
      const id = firstBuiltinGpuId();
      const before = await repo.profiles.gpus.get(null, id);
      await expect(repo.profiles.gpus.update(a.id, id, customGpu(id))).rejects.toBeInstanceOf(ImmutableError);
      await expect(repo.profiles.gpus.delete(a.id, id)).rejects.toBeInstanceOf(ImmutableError);
      const linkId = Object.keys(BUILTIN_CATALOG.links)[0]!;
      await expect(repo.profiles.links.delete(a.id, linkId)).rejects.toBeInstanceOf(ImmutableError);
      expect(await repo.profiles.gpus.get(null, id)).toEqual(before);
    });

    it('also refuses, in the database itself, to change or delete a pinned built-in row', async () => {
      const id = firstBuiltinGpuId();
      const builtinRow = and(eq(gpuProfiles.id, id), eq(gpuProfiles.isBuiltin, true));
      await expect(h.db.update(gpuProfiles).set({ memoryGib: 1 }).where(builtinRow)).rejects.toThrow();
      await expect(h.db.delete(gpuProfiles).where(builtinRow)).rejects.toThrow();
      expect((await repo.profiles.gpus.get(null, id)).profile).toEqual(BUILTIN_CATALOG.gpus[id]);
    });
  });

  describe('plans', () => {
    it('creates version 1 with its first revision', async () => {
      const team = await newTeam();
      const plan = await repo.plans.create(team.id, { name: 'run A', document: planDoc(1e12) });
      expect(plan).toMatchObject({ teamId: team.id, name: 'run A', version: 1, document: planDoc(1e12) });
      const revs = await repo.plans.listRevisions(team.id, plan.id);
      expect(revs.map((r) => [r.version, r.name, r.document])).toEqual([[1, 'run A', planDoc(1e12)]]);
    });

    it("never shows a plan to another team (not found, not forbidden)", async () => {
      const a = await newTeam('a');
      const b = await newTeam('b');
      const plan = await repo.plans.create(a.id, { name: 'secret', document: planDoc(1) });
      await expect(repo.plans.get(b.id, plan.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.plans.listRevisions(b.id, plan.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        repo.plans.update(b.id, plan.id, { document: planDoc(2), expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.plans.delete(b.id, plan.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await repo.plans.list(b.id)).items).toEqual([]);
      expect((await repo.plans.get(a.id, plan.id)).version).toBe(1);
    });

    it('saves a new version only against the current one, keeping every revision', async () => {
      const team = await newTeam();
      const p = await repo.plans.create(team.id, { name: 'v', document: planDoc(1) });
      const v2 = await repo.plans.update(team.id, p.id, { document: planDoc(2), expectedVersion: 1 });
      expect(v2.version).toBe(2);
      expect(v2.name).toBe('v');
      const v3 = await repo.plans.update(team.id, p.id, { name: 'renamed', document: planDoc(3), expectedVersion: 2 });
      expect(v3).toMatchObject({ version: 3, name: 'renamed', document: planDoc(3) });
      const stale = await repo.plans
        .update(team.id, p.id, { document: planDoc(99), expectedVersion: 2 })
        .catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(ConflictError);
      expect((stale as ConflictError).currentVersion).toBe(3);
      const revs = await repo.plans.listRevisions(team.id, p.id);
      expect(revs.map((r) => [r.version, r.name, r.document])).toEqual([
        [1, 'v', planDoc(1)],
        [2, 'v', planDoc(2)],
        [3, 'renamed', planDoc(3)],
      ]);
      expect((await repo.plans.getRevision(team.id, p.id, 2)).document).toEqual(planDoc(2));
      await expect(repo.plans.getRevision(team.id, p.id, 4)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists live plans most recently updated first, page by page', async () => {
      const team = await newTeam();
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await repo.plans.create(team.id, { name: `p${i}`, document: planDoc(i) }));
      await repo.plans.update(team.id, made[0]!.id, { document: planDoc(10), expectedVersion: 1 });
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<Repository['plans']['list']>> = await repo.plans.list(team.id, { limit: 2, cursor });
        seen.push(...page.items.map((p) => p.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['p0', 'p4', 'p3', 'p2', 'p1']);
      await expect(repo.plans.list(team.id, { cursor: 'garbage' })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.plans.list(team.id, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.plans.list(team.id, { limit: 201 })).rejects.toBeInstanceOf(ValidationError);
    });

    it('soft-deletes a plan: gone from reads, its revisions kept', async () => {
      const team = await newTeam();
      const p = await repo.plans.create(team.id, { name: 'gone', document: planDoc(1) });
      await repo.plans.update(team.id, p.id, { document: planDoc(2), expectedVersion: 1 });
      await expect(repo.plans.delete(team.id, p.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
      await repo.plans.delete(team.id, p.id, { expectedVersion: 2 });
      await expect(repo.plans.get(team.id, p.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.plans.delete(team.id, p.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        repo.plans.update(team.id, p.id, { document: planDoc(3), expectedVersion: 2 }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect((await repo.plans.list(team.id)).items.map((x) => x.id)).not.toContain(p.id);
      const kept = await h.db.select().from(planRevisions).where(eq(planRevisions.planId, p.id));
      expect(kept.map((r) => r.version).sort()).toEqual([1, 2]);
    });

    it('rejects a non-object document and a bad expected version by field', async () => {
      const team = await newTeam();
      const e1 = await repo.plans.create(team.id, { name: 'x', document: 'model: x' }).catch((e: unknown) => e);
      expect((e1 as ValidationError).errors[0]?.path).toBe('document');
      const p = await repo.plans.create(team.id, { name: 'x', document: planDoc(1) });
      const e2 = await repo.plans
        .update(team.id, p.id, { document: planDoc(1), expectedVersion: 1.5 })
        .catch((e: unknown) => e);
      expect((e2 as ValidationError).errors[0]?.path).toBe('expectedVersion');
    });
  });

  describe('concurrent saves', () => {
    it('lets exactly one of several parallel saves of the same version win; no revision is lost', async () => {
      const team = await newTeam();
      const p = await repo.plans.create(team.id, { name: 'race', document: planDoc(0) });
      const writers = [1, 2, 3, 4, 5, 6];
      const results = await Promise.allSettled(
        writers.map((w) => repo.plans.update(team.id, p.id, { document: planDoc(w), expectedVersion: 1 })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(writers.length - 1);
      for (const l of lost) {
        expect(l.reason).toBeInstanceOf(ConflictError);
        expect((l.reason as ConflictError).currentVersion).toBe(2);
      }
      const winner = (won[0] as PromiseFulfilledResult<{ document: unknown }>).value.document;
      const revs = await repo.plans.listRevisions(team.id, p.id);
      expect(revs.map((r) => r.version)).toEqual([1, 2]);
      expect(revs[1]?.document).toEqual(winner);
      expect((await repo.plans.get(team.id, p.id)).document).toEqual(winner);
    });

    it('makes a save that waits on an open competing transaction fail once that one commits', async () => {
      const team = await newTeam();
      const p = await repo.plans.create(team.id, { name: 'locked', document: planDoc(0) });
      let competitor: Promise<unknown> | undefined;
      let competitorSettled = false;
      await h.db.transaction(async (tx) => {
        // Transaction A saves version 2 but has not committed yet.
        const inTx = createRepository(tx as unknown as Database);
        await inTx.plans.update(team.id, p.id, { document: planDoc(1), expectedVersion: 1 });
        // Transaction B (another connection on PostgreSQL) tries the same version and must wait.
        competitor = repo.plans
          .update(team.id, p.id, { document: planDoc(2), expectedVersion: 1 })
          .finally(() => (competitorSettled = true));
        competitor.catch(() => undefined);
        await new Promise((r) => setTimeout(r, 300));
        expect(competitorSettled).toBe(false);
      });
      await expect(competitor).rejects.toBeInstanceOf(ConflictError);
      const revs = await repo.plans.listRevisions(team.id, p.id);
      expect(revs.map((r) => [r.version, r.document])).toEqual([
        [1, planDoc(0)],
        [2, planDoc(1)],
      ]);
    });

    it('keeps a gap-free revision history when writers retry after conflicts', async () => {
      const team = await newTeam();
      const p = await repo.plans.create(team.id, { name: 'retry', document: planDoc(0) });
      const saves = async (writer: number) => {
        for (let i = 1; i <= 3; i++) {
          for (;;) {
            const current = await repo.plans.get(team.id, p.id);
            try {
              await repo.plans.update(team.id, p.id, { document: planDoc(writer * 100 + i), expectedVersion: current.version });
              break;
            } catch (e) {
              if (!(e instanceof ConflictError)) throw e;
            }
          }
        }
      };
      await Promise.all([1, 2, 3, 4].map(saves));
      const revs = await repo.plans.listRevisions(team.id, p.id);
      expect(revs.map((r) => r.version)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
      const tokens = revs.slice(1).map((r) => (r.document as { training: { tokens: number } }).training.tokens);
      expect(tokens.sort((x, y) => x - y)).toEqual([101, 102, 103, 201, 202, 203, 301, 302, 303, 401, 402, 403]);
      expect((await repo.plans.get(team.id, p.id)).version).toBe(13);
    });
  });

  describe('estimates cache', () => {
    const report = (gpuHours: number) => ({ totals: { gpuHours } }) as unknown as Report;

    it('stores and returns a report per plan revision and engine version, for the owning team only', async () => {
      const a = await newTeam('a');
      const b = await newTeam('b');
      const p = await repo.plans.create(a.id, { name: 'e', document: planDoc(1) });
      expect(await repo.estimates.get(a.id, p.id, 1, '1.0.0')).toBeNull();
      await repo.estimates.put(a.id, p.id, 1, '1.0.0', report(10));
      expect((await repo.estimates.get(a.id, p.id, 1, '1.0.0'))?.report).toEqual(report(10));
      expect(await repo.estimates.get(a.id, p.id, 1, '1.1.0')).toBeNull();
      expect(await repo.estimates.get(b.id, p.id, 1, '1.0.0')).toBeNull();
      await repo.estimates.put(a.id, p.id, 1, '1.0.0', report(11));
      expect((await repo.estimates.get(a.id, p.id, 1, '1.0.0'))?.report).toEqual(report(11));
      await expect(repo.estimates.put(b.id, p.id, 1, '1.0.0', report(1))).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.estimates.put(a.id, p.id, 2, '1.0.0', report(1))).rejects.toBeInstanceOf(NotFoundError);
      expect(await h.db.select({ n: count() }).from(estimates)).toEqual([{ n: 1 }]);
    });
  });
});
