import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteTemplate } from '../src/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a migrated + seeded PGlite dump; each test file starts its databases from it. */
    pgliteTemplatePath: string;
    /** Milliseconds it took to build the template (new instance + migrate + seed + dump). */
    pgliteTemplateMs: number;
  }
}

let dir: string | undefined;

/** Builds the PGlite template once per test run (a new instance costs ~4–5 s; loading a dump ~0.6 s). */
export async function setup(project: TestProject): Promise<void> {
  const t0 = performance.now();
  const blob = await createPgliteTemplate({ seed: true });
  const ms = Math.round(performance.now() - t0);
  dir = mkdtempSync(path.join(tmpdir(), 'flopcast-db-test-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
  console.log(`[db tests] PGlite template (init + migrate + seed + dump): ${ms} ms`);
  project.provide('pgliteTemplatePath', file);
  project.provide('pgliteTemplateMs', ms);
}

export async function teardown(): Promise<void> {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
