/**
 * Vitest global setup: builds one migrated + seeded PGlite dump per test run (a fresh instance costs ~5 s;
 * loading the dump ~0.6 s), the same fast path the db package's tests use.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiPgliteTemplatePath: string;
  }
}

let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Global setup is loaded outside the test environment, where the `source` export condition is not applied,
  // so the db package's TypeScript source is imported by path (test-only).
  const { createPgliteTemplate } = (await import(new URL('../../../db/src/client.ts', import.meta.url).href)) as typeof import('@flopcast/db');
  const blob = await createPgliteTemplate({ seed: true });
  dir = mkdtempSync(path.join(tmpdir(), 'flopcast-api-test-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
  project.provide('apiPgliteTemplatePath', file);
}

export async function teardown(): Promise<void> {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
