import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { planRevisions, plans } from '../schema/index.js';
import { isUuid, newId, type Database } from './db.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import type { PlanPage, PlanRecord, PlanRepository, PlanRevision, PlanSummary } from './types.js';
import { requireName, requireVersion } from './validate.js';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

type PlanRow = typeof plans.$inferSelect;

function toRecord(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    version: row.version,
    document: row.document,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function requireDocument(document: unknown): unknown {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw ValidationError.field('document', 'invalid_type', 'the plan document must be a JSON object');
  }
  return document;
}

/**
 * Cursor = `<updatedAt ms>.<id>` of the last row of the previous page (keyset pagination over the
 * `plans_team_updated_idx` order, so pages stay stable while plans are added).
 */
function encodeCursor(row: { updatedAt: Date; id: string }): string {
  return `${row.updatedAt.getTime()}.${row.id}`;
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  const m = /^(\d{1,15})\.([0-9a-f-]{36})$/i.exec(cursor);
  if (!m || !isUuid(m[2])) throw ValidationError.field('cursor', 'invalid_cursor', 'is not a cursor from a previous page');
  return { updatedAt: new Date(Number(m[1])), id: m[2] };
}

function pageLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw ValidationError.field('limit', 'out_of_range', `must be an integer from 1 to ${MAX_PAGE}`);
  }
  return limit;
}

/** Saved plans with optimistic concurrency and an append-only revision history. */
export function planRepository(db: Database, now: () => Date): PlanRepository {
  const live = (teamId: string, id: string) =>
    and(eq(plans.id, id), eq(plans.teamId, teamId), isNull(plans.deletedAt));

  async function requireLivePlan(teamId: string, id: string): Promise<void> {
    if (!isUuid(teamId) || !isUuid(id)) throw new NotFoundError('plan', String(id));
    const [row] = await db.select({ id: plans.id }).from(plans).where(live(teamId, id));
    if (!row) throw new NotFoundError('plan', id);
  }

  /** A versioned write matched no row: NotFound when the plan is gone, else Conflict naming the stored version. */
  async function staleVersion(q: Pick<Database, 'select'>, teamId: string, id: string, expected: number | undefined): Promise<never> {
    const [current] = await q.select({ version: plans.version }).from(plans).where(live(teamId, id));
    if (!current) throw new NotFoundError('plan', id);
    throw new ConflictError('plan', id, `plan ${id} is at version ${current.version}, not ${expected}`, current.version);
  }

  return {
    async create(teamId, input) {
      const name = requireName(input?.name);
      const document = requireDocument(input?.document);
      if (!isUuid(teamId)) throw new NotFoundError('team', String(teamId));
      const at = now();
      const id = newId();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(plans)
          .values({ id, teamId, name, document, version: 1, createdAt: at, updatedAt: at })
          .returning();
        await tx.insert(planRevisions).values({ planId: id, version: 1, name, document, createdAt: at });
        return toRecord(row!);
      });
    },

    async list(teamId, opts) {
      const limit = pageLimit(opts?.limit);
      const after = opts?.cursor ? decodeCursor(opts.cursor) : null;
      if (!isUuid(teamId)) return { items: [], nextCursor: null };
      const rows = await db
        .select({
          id: plans.id,
          teamId: plans.teamId,
          name: plans.name,
          version: plans.version,
          createdAt: plans.createdAt,
          updatedAt: plans.updatedAt,
        })
        .from(plans)
        .where(
          and(
            eq(plans.teamId, teamId),
            isNull(plans.deletedAt),
            after
              ? sql`(${plans.updatedAt}, ${plans.id}) < (${after.updatedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(plans.updatedAt), desc(plans.id))
        .limit(limit + 1);
      const items: PlanSummary[] = rows.slice(0, limit);
      const last = items[items.length - 1];
      const page: PlanPage = { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
      return page;
    },

    async get(teamId, id) {
      if (!isUuid(teamId) || !isUuid(id)) throw new NotFoundError('plan', String(id));
      const [row] = await db.select().from(plans).where(live(teamId, id));
      if (!row) throw new NotFoundError('plan', id);
      return toRecord(row);
    },

    async update(teamId, id, input) {
      const expectedVersion = requireVersion(input?.expectedVersion, 'expectedVersion');
      const document = requireDocument(input?.document);
      const name = input?.name === undefined ? undefined : requireName(input.name);
      if (!isUuid(teamId) || !isUuid(id)) throw new NotFoundError('plan', String(id));
      const at = now();
      return db.transaction(async (tx) => {
        // The version check and the increment are one statement: under concurrent transactions the
        // row lock serialises them, and a loser re-evaluates `version = expected` against the
        // winner's committed row, so it matches nothing (PostgreSQL READ COMMITTED semantics).
        const [row] = await tx
          .update(plans)
          .set({
            document,
            ...(name !== undefined ? { name } : {}),
            version: sql`${plans.version} + 1`,
            updatedAt: at,
          })
          .where(and(live(teamId, id), eq(plans.version, expectedVersion)))
          .returning();
        if (!row) return staleVersion(tx, teamId, id, expectedVersion);
        await tx
          .insert(planRevisions)
          .values({ planId: id, version: row.version, name: row.name, document, createdAt: at });
        return toRecord(row);
      });
    },

    async delete(teamId, id, opts) {
      const expectedVersion =
        opts?.expectedVersion === undefined ? undefined : requireVersion(opts.expectedVersion, 'expectedVersion');
      if (!isUuid(teamId) || !isUuid(id)) throw new NotFoundError('plan', String(id));
      const at = now();
      const deleted = await db
        .update(plans)
        .set({ deletedAt: at, updatedAt: at })
        .where(and(live(teamId, id), expectedVersion !== undefined ? eq(plans.version, expectedVersion) : undefined))
        .returning({ id: plans.id });
      if (deleted.length > 0) return;
      return staleVersion(db, teamId, id, expectedVersion);
    },

    async listRevisions(teamId, id) {
      await requireLivePlan(teamId, id);
      const rows = await db
        .select()
        .from(planRevisions)
        .where(eq(planRevisions.planId, id))
        .orderBy(asc(planRevisions.version));
      return rows satisfies PlanRevision[];
    },

    async getRevision(teamId, id, version) {
      requireVersion(version, 'version');
      await requireLivePlan(teamId, id);
      const [row] = await db
        .select()
        .from(planRevisions)
        .where(and(eq(planRevisions.planId, id), eq(planRevisions.version, version)));
      if (!row) throw new NotFoundError('planRevision', `${id}@${version}`);
      return row;
    },
  };
}
