/**
 * Plans changed between two git refs, read with `git show <commit>:<path>` (no checkout, works on a CI clone).
 * The base side is the merge-base of the two refs, as in a pull request's diff, so commits that landed on the
 * base branch after the branch point do not show up as changes of the head.
 */
import { execFileSync } from 'node:child_process';
import { InternalError, UsageError } from './errors.js';

export interface ChangedFile {
  /** Path relative to the repository root. */
  path: string;
  status: 'added' | 'modified' | 'removed';
  /** File text at the base commit (absent for added files). */
  baseText?: string;
  /** File text at the head commit (absent for removed files). */
  headText?: string;
}

export interface ChangedPlans {
  baseRef: string;
  headRef: string;
  /** Commit the base side was read from (merge-base of base and head). */
  baseCommit: string;
  headCommit: string;
  files: ChangedFile[];
}

/** Default plan file pattern when no paths are given. */
export const PLAN_FILE_RE = /\.plan\.(json|ya?ml)$/i;
const DOCUMENT_RE = /\.(json|ya?ml)$/i;
const CONFIG_RE = /(^|\/)flopcast\.ya?ml$/i;

function runGit(args: string[], cwd: string, command: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; status?: number | null };
    if (e.code === 'ENOENT') throw new InternalError('git is not installed or not on PATH');
    const msg = (e.stderr ?? '').trim().split('\n')[0] || e.message;
    throw new UsageError(`git ${args[0]} failed: ${msg}`, command);
  }
}

/** Resolves a ref to a commit id; an unknown ref is a usage error with a hint about shallow clones. */
function resolveCommit(ref: string, cwd: string, command: string): string {
  try {
    return runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd, command).trim();
  } catch {
    throw new UsageError(
      `unknown git ref "${ref}" (in CI, fetch the base branch: actions/checkout with fetch-depth: 0, or git fetch origin <branch>)`,
      command,
    );
  }
}

/** Whether a repository-relative path is a plan file we should evaluate. */
export function isPlanPath(file: string, explicitPaths: boolean): boolean {
  if (CONFIG_RE.test(file)) return false;
  return explicitPaths ? DOCUMENT_RE.test(file) : PLAN_FILE_RE.test(file);
}

/**
 * Lists plan files that differ between `baseRef` (its merge-base with `headRef`) and `headRef`, with their texts.
 * `paths` (files or directories, relative to `cwd`) narrow the search; without them every *.plan.{json,yaml,yml}.
 */
export function changedPlans(opts: { baseRef: string; headRef: string; paths: string[]; cwd: string; command: string }): ChangedPlans {
  const { cwd, command } = opts;
  runGit(['rev-parse', '--show-toplevel'], cwd, command); // fails clearly outside a repository
  const headCommit = resolveCommit(opts.headRef, cwd, command);
  const baseTip = resolveCommit(opts.baseRef, cwd, command);
  let baseCommit = baseTip;
  try {
    baseCommit = runGit(['merge-base', baseTip, headCommit], cwd, command).trim() || baseTip;
  } catch {
    baseCommit = baseTip; // unrelated histories: compare the tips
  }
  const out = runGit(['diff', '--name-status', '--no-renames', '-z', baseCommit, headCommit, '--', ...opts.paths], cwd, command);
  const parts = out.split('\0').filter((p) => p !== '');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i]!.charAt(0);
    const file = parts[i + 1]!;
    if (!isPlanPath(file, opts.paths.length > 0)) continue;
    const status = code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified';
    const show = (commit: string) => runGit(['show', `${commit}:${file}`], cwd, command);
    files.push({
      path: file,
      status,
      ...(status !== 'added' ? { baseText: show(baseCommit) } : {}),
      ...(status !== 'removed' ? { headText: show(headCommit) } : {}),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { baseRef: opts.baseRef, headRef: opts.headRef, baseCommit, headCommit, files };
}


/** Short commit id for display. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 8);
}
