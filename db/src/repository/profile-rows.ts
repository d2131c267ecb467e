import type { GpuProfile, LinkProfile, ModelPreset, Sources } from '@flopcast/engine';
import { gpuProfiles, linkProfiles, modelPresets } from '../schema/index.js';
import { ValidationError, type EntityKind } from './errors.js';
import type { AnyProfile, StoredProfile } from './types.js';

/**
 * How one catalog kind maps onto its table: which table, and the typed (queryable) columns derived
 * from the profile. The rest of the profile lives in the `profile` jsonb column.
 */
export interface ProfileSpec<P extends AnyProfile> {
  entity: Extract<EntityKind, 'gpu' | 'link' | 'model'>;
  /** All three tables share the common columns; queries on those treat them alike. */
  table: typeof gpuProfiles | typeof linkProfiles | typeof modelPresets;
  typedColumns(p: P): Record<string, string | number | boolean | null>;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw ValidationError.field(path, 'invalid_number', 'must be a finite number');
  }
  return value;
}

function optionalFinite(value: unknown, path: string): number | null {
  return value === undefined || value === null ? null : finite(value, path);
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw ValidationError.field(path, 'invalid_type', 'must be a non-empty string');
  }
  return value;
}

export const gpuSpec: ProfileSpec<GpuProfile> = {
  entity: 'gpu',
  table: gpuProfiles,
  typedColumns: (p) => ({
    vendor: text(p.vendor, 'vendor'),
    memoryGib: finite(p.memoryGiB, 'memoryGiB'),
    peakBf16Tflops: finite(p.peakTflops?.bf16, 'peakTflops.bf16'),
    peakFp8Tflops: optionalFinite(p.peakTflops?.fp8, 'peakTflops.fp8'),
    peakFp4Tflops: optionalFinite(p.peakTflops?.fp4, 'peakTflops.fp4'),
  }),
};

export const linkSpec: ProfileSpec<LinkProfile> = {
  entity: 'link',
  table: linkProfiles,
  typedColumns: (p) => ({
    kind: text(p.kind, 'kind'),
    bandwidthGbs: finite(p.bandwidthGBs, 'bandwidthGBs'),
  }),
};

export const modelSpec: ProfileSpec<ModelPreset> = {
  entity: 'model',
  table: modelPresets,
  typedColumns: (p) => ({
    layers: finite(p.arch?.layers, 'arch.layers'),
    hiddenSize: finite(p.arch?.hiddenSize, 'arch.hiddenSize'),
    isMoe: p.arch?.moe !== undefined && p.arch?.moe !== null,
  }),
};

/** Catalog ids: lowercase, digits, `.`, `_`, `-`; 1–64 chars (same rule as the table's CHECK). */
export const PROFILE_ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function requireProfileId(id: unknown, path = 'id'): string {
  if (typeof id !== 'string' || !PROFILE_ID_RE.test(id)) {
    throw ValidationError.field(
      path,
      'invalid_id',
      'must be 1–64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
    );
  }
  return id;
}

/** Provenance text from a profile's per-field citations: the distinct citations, in first-seen order. */
export function summariseSources(sources: Sources | undefined): string {
  if (!sources || typeof sources !== 'object') return '';
  return [...new Set(Object.values(sources).filter((s) => typeof s === 'string' && s.trim() !== ''))].join('; ');
}

/** Column values (minus ids/timestamps) for a profile row. Throws ValidationError for missing fields. */
export function profileContent<P extends AnyProfile>(
  spec: ProfileSpec<P>,
  profile: P,
  source: string | undefined,
): Record<string, unknown> {
  if (!profile || typeof profile !== 'object') {
    throw ValidationError.field('profile', 'invalid_type', 'must be an object');
  }
  const src = (source ?? summariseSources(profile.sources)).trim();
  if (src === '') {
    throw ValidationError.field('source', 'missing_source', 'a profile needs a source (or cited `sources`)');
  }
  return {
    id: requireProfileId(profile.id),
    name: text(profile.name, 'name'),
    source: src,
    profile,
    ...spec.typedColumns(profile),
  };
}

/** Row → API shape. */
export function toStoredProfile<P extends AnyProfile>(row: {
  id: string;
  teamId: string | null;
  isBuiltin: boolean;
  source: string;
  profile: unknown;
  createdAt: Date;
  updatedAt: Date;
}): StoredProfile<P> {
  return {
    id: row.id,
    teamId: row.teamId,
    isBuiltin: row.isBuiltin,
    source: row.source,
    profile: row.profile as P,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
