/**
 * Boots the Worker entry under `wrangler dev` (workerd from npm, fully offline) and calls it over loopback.
 * In CI (process.env.CI) it must run; elsewhere it skips with a printed reason if wrangler cannot start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llama8bPlan } from './test/fixtures.js';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = path.resolve(API_DIR, '../node_modules/wrangler/bin/wrangler.js');
const READY_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

let proc: ChildProcess | undefined;
let base = '';
let startError: string | undefined;
let output = '';
let scratch = '';

/** Kills wrangler and its children (esbuild, workerd): it runs in its own process group. */
function killTree(p: ChildProcess | undefined): void {
  if (!p?.pid || p.exitCode !== null) return;
  try {
    process.kill(-p.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'flopcast-wrangler-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  proc = spawn(
    process.execPath,
    [WRANGLER, 'dev', '--config', 'wrangler.toml', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', path.join(scratch, 'state'), '--log-level', 'warn', '--show-interactive-dev-session=false'],
    {
      cwd: API_DIR,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        // Keep wrangler's config and logs out of the user's home.
        XDG_CONFIG_HOME: path.join(scratch, 'config'),
        WRANGLER_LOG_PATH: path.join(scratch, 'logs'),
        // No database: routes that need one answer 503; the estimate route must not need one.
        DATABASE_URL: '',
      },
    },
  );
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => proc!.once('exit', () => resolve()));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (proc.exitCode !== null) {
      startError = `wrangler exited with code ${proc.exitCode}: ${output.slice(-2000)}`;
      break;
    }
    if (/\[ERROR\]/.test(output.replace(/\x1b\[[0-9;]*m/g, ''))) {
      startError = `wrangler dev reported an error: ${output.slice(-2000)}`;
      break;
    }
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3000) });
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      startError = `wrangler dev was not ready within ${READY_TIMEOUT_MS / 1000} s: ${output.slice(-2000)}`;
      break;
    }
    await Promise.race([new Promise((r) => setTimeout(r, 250)), exited]);
  }
}, READY_TIMEOUT_MS + 30_000);

afterAll(async () => {
  killTree(proc);
  if (proc && proc.exitCode === null) {
    await Promise.race([new Promise((r) => proc!.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (proc.exitCode === null && proc.pid) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the Worker build under wrangler dev (offline)', () => {
  it('serves POST /v1/estimate without a database, /openapi.json, and 503 for routes that need the database', async (ctx) => {
    if (startError) {
      if (process.env.CI) throw new Error(startError);
      console.warn(`[api] skipping the wrangler dev test: ${startError}`);
      ctx.skip();
    }
    const est = await fetch(`${base}/v1/estimate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: llama8bPlan() }) });
    expect(est.status).toBe(200);
    const report = (await est.json()) as { totals: { gpuHours: number; costUsd: number } };
    expect(report.totals.gpuHours).toBeGreaterThan(0);
    expect(Number.isFinite(report.totals.costUsd)).toBe(true);
    expect(est.headers.get('x-request-id')).toBeTruthy();

    const doc = await fetch(`${base}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');

    const bad = await fetch(`${base}/v1/estimate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');

    const plans = await fetch(`${base}/v1/plans`, { headers: { authorization: `Bearer fc_abcd1234_${'x'.repeat(32)}` } });
    expect(plans.status).toBe(503);
    expect(((await plans.json()) as { code: string }).code).toBe('service_unavailable');
  });
});
