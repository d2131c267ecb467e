import { createDb, dbConfigFromEnv, type DbHandle } from '../client.js';

/** Describes the target without its password. */
export function describeTarget(env: Record<string, string | undefined>): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return 'embedded PGlite (.data/pglite)';
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}${env.PG_WS_PROXY ? ` via ws proxy ${env.PG_WS_PROXY}` : ''}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}

/** Opens the database named by the environment (no automatic migrate/seed), runs `task`, closes. */
export async function withEnvDb(name: string, task: (h: DbHandle) => Promise<string>): Promise<void> {
  const started = performance.now();
  let handle: DbHandle | undefined;
  try {
    handle = await createDb({ ...dbConfigFromEnv(process.env), migrate: false, seed: false });
    const summary = await task(handle);
    console.log(`[flopcast db:${name}] ${describeTarget(process.env)}: ${summary} (${Math.round(performance.now() - started)} ms)`);
  } catch (err) {
    console.error(`[flopcast db:${name}] failed on ${describeTarget(process.env)}: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}
