/**
 * Builds what the real binary needs before the CLI tests run it as a subprocess: the engine's dist (imported by
 * cli/dist at run time) and cli/dist itself, each only when missing or older than its sources. Under
 * `turbo run test` both are already fresh (test depends on build), so this is a no-op there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(cliDir, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale(pkgDir: string, output: string): void {
  const out = path.join(pkgDir, output);
  if (existsSync(out) && statSync(out).mtimeMs >= newestMtime(path.join(pkgDir, 'src'))) return;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(pkgDir, 'tsconfig.build.json')], { stdio: 'inherit' });
}

export default function setup(): void {
  buildIfStale(path.join(root, 'engine'), 'dist/index.js');
  buildIfStale(cliDir, 'dist/main.js');
}
