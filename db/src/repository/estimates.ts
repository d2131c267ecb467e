import { and, eq, isNull } from 'drizzle-orm';
import type { Report } from '@flopcast/engine';
import { estimates, planRevisions, plans } from '../schema/index.js';
import { isUuid, type Database } from './db.js';
import { NotFoundError, ValidationError } from './errors.js';
import type { CachedEstimate, EstimateRepository } from './types.js';
import { requireVersion } from './validate.js';

function requireEngineVersion(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) {
    throw ValidationError.field('engineVersion', 'invalid_type', 'must be a non-empty string of at most 64 characters');
  }
  return v;
}

/** Cached engine reports, keyed by plan revision + engine version, visible only to the plan's team. */
export function estimateRepository(db: Database, now: () => Date): EstimateRepository {
  return {
    async get(teamId, planId, planVersion, engineVersion) {
      requireVersion(planVersion, 'planVersion');
      requireEngineVersion(engineVersion);
      if (!isUuid(teamId) || !isUuid(planId)) return null;
      const [row] = await db
        .select({
          planId: estimates.planId,
          planVersion: estimates.planVersion,
          engineVersion: estimates.engineVersion,
          report: estimates.report,
          createdAt: estimates.createdAt,
        })
        .from(estimates)
        .innerJoin(plans, eq(plans.id, estimates.planId))
        .where(
          and(
            eq(estimates.planId, planId),
            eq(estimates.planVersion, planVersion),
            eq(estimates.engineVersion, engineVersion),
            eq(plans.teamId, teamId),
            isNull(plans.deletedAt),
          ),
        );
      return (row as CachedEstimate | undefined) ?? null;
    },

    async put(teamId, planId, planVersion, engineVersion, report: Report) {
      requireVersion(planVersion, 'planVersion');
      requireEngineVersion(engineVersion);
      if (report === null || typeof report !== 'object') {
        throw ValidationError.field('report', 'invalid_type', 'must be a report object');
      }
      const notFound = new NotFoundError('planRevision', `${planId}@${planVersion}`);
      if (!isUuid(teamId) || !isUuid(planId)) throw notFound;
      const [rev] = await db
        .select({ version: planRevisions.version })
        .from(planRevisions)
        .innerJoin(plans, eq(plans.id, planRevisions.planId))
        .where(
          and(
            eq(planRevisions.planId, planId),
            eq(planRevisions.version, planVersion),
            eq(plans.teamId, teamId),
            isNull(plans.deletedAt),
          ),
        );
      if (!rev) throw notFound;
      const createdAt = now();
      const [row] = await db
        .insert(estimates)
        .values({ planId, planVersion, engineVersion, report, createdAt })
        .onConflictDoUpdate({
          target: [estimates.planId, estimates.planVersion, estimates.engineVersion],
          set: { report, createdAt },
        })
        .returning();
      return row as CachedEstimate;
    },
  };
}
