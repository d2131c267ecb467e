/**
 * Server-side configuration (read at request time, never shipped to the browser except what the layout passes on):
 * the API base URL and, in embedded mode, the local dev key the Node API stores in <repo>/.data/dev-key.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_API_BASE } from './api-client';

/** API base URL: NEXT_PUBLIC_FLOPCAST_API (or FLOPCAST_API) else http://127.0.0.1:8787. */
export function apiBase(env: Record<string, string | undefined> = process.env): string {
  // Looked up by computed name so `next build` does not inline the build-time value: the URL is read when serving.
  const publicName = ['NEXT_PUBLIC', 'FLOPCAST_API'].join('_');
  return env[publicName] || env.FLOPCAST_API || DEFAULT_API_BASE;
}

/** Candidate locations of the dev key file: FLOPCAST_DEV_KEY_FILE, else .data/dev-key in the cwd or its parents. */
export function devKeyCandidates(cwd: string = process.cwd(), env: Record<string, string | undefined> = process.env): string[] {
  if (env.FLOPCAST_DEV_KEY_FILE) return [env.FLOPCAST_DEV_KEY_FILE];
  const out: string[] = [];
  let dir = path.resolve(/*turbopackIgnore: true*/ cwd);
  for (let i = 0; i < 3; i++) {
    out.push(path.join(/*turbopackIgnore: true*/ dir, '.data', 'dev-key'));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/**
 * The local dev key for the embedded database, or undefined. Disabled with FLOPCAST_EMBEDDED=0; otherwise the first
 * candidate file that exists and holds an `fc_` key is used (the Node API writes it when it runs on PGlite).
 */
export function readDevKey(cwd?: string, env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.FLOPCAST_EMBEDDED === '0') return undefined;
  for (const file of devKeyCandidates(cwd, env)) {
    if (!existsSync(file)) continue;
    try {
      const text = readFileSync(file, 'utf8').trim();
      const key = text.startsWith('{') ? String((JSON.parse(text) as { key?: unknown }).key ?? '') : text.split(/\s+/)[0] ?? '';
      if (key.startsWith('fc_')) return key;
    } catch {
      /* unreadable: try the next candidate */
    }
  }
  return undefined;
}
