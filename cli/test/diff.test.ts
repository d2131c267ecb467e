/** `flopcast diff` across two commits of a temporary git repository, through the real binary. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_DIR, fixture, runCli } from './run-cli.js';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const put = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'flopcast-diff-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'ci');
  put('flopcast.yml', readFileSync(fixture('budget-10pct.yml'), 'utf8'));
  put('plans/llama.plan.yaml', readFileSync(fixture('llama3-8b.plan.yaml'), 'utf8'));
  put('plans/old.plan.json', readFileSync(fixture('llama3-8b.plan.json'), 'utf8'));
  git('add', '.');
  git('commit', '-q', '-m', 'plans');
  // The change under review: 18% more tokens, one plan added, one removed.
  put('plans/llama.plan.yaml', readFileSync(fixture('llama3-8b-more-tokens.plan.yaml'), 'utf8'));
  put('plans/wide.plan.yaml', readFileSync(fixture('llama3-8b-128gpu.plan.yaml'), 'utf8'));
  rmSync(path.join(repo, 'plans/old.plan.json'));
  git('add', '-A');
  git('commit', '-q', '-m', 'train longer, add a wider plan, drop the old one');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('flopcast diff', () => {
  it('compares the plans changed in the last commit and fails the 10% budget (exit 1)', async () => {
    const r = await runCli(['diff', '--base-ref', 'HEAD~1'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/plans changed between HEAD~1 \([0-9a-f]{8}\) and HEAD \([0-9a-f]{8}\)/);
    expect(r.stdout).toMatch(/plans\/llama\.plan\.yaml {2}modified/);
    expect(r.stdout).toMatch(/plans\/wide\.plan\.yaml {2}added/);
    expect(r.stdout).toMatch(/plans\/old\.plan\.json {2}removed/);
    expect(r.stdout).toMatch(/Cost \(USD\)\s+\$[\d,]+\s+\$[\d,]+\s+\+\$[\d,]+\s+\+18\.0%/);
    expect(r.stdout).toContain('✗ plans/llama.plan.yaml: budgets.maxIncreasePct.costUsd');
  });

  it('writes markdown with the hidden marker, one details block per plan', async () => {
    const r = await runCli(['diff', '--base-ref', 'HEAD~1', '--format', 'markdown'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('<!-- flopcast-plan-check -->');
    expect(r.stdout).toContain('**3 plans** changed (1 modified, 1 added, 1 removed)');
    expect(r.stdout.match(/<details>/g)).toHaveLength(3);
  });

  it('gives statuses and deltas in JSON, with the commits compared', async () => {
    const r = await runCli(['diff', '--base-ref', 'HEAD~1', '--head-ref', 'HEAD', '--format', 'json'], { cwd: repo });
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.command).toBe('diff');
    expect(doc.git.baseCommit).toBe(git('rev-parse', 'HEAD~1'));
    expect(doc.git.headCommit).toBe(git('rev-parse', 'HEAD'));
    const byId = Object.fromEntries(doc.plans.map((p: { id: string }) => [p.id, p]));
    expect(byId['plans/llama.plan.yaml'].status).toBe('modified');
    expect(byId['plans/llama.plan.yaml'].deltas.gpuHours.pct).toBeCloseTo(18, 0);
    expect(byId['plans/wide.plan.yaml'].status).toBe('added');
    expect(byId['plans/wide.plan.yaml'].base).toBeNull();
    expect(byId['plans/old.plan.json'].status).toBe('removed');
    expect(byId['plans/old.plan.json'].head).toBeNull();
    expect(typeof byId['plans/old.plan.json'].base.gpuHours).toBe('number');
  });

  it('narrows to the given paths', async () => {
    const r = await runCli(['diff', '--base-ref', 'HEAD~1', '--format', 'json', 'plans/wide.plan.yaml'], { cwd: repo });
    expect(r.code).toBe(0); // only the added plan, which breaks no absolute rule
    expect(JSON.parse(r.stdout).plans.map((p: { id: string }) => p.id)).toEqual(['plans/wide.plan.yaml']);
  });

  it('says so when no plan changed, still with the marker (so a bot can update its comment)', async () => {
    const r = await runCli(['diff', '--base-ref', 'HEAD', '--format', 'markdown'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<!-- flopcast-plan-check -->');
    expect(r.stdout).toContain('No plan files changed.');
  });

  it('exits 2 on an unknown ref, a missing --base-ref, or outside a repository', async () => {
    const unknown = await runCli(['diff', '--base-ref', 'origin/nope'], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown git ref "origin/nope"');
    expect((await runCli(['diff'], { cwd: repo })).code).toBe(2);
    const outside = mkdtempSync(path.join(tmpdir(), 'flopcast-nogit-'));
    try {
      const r = await runCli(['diff', '--base-ref', 'HEAD~1'], { cwd: outside });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a git repository');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('infra/ci/flopcast-plan-check.sh', () => {
  const script = path.resolve(CLI_DIR, '..', 'infra', 'ci', 'flopcast-plan-check.sh');
  const run = (env: Record<string, string>) =>
    spawnSync('bash', [script], { cwd: repo, encoding: 'utf8', env: { ...process.env, FLOPCAST: `${process.execPath} ${BIN}`, ...env } });

  it('logs the table, writes the marked markdown comment and exits 1 on a broken budget', () => {
    const r = run({ BASE_REF: 'HEAD~1', COMMENT_FILE: 'comment.md' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('flopcast diff — plans changed between HEAD~1');
    expect(r.stderr).toContain('a budget rule is broken (see comment.md)');
    const md = readFileSync(path.join(repo, 'comment.md'), 'utf8');
    expect(md.startsWith('<!-- flopcast-plan-check -->\n')).toBe(true);
    expect(md).toContain('`budgets.maxIncreasePct.costUsd`');
    rmSync(path.join(repo, 'comment.md'));
  });

  it('exits 2 when the base ref has not been fetched', () => {
    const r = run({ BASE_REF: 'origin/not-fetched' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("base ref 'origin/not-fetched' is not available");
  });
});
