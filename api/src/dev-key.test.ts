import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@flopcast/db';
import { ensureDevKey } from './dev-key.js';
import { freshDb } from './test/harness.js';

let db: DbHandle;
let dir: string;
beforeAll(async () => {
  db = await freshDb();
  dir = mkdtempSync(path.join(tmpdir(), 'flopcast-devkey-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local dev key', () => {
  it('is created once, stored with mode 0600, reused across restarts, and replaced when revoked', async () => {
    const file = path.join(dir, 'sub', 'dev-key');
    const first = await ensureDevKey(db.repo, file);
    expect(first.created).toBe(true);
    expect(first.key).toMatch(/^fc_/);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await ensureDevKey(db.repo, file);
    expect(again).toEqual({ key: first.key, teamId: first.teamId, created: false });
    const auth = await db.repo.apiKeys.authenticate(first.key);
    await db.repo.apiKeys.revoke(first.teamId, auth!.keyId);
    const replaced = await ensureDevKey(db.repo, file);
    expect(replaced.created).toBe(true);
    expect(replaced.key).not.toBe(first.key);
  });
});
