import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Report } from '@flopcast/engine';
import { teams } from './teams.js';

/**
 * Saved plans. `document` is the plan as the user wrote it (plan-format.md), `version` counts saves
 * (optimistic concurrency: an update names the version it read). Deleting sets `deletedAt` only.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid().primaryKey(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    document: jsonb().$type<unknown>().notNull(),
    version: integer().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    deletedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    // Serves "a team's live plans, most recently updated first" with keyset pagination.
    index('plans_team_updated_idx')
      .on(t.teamId, t.updatedAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} IS NULL`),
    check('plans_version_positive', sql`${t.version} >= 1`),
    check('plans_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

/** Every saved version of a plan; rows are only ever inserted. */
export const planRevisions = pgTable(
  'plan_revisions',
  {
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    name: text().notNull(),
    document: jsonb().$type<unknown>().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ name: 'plan_revisions_pk', columns: [t.planId, t.version] })],
);

/** Cached engine report for one plan revision, per engine version. */
export const estimates = pgTable(
  'estimates',
  {
    planId: uuid().notNull(),
    planVersion: integer().notNull(),
    engineVersion: text().notNull(),
    report: jsonb().$type<Report>().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'estimates_pk', columns: [t.planId, t.planVersion, t.engineVersion] }),
    foreignKey({
      name: 'estimates_revision_fk',
      columns: [t.planId, t.planVersion],
      foreignColumns: [planRevisions.planId, planRevisions.version],
    }).onDelete('cascade'),
  ],
);
