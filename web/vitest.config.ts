import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    conditions: ['source'],
    alias: { '@': fileURLToPath(new URL('./', import.meta.url)) },
  },
  // Node tests run in Vite's server (ssr) environment, which has its own condition list: test the engine's source.
  ssr: { resolve: { conditions: ['source'] } },
  test: { include: ['lib/**/*.test.ts', 'components/**/*.test.ts'], testTimeout: 60_000 },
});
