import { eq, isNull, sql } from 'drizzle-orm';
import { BUILTIN_CATALOG, type Catalog } from '@flopcast/engine';
import { builtinPins, gpuProfiles } from './schema/index.js';
import { newId, type Database } from './repository/db.js';
import { gpuSpec, linkSpec, modelSpec, profileContent, type ProfileSpec } from './repository/profile-rows.js';
import type { AnyProfile } from './repository/types.js';

/** What one seed run did, per kind. A second run with the same catalog only reports `unchanged`. */
export interface SeedCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}
export interface SeedResult {
  gpus: SeedCounts;
  links: SeedCounts;
  models: SeedCounts;
}

/** JSON with object keys sorted, so jsonb (which reorders keys) compares equal to the source object. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type PinColumn = 'gpuRowId' | 'linkRowId' | 'modelRowId';

async function seedKind<P extends AnyProfile>(
  tx: Tx,
  specIn: ProfileSpec<P>,
  pinColumn: PinColumn,
  entries: Record<string, P>,
  at: Date,
): Promise<SeedCounts> {
  const spec = specIn as unknown as ProfileSpec<AnyProfile>;
  // The three tables share the columns used here (see repository/profiles.ts).
  const t = spec.table as typeof gpuProfiles;
  const counts: SeedCounts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  const existing = new Map((await tx.select().from(t).where(isNull(t.teamId))).map((r) => [r.id, r]));

  for (const [key, profile] of Object.entries(entries)) {
    if (profile.id !== key) throw new Error(`catalog key ${key} holds a profile with id ${profile.id}`);
    const content = profileContent(spec, profile, undefined);
    const row = existing.get(key) as Record<string, unknown> | undefined;
    existing.delete(key);
    if (row && Object.keys(content).every((c) => canonical(row[c]) === canonical(content[c]))) {
      counts.unchanged++;
      continue;
    }
    let rowId: string;
    let hash: string | null;
    if (row) {
      rowId = row.rowId as string;
      // Unpin, rewrite, re-pin: the pin's foreign key forbids changing a pinned row.
      await tx.delete(builtinPins).where(eq(builtinPins[pinColumn], rowId));
      const [u] = await tx
        .update(t)
        .set({ ...content, updatedAt: at } as Partial<typeof gpuProfiles.$inferInsert>)
        .where(eq(t.rowId, rowId))
        .returning({ hash: t.contentHash });
      hash = u?.hash ?? null;
      counts.updated++;
    } else {
      rowId = newId();
      const [i] = await tx
        .insert(t)
        .values({ ...content, rowId, teamId: null, isBuiltin: true, createdAt: at, updatedAt: at } as typeof gpuProfiles.$inferInsert)
        .returning({ hash: t.contentHash });
      hash = i?.hash ?? null;
      counts.inserted++;
    }
    if (!hash) throw new Error(`seed: no content hash for built-in ${spec.entity} ${key}`);
    await tx.insert(builtinPins).values({ rowId: newId(), [pinColumn]: rowId, contentHash: hash });
  }

  // Built-ins the engine no longer ships are removed (the engine catalog is the one source of truth).
  for (const stale of existing.values()) {
    await tx.delete(builtinPins).where(eq(builtinPins[pinColumn], stale.rowId));
    await tx.delete(t).where(eq(t.rowId, stale.rowId));
    counts.deleted++;
  }
  return counts;
}

/**
 * Upserts the engine's built-in catalog into the profile tables, in one transaction. Idempotent:
 * rows whose content is unchanged are not touched. Concurrent seeds are serialised by an advisory lock.
 */
export async function seedBuiltins(
  db: Database,
  opts: { catalog?: Catalog; now?: () => Date } = {},
): Promise<SeedResult> {
  const catalog = opts.catalog ?? BUILTIN_CATALOG;
  const at = (opts.now ?? (() => new Date()))();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('flopcast:seed-builtins'))`);
    return {
      gpus: await seedKind(tx, gpuSpec, 'gpuRowId', catalog.gpus, at),
      links: await seedKind(tx, linkSpec, 'linkRowId', catalog.links, at),
      models: await seedKind(tx, modelSpec, 'modelRowId', catalog.models, at),
    };
  });
}
