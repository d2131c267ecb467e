import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import * as schema from './schema/index.js';
import type { Database } from './repository/db.js';

/** Options for reaching PostgreSQL through the Neon serverless driver (Pool over WebSocket). */
export interface NeonDbOptions {
  /** `postgres://` or `postgresql://` connection string (Neon, or any PostgreSQL behind a WS proxy). */
  databaseUrl: string;
  /**
   * Local WebSocket-to-TCP proxy, `host:port` (e.g. websockify on 127.0.0.1:54330). When set, the
   * driver talks plain `ws://` to it and skips TLS/pipelining, which only Neon's own proxy supports.
   * Leave unset for the real Neon service.
   */
  wsProxy?: string;
  /** WebSocket implementation where the runtime has none (Node 20: the `ws` package). */
  webSocketConstructor?: typeof neonConfig.webSocketConstructor;
}

const URL_RE = /^postgres(ql)?:\/\//;

/** Checks a connection string, naming the setting it came from in the error. */
export function assertPostgresUrl(url: string, setting = 'DATABASE_URL'): void {
  if (!URL_RE.test(url)) {
    throw new Error(`${setting} must be a postgres:// or postgresql:// connection string`);
  }
}

/**
 * Drizzle over a Neon `Pool` (runs on Node and Cloudflare Workers). Imports no Node built-ins.
 * `neonConfig` is process-wide in the driver, so the proxy settings apply to every pool.
 */
export function createNeonDb(opts: NeonDbOptions): { db: Database; pool: Pool; close: () => Promise<void> } {
  assertPostgresUrl(opts.databaseUrl);
  if (opts.webSocketConstructor) neonConfig.webSocketConstructor = opts.webSocketConstructor;
  if (opts.wsProxy) {
    const proxy = opts.wsProxy.replace(/^wss?:\/\//, '').replace(/\/+$/, '');
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    // SCRAM authentication (PostgreSQL's default) cannot be pipelined.
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: opts.databaseUrl });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (err: Error) => console.error(`[flopcast/db] idle connection error: ${err.message}`));
  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Database;
  return { db, pool, close: () => pool.end() };
}
