#!/usr/bin/env node
/**
 * Load benchmark of POST /v1/estimate on the Node server (`npm run bench:api`).
 *
 * Starts `node dist/node.js` on 127.0.0.1 (a free port) with embedded PGlite in a temporary data directory,
 * then runs autocannon against POST /v1/estimate with the DeepSeek-V3 paper plan (anonymous, inline):
 *   1. fixed rate: 500 requests/s for 10 s (autocannon `overallRate`) — the target is p99 < 20 ms;
 *   2. open loop: as fast as 10 connections go, for 5 s — the server's throughput ceiling.
 * Prints requests/s, p50, p99 (and p90, max) per phase and exits non-zero if any request failed.
 * Loopback only; bounded in time; the server is stopped and the data directory removed at the end.
 * The anonymous rate limit is raised for the run (RATE_LIMIT_ANON_PER_MIN) — the limiter itself still runs.
 *
 * Options (env): BENCH_RATE (default 500), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(API_DIR, '..');
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Node flags of the server, as `npm run start -w @flopcast/api` uses them (see api/package.json). */
const SERVER_NODE_FLAGS = (process.env.BENCH_SERVER_NODE_FLAGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function build() {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(path.join(API_DIR, 'dist/node.js'))) return;
  console.log('[bench:api] building @flopcast/api and its dependencies (turbo, cached) …');
  const r = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@flopcast/api', '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('build failed');
}

async function startServer(port, dataDir) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(API_DIR, 'dist/node.js')], {
    cwd: API_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      FLOPCAST_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ANON_PER_MIN: '100000000',
    },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const deadline = Date.now() + 90_000;
  while (!/listening on/.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) throw new Error(`server not ready in 90 s: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function summary(label, r) {
  const failed = r.errors + r.timeouts + r.non2xx;
  console.log(
    `[bench:api] ${label}: ${r.requests.total} requests in ${r.duration.toFixed(1)} s → ${r.requests.average.toFixed(0)} req/s; ` +
      `latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; failures ${failed}`,
  );
  return failed;
}

async function main() {
  build();
  // the DeepSeek-V3 paper configuration: the reference page's example plan, from the build just made
  const { EXAMPLE_PLAN: PLAN } = await import(pathToFileURL(path.join(API_DIR, 'dist/routes/shared.js')).href);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flopcast-bench-'));
  let server;
  try {
    server = await startServer(port, dataDir);
    const url = `http://127.0.0.1:${port}/v1/estimate`;
    const body = JSON.stringify({ plan: PLAN });
    const headers = { 'content-type': 'application/json' };
    const check = await fetch(url, { method: 'POST', headers, body });
    if (check.status !== 200) throw new Error(`POST /v1/estimate answered ${check.status}: ${await check.text()}`);
    console.log(
      `[bench:api] POST /v1/estimate (DeepSeek-V3 paper plan, ${body.length} B in, ${(await check.text()).length} B out) on ${process.platform} ${process.version}, ` +
        `server flags: ${SERVER_NODE_FLAGS.join(' ') || '(none)'}, ${CONNECTIONS} connections`,
    );
    await run({ url, method: 'POST', headers, body, connections: CONNECTIONS, amount: 500 }); // warm-up (JIT)
    const fixed = await run({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: SECONDS, overallRate: RATE });
    let failed = summary(`fixed rate ${RATE} req/s for ${SECONDS} s`, fixed);
    const open = await run({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: Math.min(SECONDS, 5) });
    failed += summary(`open loop, ${CONNECTIONS} connections`, open);
    const target = fixed.latency.p99 < 20;
    console.log(`[bench:api] target p99 < 20 ms at ${RATE} req/s: ${target ? 'met' : 'NOT met'} (p99 ${fixed.latency.p99} ms)`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          server.kill('SIGKILL');
          r();
        }, 5000);
        server.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`[bench:api] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
