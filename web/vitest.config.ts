import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    conditions: ['source'],
    alias: { '@': fileURLToPath(new URL('./', import.meta.url)) },
  },
  test: { include: ['lib/**/*.test.ts', 'components/**/*.test.ts'], testTimeout: 60_000 },
});
