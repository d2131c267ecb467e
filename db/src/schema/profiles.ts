import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { GpuProfile, LinkProfile, ModelPreset } from '@flopcast/engine';
import { teams } from './teams.js';

/**
 * Columns every profile table shares. `rowId` is the surrogate key; `id` is the catalog id a plan
 * refers to (unique among built-ins, and unique per team among custom rows). A row is either a built-in
 * (`isBuiltin`, no team) or a team's custom profile (`teamId` set) — enforced by a CHECK.
 */
const common = {
  rowId: uuid().primaryKey(),
  id: text().notNull(),
  teamId: uuid().references(() => teams.id, { onDelete: 'cascade' }),
  isBuiltin: boolean().notNull(),
  name: text().notNull(),
  /** Provenance of the row as a whole (built-ins: the citations of the engine catalog entry). */
  source: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
};

/**
 * Fingerprint of a row's content, kept by PostgreSQL itself (generated column). Built-in rows are
 * pinned by `builtin_pins` (a foreign key onto (row_id, content_hash)), so any UPDATE that changes a
 * built-in's content, or a DELETE of it, fails with a foreign-key violation — no trigger needed.
 */
function contentHash(cols: SQL[]): SQL {
  const parts = sql.join(
    cols.map((c) => sql`coalesce((${c})::text, '')`),
    sql.raw(` || '|' || `),
  );
  return sql`md5(${parts})`;
}

const hashOf = (...names: string[]) => contentHash(names.map((n) => sql.raw(`"${n}"`)));

/** GPU profiles (engine `GpuProfile` in `profile`; peaks and memory as typed columns for queries). */
export const gpuProfiles = pgTable(
  'gpu_profiles',
  {
    ...common,
    vendor: text().notNull(),
    memoryGib: doublePrecision().notNull(),
    peakBf16Tflops: doublePrecision().notNull(),
    peakFp8Tflops: doublePrecision(),
    peakFp4Tflops: doublePrecision(),
    profile: jsonb().$type<GpuProfile>().notNull(),
    contentHash: text().generatedAlwaysAs(
      hashOf('id', 'team_id', 'is_builtin', 'name', 'source', 'vendor', 'memory_gib', 'peak_bf16_tflops',
        'peak_fp8_tflops', 'peak_fp4_tflops', 'profile'),
    ),
  },
  (t) => [
    ...profileConstraints('gpu_profiles', t),
    check('gpu_profiles_vendor_valid', sql`${t.vendor} IN ('nvidia', 'amd')`),
  ],
);

/** Interconnect profiles (engine `LinkProfile`). */
export const linkProfiles = pgTable(
  'link_profiles',
  {
    ...common,
    kind: text().notNull(),
    bandwidthGbs: doublePrecision().notNull(),
    profile: jsonb().$type<LinkProfile>().notNull(),
    contentHash: text().generatedAlwaysAs(
      hashOf('id', 'team_id', 'is_builtin', 'name', 'source', 'kind', 'bandwidth_gbs', 'profile'),
    ),
  },
  (t) => [
    ...profileConstraints('link_profiles', t),
    check('link_profiles_kind_valid', sql`${t.kind} IN ('intra-node', 'scale-out')`),
  ],
);

/** Model presets (engine `ModelPreset`). */
export const modelPresets = pgTable(
  'model_presets',
  {
    ...common,
    layers: integer().notNull(),
    hiddenSize: integer().notNull(),
    isMoe: boolean().notNull(),
    profile: jsonb().$type<ModelPreset>().notNull(),
    contentHash: text().generatedAlwaysAs(
      hashOf('id', 'team_id', 'is_builtin', 'name', 'source', 'layers', 'hidden_size', 'is_moe', 'profile'),
    ),
  },
  (t) => [...profileConstraints('model_presets', t)],
);

interface ProfileCols {
  rowId: AnyPgColumn;
  id: AnyPgColumn;
  teamId: AnyPgColumn;
  isBuiltin: AnyPgColumn;
  contentHash: AnyPgColumn;
}

function profileConstraints(table: string, t: ProfileCols) {
  return [
    check(`${table}_builtin_xor_team`, sql`${t.isBuiltin} = (${t.teamId} IS NULL)`),
    check(`${table}_id_format`, sql`${t.id} ~ '^[a-z0-9][a-z0-9._-]{0,63}$'`),
    uniqueIndex(`${table}_builtin_id_unique`).on(t.id).where(sql`${t.teamId} IS NULL`),
    // Also serves "a team's custom profiles" (leading team_id).
    uniqueIndex(`${table}_team_id_unique`).on(t.teamId, t.id).where(sql`${t.teamId} IS NOT NULL`),
    unique(`${table}_row_content_unique`).on(t.rowId, t.contentHash),
  ];
}

/**
 * One row per built-in profile, pinning its exact content. Only the seed (which rewrites pins and
 * built-ins in one transaction) may change a built-in; anything else hits the foreign keys.
 */
export const builtinPins = pgTable(
  'builtin_pins',
  {
    rowId: uuid().primaryKey(),
    gpuRowId: uuid(),
    linkRowId: uuid(),
    modelRowId: uuid(),
    contentHash: text().notNull(),
  },
  (t) => [
    check(
      'builtin_pins_exactly_one_target',
      sql`num_nonnulls(${t.gpuRowId}, ${t.linkRowId}, ${t.modelRowId}) = 1`,
    ),
    foreignKey({
      name: 'builtin_pins_gpu_fk',
      columns: [t.gpuRowId, t.contentHash],
      foreignColumns: [gpuProfiles.rowId, gpuProfiles.contentHash],
    })
      .onUpdate('no action')
      .onDelete('no action'),
    foreignKey({
      name: 'builtin_pins_link_fk',
      columns: [t.linkRowId, t.contentHash],
      foreignColumns: [linkProfiles.rowId, linkProfiles.contentHash],
    })
      .onUpdate('no action')
      .onDelete('no action'),
    foreignKey({
      name: 'builtin_pins_model_fk',
      columns: [t.modelRowId, t.contentHash],
      foreignColumns: [modelPresets.rowId, modelPresets.contentHash],
    })
      .onUpdate('no action')
      .onDelete('no action'),
  ],
);
