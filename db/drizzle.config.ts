import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes SQL migrations to ./drizzle (committed; applied at start-up for
// PGlite and by `npm run db:migrate` for a server).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
