/**
 * Offline vs `--api`: the same commands against a locally started flopcast API (Node entry, embedded PGlite in a
 * temporary folder) must print the same numbers. Needs the API built (api/dist/node.js); `turbo run test` builds
 * it first (turbo.json: @flopcast/cli#test depends on @flopcast/api#build). Outside CI, a missing build skips this
 * file with the reason printed; in CI (CI=true) a missing build fails it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, runCli } from './run-cli.js';

const API_ENTRY = path.resolve(CLI_DIR, '..', 'api', 'dist', 'node.js');
const apiBuilt = existsSync(API_ENTRY);
const inCi = Boolean(process.env.CI);
if (!apiBuilt && !inCi) {
  console.warn(`[api-equality] skipped: ${API_ENTRY} is missing — run \`npm run build\` at the repository root to include this test`);
}

let api: ChildProcess | undefined;
let apiUrl = '';
let dataDir = '';

/** Starts the API on a free port and resolves with its URL once it prints "listening on http://…". */
function startApi(): Promise<string> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'flopcast-api-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API_ENTRY], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FLOPCAST_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api = child;
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`API exited with ${code} before listening:\n${out}`)));
  });
}

describe.skipIf(!apiBuilt && !inCi)('offline vs --api (local API server)', () => {
  beforeAll(async () => {
    if (!apiBuilt) throw new Error(`${API_ENTRY} is missing in CI: the API must be built before the CLI tests`);
    apiUrl = await startApi();
  }, 120_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('estimate: the JSON report is identical', async () => {
    const offline = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json']);
    const online = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json', '--api', apiUrl]);
    expect(online.stderr).toBe('');
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout)).toEqual(JSON.parse(offline.stdout));
  });

  it('estimate --stacks: the same four stacks through the API', async () => {
    const offline = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json', '--stacks']);
    const online = await runCli(['estimate', 'llama3-8b.plan.yaml', '--format', 'json', '--stacks', '--api', apiUrl]);
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout).stackSensitivity.rows).toHaveLength(4);
    expect(JSON.parse(online.stdout)).toEqual(JSON.parse(offline.stdout));
  });

  it('compare: the same summaries, deltas and budget verdict (only "evaluatedBy" differs)', async () => {
    const args = ['compare', 'llama3-8b.plan.yaml', 'llama3-8b-more-tokens.plan.yaml', 'llama3-8b-128gpu.plan.yaml', '--format', 'json', '--config', 'budget-10pct.yml'];
    const offline = await runCli(args);
    const online = await runCli([...args, '--api', apiUrl]);
    expect(online.code).toBe(offline.code);
    expect(online.code).toBe(1);
    const a = JSON.parse(offline.stdout);
    const b = JSON.parse(online.stdout);
    expect(b.evaluatedBy).toBe(apiUrl);
    expect({ ...b, evaluatedBy: null }).toEqual({ ...a, evaluatedBy: null });
  });

  it('an invalid plan is exit 2 both ways, naming the same fields', async () => {
    const offline = await runCli(['estimate', 'invalid.plan.yaml']);
    const online = await runCli(['estimate', 'invalid.plan.yaml', '--api', apiUrl]);
    expect(online.code).toBe(2);
    const fields = (s: string) => [...s.matchAll(/^ {2}([\w.[\]]+): /gm)].map((m) => m[1]).sort();
    expect(fields(online.stderr)).toEqual(fields(offline.stderr));
  });

  it('search: the same frontier', async () => {
    const offline = JSON.parse((await runCli(['search', 'llama3-8b.search.yaml', '--format', 'json'])).stdout);
    const online = JSON.parse((await runCli(['search', 'llama3-8b.search.yaml', '--format', 'json', '--api', apiUrl])).stdout);
    expect(online.frontier).toEqual(offline.frontier);
    expect(online.best).toEqual(offline.best);
  });
});
