import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  // Node tests run in Vite's server (ssr) environment, which has its own condition list.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/test/global-setup.ts'],
    // PGlite start-up takes seconds (longer when other packages build in parallel); see stack-notes gotcha 4.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
