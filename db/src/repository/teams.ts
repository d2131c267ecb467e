import { eq } from 'drizzle-orm';
import { teams } from '../schema/index.js';
import { isUuid, newId, type Database } from './db.js';
import { NotFoundError } from './errors.js';
import type { Repository, Team } from './types.js';
import { requireName } from './validate.js';

/** Team queries. */
export function teamRepository(db: Database, now: () => Date): Repository['teams'] {
  return {
    async create(input) {
      const name = requireName(input?.name);
      const [row] = await db.insert(teams).values({ id: newId(), name, createdAt: now() }).returning();
      return row as Team;
    },
    async get(id) {
      if (!isUuid(id)) throw new NotFoundError('team', String(id));
      const [row] = await db.select().from(teams).where(eq(teams.id, id));
      if (!row) throw new NotFoundError('team', id);
      return row;
    },
  };
}
