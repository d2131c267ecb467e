#!/usr/bin/env node
// `npm start`: build what is missing, then serve the API (http://127.0.0.1:8787) and the dashboard
// (http://127.0.0.1:3000) on the embedded PGlite database under .data/. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
const apiPort = process.env.PORT ?? '8787';
const webPort = process.env.WEB_PORT ?? '3000';

console.log('[flopcast] building packages (turbo caches unchanged ones)…');
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('[flopcast] build failed');
  process.exit(build.status ?? 1);
}

const children = [];
function run(name, cmd, args, extraEnv, cwd = root) {
  // detached: each server leads its own process group, so shutdown reaches grandchildren (next-server).
  const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (d) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) console.log(prefix(l));
    });
  }
  child.on('exit', (code, signal) => {
    console.log(prefix(`exited (${signal ?? code})`));
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    if (c.exitCode !== null || c.pid === undefined) continue;
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      c.kill('SIGTERM');
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// the API's own start script (api/package.json) carries its node flags
run('api', 'npm', ['run', '--silent', 'start', '-w', '@flopcast/api'], { PORT: apiPort });
if (existsSync(path.join(root, 'web', '.next'))) {
  run('web', 'npx', ['next', 'start', '-H', '127.0.0.1', '-p', webPort], {
    NEXT_PUBLIC_FLOPCAST_API: `http://127.0.0.1:${apiPort}`,
    FLOPCAST_EMBEDDED: '1',
  }, path.join(root, 'web'));
} else {
  console.log('[flopcast] dashboard not built (web/.next missing); serving the API only');
}
console.log(`[flopcast] API       http://127.0.0.1:${apiPort}  (OpenAPI: /openapi.json, reference: /docs)`);
console.log(`[flopcast] dashboard http://127.0.0.1:${webPort}`);
