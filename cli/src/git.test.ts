import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { changedPlans, isPlanPath } from './git.js';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'flopcast-git-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'test');
  write('plans/a.plan.yaml', 'name: a\ntokens: 1\n');
  write('plans/gone.plan.json', '{"name":"gone"}\n');
  write('plans/notes.yaml', 'not: a plan by name\n');
  write('README.md', 'hi\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
  write('plans/a.plan.yaml', 'name: a\ntokens: 2\n');
  write('plans/new.plan.yml', 'name: new\n');
  write('plans/notes.yaml', 'not: changed\n');
  write('flopcast.yml', 'budgets: {}\n');
  rmSync(path.join(repo, 'plans/gone.plan.json'));
  write('README.md', 'changed\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'feature');
  // main moves on after the branch point: its change must not appear in the feature's diff
  git('checkout', '-q', 'main');
  write('plans/main-only.plan.yaml', 'name: main-only\n');
  git('add', '.');
  git('commit', '-q', '-m', 'main moves on');
  git('checkout', '-q', 'feature');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('changedPlans', () => {
  it('lists modified, added and removed plan files against the merge-base, with both texts', () => {
    const r = changedPlans({ baseRef: 'main', headRef: 'HEAD', paths: [], cwd: repo, command: 'diff' });
    expect(r.baseCommit).toBe(git('merge-base', 'main', 'HEAD'));
    expect(r.files.map((f) => [f.path, f.status])).toEqual([
      ['plans/a.plan.yaml', 'modified'],
      ['plans/gone.plan.json', 'removed'],
      ['plans/new.plan.yml', 'added'],
    ]);
    const a = r.files[0]!;
    expect(a.baseText).toContain('tokens: 1');
    expect(a.headText).toContain('tokens: 2');
    expect(r.files[1]!.headText).toBeUndefined();
    expect(r.files[2]!.baseText).toBeUndefined();
  });

  it('narrows to the given paths and then accepts any .json/.yaml file under them, never flopcast.yml', () => {
    const r = changedPlans({ baseRef: 'main', headRef: 'HEAD', paths: ['plans/'], cwd: repo, command: 'diff' });
    expect(r.files.map((f) => f.path)).toEqual(['plans/a.plan.yaml', 'plans/gone.plan.json', 'plans/new.plan.yml', 'plans/notes.yaml']);
    expect(isPlanPath('flopcast.yml', true)).toBe(false);
  });

  it('turns an unknown ref into a usage error that mentions fetching', () => {
    expect(() => changedPlans({ baseRef: 'origin/nope', headRef: 'HEAD', paths: [], cwd: repo, command: 'diff' })).toThrow(UsageError);
    expect(() => changedPlans({ baseRef: 'origin/nope', headRef: 'HEAD', paths: [], cwd: repo, command: 'diff' })).toThrow(/fetch/);
  });

  it('refuses to run outside a git repository', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flopcast-nogit-'));
    try {
      expect(() => changedPlans({ baseRef: 'main', headRef: 'HEAD', paths: [], cwd: dir, command: 'diff' })).toThrow(/not a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
