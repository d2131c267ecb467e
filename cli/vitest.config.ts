import { defineConfig } from 'vitest/config';

// CLI tests run the real binary (bin/flopcast.mjs → dist/main.js) as a subprocess; globalSetup rebuilds dist
// when a source file is newer than it, so `npx vitest run` in cli/ never tests a stale build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
