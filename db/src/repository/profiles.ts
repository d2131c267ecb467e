import { and, asc, desc, eq, isNull, or } from 'drizzle-orm';
import type { Catalog, GpuProfile, LinkProfile, ModelPreset } from '@flopcast/engine';
import { gpuProfiles } from '../schema/index.js';
import { isUuid, newId, pgErrorCode, type Database } from './db.js';
import { ConflictError, ImmutableError, NotFoundError, ValidationError } from './errors.js';
import {
  gpuSpec,
  linkSpec,
  modelSpec,
  profileContent,
  requireProfileId,
  toStoredProfile,
  type ProfileSpec,
} from './profile-rows.js';
import type { AnyProfile, ProfileRepository, Repository } from './types.js';

/**
 * The three profile tables share their common columns (row id, id, team, built-in flag, source,
 * profile, timestamps); typing the table as the GPU table is only used for those columns.
 */
function commonTable(spec: ProfileSpec<AnyProfile>): typeof gpuProfiles {
  return spec.table as typeof gpuProfiles;
}

function profileRepository<P extends AnyProfile>(
  db: Database,
  now: () => Date,
  specIn: ProfileSpec<P>,
): ProfileRepository<P> {
  const spec = specIn as unknown as ProfileSpec<AnyProfile>;
  const t = commonTable(spec);
  const visibleTo = (teamId: string | null) =>
    teamId !== null && isUuid(teamId) ? or(isNull(t.teamId), eq(t.teamId, teamId)) : isNull(t.teamId);

  async function builtinExists(id: string): Promise<boolean> {
    const rows = await db.select({ id: t.id }).from(t).where(and(eq(t.id, id), isNull(t.teamId)));
    return rows.length > 0;
  }

  function ownTeam(teamId: string): string {
    if (!isUuid(teamId)) throw new NotFoundError('team', String(teamId));
    return teamId;
  }

  return {
    async list(teamId) {
      const rows = await db
        .select()
        .from(t)
        .where(visibleTo(teamId))
        .orderBy(desc(t.isBuiltin), asc(t.id));
      return rows.map((r) => toStoredProfile<P>(r));
    },

    async get(teamId, id) {
      if (typeof id !== 'string' || id.length > 64) throw new NotFoundError(spec.entity, String(id));
      // Built-ins first: a custom row never shadows a built-in of the same id.
      const [row] = await db
        .select()
        .from(t)
        .where(and(eq(t.id, id), visibleTo(teamId)))
        .orderBy(desc(t.isBuiltin))
        .limit(1);
      if (!row) throw new NotFoundError(spec.entity, id);
      return toStoredProfile<P>(row);
    },

    async create(teamId, profile, opts) {
      const team = ownTeam(teamId);
      const content = profileContent(spec, profile, opts?.source);
      const id = content.id as string;
      if (await builtinExists(id)) {
        throw new ConflictError(spec.entity, id, `${spec.entity} ${JSON.stringify(id)} is a built-in id`);
      }
      const at = now();
      try {
        const [row] = await db
          .insert(t)
          .values({
            ...content,
            rowId: newId(),
            teamId: team,
            isBuiltin: false,
            createdAt: at,
            updatedAt: at,
          } as typeof gpuProfiles.$inferInsert)
          .returning();
        return toStoredProfile<P>(row!);
      } catch (err) {
        const code = pgErrorCode(err);
        if (code === '23505') {
          throw new ConflictError(spec.entity, id, `${spec.entity} ${JSON.stringify(id)} already exists`);
        }
        if (code === '23503') throw new NotFoundError('team', team);
        throw err;
      }
    },

    async update(teamId, id, profile, opts) {
      const team = ownTeam(teamId);
      requireProfileId(id);
      if (await builtinExists(id)) throw new ImmutableError(spec.entity, id);
      const content = profileContent(spec, profile, opts?.source);
      if (content.id !== id) {
        throw ValidationError.field('id', 'id_mismatch', `profile id must equal ${JSON.stringify(id)}`);
      }
      const [row] = await db
        .update(t)
        .set({ ...content, updatedAt: now() } as Partial<typeof gpuProfiles.$inferInsert>)
        .where(and(eq(t.id, id), eq(t.teamId, team), eq(t.isBuiltin, false)))
        .returning();
      if (!row) throw new NotFoundError(spec.entity, id);
      return toStoredProfile<P>(row);
    },

    async delete(teamId, id) {
      const team = ownTeam(teamId);
      if (typeof id !== 'string' || id.length > 64) throw new NotFoundError(spec.entity, String(id));
      if (await builtinExists(id)) throw new ImmutableError(spec.entity, id);
      const deleted = await db
        .delete(t)
        .where(and(eq(t.id, id), eq(t.teamId, team), eq(t.isBuiltin, false)))
        .returning({ id: t.id });
      if (deleted.length === 0) throw new NotFoundError(spec.entity, id);
    },
  };
}

/** Built-in + per-team custom GPU, link and model profiles. */
export function profilesRepository(db: Database, now: () => Date): Repository['profiles'] {
  const gpus = profileRepository<GpuProfile>(db, now, gpuSpec);
  const links = profileRepository<LinkProfile>(db, now, linkSpec);
  const models = profileRepository<ModelPreset>(db, now, modelSpec);
  return {
    gpus,
    links,
    models,
    async catalog(teamId) {
      const [g, l, m] = await Promise.all([gpus.list(teamId), links.list(teamId), models.list(teamId)]);
      // Built-ins are listed first, so a built-in id always wins over a (pre-existing) custom twin.
      const byId = <P extends AnyProfile>(rows: { profile: P }[]) => {
        const out: Record<string, P> = {};
        for (const r of rows) if (!(r.profile.id in out)) out[r.profile.id] = r.profile;
        return out;
      };
      return { gpus: byId(g), links: byId(l), models: byId(m) } satisfies Catalog;
    },
  };
}
