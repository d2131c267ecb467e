import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, dbConfigFromEnv } from './client.js';

describe('createDb configuration', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps an embedded database across restarts in its data directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flopcast-pglite-'));
    dirs.push(dir);
    const first = await createDb({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    const team = await first.repo.teams.create({ name: 'persisted' });
    await first.close();
    const second = await createDb({ dataDir: dir });
    try {
      expect((await second.repo.teams.get(team.id)).name).toBe('persisted');
      expect((await second.repo.profiles.gpus.list(null)).length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('reads DATABASE_URL and PG_WS_PROXY, treating an empty URL as "embedded"', () => {
    expect(dbConfigFromEnv({})).toEqual({});
    expect(dbConfigFromEnv({ DATABASE_URL: '  ' })).toEqual({});
    expect(dbConfigFromEnv({ DATABASE_URL: 'postgres://u:p@h/db', PG_WS_PROXY: '127.0.0.1:54330' })).toEqual({
      databaseUrl: 'postgres://u:p@h/db',
      wsProxy: '127.0.0.1:54330',
    });
  });

  it('names DATABASE_URL when it is not a postgres:// URL', async () => {
    await expect(createDb({ databaseUrl: 'mysql://x@y/z' })).rejects.toThrow(/DATABASE_URL/);
  });
});
