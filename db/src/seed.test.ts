import { count, eq, isNull } from 'drizzle-orm';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG, type Catalog } from '@flopcast/engine';
import { MIGRATIONS_FOLDER, migrateDb, type DbHandle } from './client.js';
import { builtinPins, gpuProfiles, linkProfiles, modelPresets } from './schema/index.js';
import { seedBuiltins } from './seed.js';
import { backends, declarePostgresGate } from './testing/backends.js';

declarePostgresGate({ describe, it });

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

describe.each(backends)('migrations and seed on $name', (backend) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await backend.fresh({ empty: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('applies every committed migration to an empty database, and a second run changes nothing', async () => {
    const sqlFiles = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql'));
    expect(journal.entries.map((e) => `${e.tag}.sql`).sort()).toEqual(sqlFiles.sort());
    // Empty database: no flopcast tables yet.
    await expect(h.db.select({ n: count() }).from(gpuProfiles)).rejects.toThrow();
    await migrateDb(h);
    await migrateDb(h);
    for (const table of [gpuProfiles, linkProfiles, modelPresets, builtinPins]) {
      expect(await h.db.select({ n: count() }).from(table)).toEqual([{ n: 0 }]);
    }
    const teams = await h.repo.teams.create({ name: 'after migrate' });
    expect((await h.repo.teams.get(teams.id)).name).toBe('after migrate');
  });

  it('seeds every built-in from the engine catalog, pinned, and a second seed changes nothing', async () => {
    const sizes = {
      gpus: Object.keys(BUILTIN_CATALOG.gpus).length,
      links: Object.keys(BUILTIN_CATALOG.links).length,
      models: Object.keys(BUILTIN_CATALOG.models).length,
    };
    expect(sizes.gpus).toBeGreaterThan(0);
    const first = await seedBuiltins(h.db);
    expect(first.gpus).toEqual({ inserted: sizes.gpus, updated: 0, deleted: 0, unchanged: 0 });
    expect(first.links).toEqual({ inserted: sizes.links, updated: 0, deleted: 0, unchanged: 0 });
    expect(first.models).toEqual({ inserted: sizes.models, updated: 0, deleted: 0, unchanged: 0 });
    const second = await seedBuiltins(h.db);
    expect(second.gpus).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: sizes.gpus });
    expect(second.links).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: sizes.links });
    expect(second.models).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: sizes.models });
    expect(await h.db.select({ n: count() }).from(builtinPins)).toEqual([
      { n: sizes.gpus + sizes.links + sizes.models },
    ]);
    expect(await h.repo.profiles.catalog(null)).toEqual(BUILTIN_CATALOG);
  });

  it('follows a changed engine catalog: updates, adds and removes built-ins, then restores them', async () => {
    const [firstId, firstGpu] = Object.entries(BUILTIN_CATALOG.gpus)[0]!;
    const [lastId] = Object.entries(BUILTIN_CATALOG.gpus).at(-1)!;
    const changed: Catalog = structuredClone(BUILTIN_CATALOG);
    changed.gpus[firstId] = { ...firstGpu, name: `${firstGpu.name} (renamed)` };
    delete changed.gpus[lastId];
    changed.gpus['future-gpu'] = { ...firstGpu, id: 'future-gpu' };
    const r = await seedBuiltins(h.db, { catalog: changed });
    const n = Object.keys(BUILTIN_CATALOG.gpus).length;
    expect(r.gpus).toEqual({ inserted: 1, updated: 1, deleted: 1, unchanged: n - 2 });
    expect((await h.repo.profiles.gpus.get(null, firstId)).profile.name).toBe(`${firstGpu.name} (renamed)`);
    const restored = await seedBuiltins(h.db);
    expect(restored.gpus).toEqual({ inserted: 1, updated: 1, deleted: 1, unchanged: n - 2 });
    expect(await h.repo.profiles.catalog(null)).toEqual(BUILTIN_CATALOG);
    const builtinRows = await h.db.select({ n: count() }).from(gpuProfiles).where(isNull(gpuProfiles.teamId));
    expect(builtinRows).toEqual([{ n }]);
    const pinsForFirst = await h.db
      .select({ n: count() })
      .from(builtinPins)
      .innerJoin(gpuProfiles, eq(gpuProfiles.rowId, builtinPins.gpuRowId))
      .where(eq(gpuProfiles.id, firstId));
    expect(pinsForFirst).toEqual([{ n: 1 }]);
  });
});
