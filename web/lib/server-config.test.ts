import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devKeyCandidates, readDevKey } from './server-config';

const dirs: string[] = [];
function repoWithKey(content: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'fc-web-'));
  dirs.push(root);
  mkdirSync(path.join(root, '.data'));
  mkdirSync(path.join(root, 'web'));
  writeFileSync(path.join(root, '.data', 'dev-key'), content);
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readDevKey', () => {
  it('finds <repo>/.data/dev-key from the web folder', () => {
    const root = repoWithKey('fc_abcd_secret\n');
    expect(readDevKey(path.join(root, 'web'), {})).toBe('fc_abcd_secret');
  });
  it('reads a JSON key file', () => {
    const root = repoWithKey(JSON.stringify({ key: 'fc_x_y', team: 't' }));
    expect(readDevKey(root, {})).toBe('fc_x_y');
  });
  it('is off with FLOPCAST_EMBEDDED=0 and ignores files without an fc_ key', () => {
    const root = repoWithKey('fc_abcd_secret');
    expect(readDevKey(root, { FLOPCAST_EMBEDDED: '0' })).toBeUndefined();
    const other = repoWithKey('not-a-key');
    expect(readDevKey(other, {})).toBeUndefined();
  });
  it('uses FLOPCAST_DEV_KEY_FILE when set', () => {
    expect(devKeyCandidates('/x', { FLOPCAST_DEV_KEY_FILE: '/k/dev-key' })).toEqual(['/k/dev-key']);
  });
});

describe('apiBase', () => {
  it('reads NEXT_PUBLIC_FLOPCAST_API, then FLOPCAST_API, else the local API', async () => {
    const { apiBase } = await import('./server-config');
    expect(apiBase({ NEXT_PUBLIC_FLOPCAST_API: 'http://a:1' })).toBe('http://a:1');
    expect(apiBase({ FLOPCAST_API: 'http://b:2' })).toBe('http://b:2');
    expect(apiBase({})).toBe('http://127.0.0.1:8787');
  });
});
