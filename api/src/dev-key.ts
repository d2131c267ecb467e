/**
 * The local dev key for the embedded database: a team "local dev" and a read/write key, created once and kept
 * in a file (default `<repo>/.data/dev-key`, mode 0600) so it stays the same across restarts. If the stored key
 * no longer authenticates (database wiped, key revoked), a new team and key replace it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Repository } from '@flopcast/db';

export async function ensureDevKey(repo: Repository, file: string): Promise<{ key: string; teamId: string; created: boolean }> {
  const stored = await readFile(file, 'utf8').then((s) => s.trim(), () => '');
  if (stored) {
    const auth = await repo.apiKeys.authenticate(stored);
    if (auth) return { key: stored, teamId: auth.teamId, created: false };
  }
  const team = await repo.teams.create({ name: 'local dev' });
  const { key } = await repo.apiKeys.create(team.id, { name: 'local dev key', scopes: ['read', 'write'] });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, key + '\n', { mode: 0o600 });
  return { key, teamId: team.id, created: true };
}
