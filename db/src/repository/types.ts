import type { Catalog, GpuProfile, LinkProfile, ModelPreset, Report } from '@flopcast/engine';

/** Scopes an API key can carry. */
export type ApiKeyScope = 'read' | 'write';
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['read', 'write'];

export interface Team {
  id: string;
  name: string;
  createdAt: Date;
}

/** An API key as listed: never includes the key or its hash. */
export interface ApiKeyInfo {
  id: string;
  teamId: string;
  name: string;
  /** Public part of the key (`fc_<prefix>_…`), safe to display. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Result of creating a key: the plaintext `key` is returned exactly once. */
export interface CreatedApiKey {
  key: string;
  apiKey: ApiKeyInfo;
}

/** Who a valid, unrevoked key belongs to. */
export interface AuthContext {
  teamId: string;
  keyId: string;
  scopes: ApiKeyScope[];
}

/** Any catalog entry: GPU, link or model preset. */
export type AnyProfile = GpuProfile | LinkProfile | ModelPreset;

/** A stored profile: the engine's shape plus where it came from. */
export interface StoredProfile<P extends AnyProfile> {
  id: string;
  /** null for built-ins. */
  teamId: string | null;
  isBuiltin: boolean;
  source: string;
  profile: P;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Built-in + custom profiles of one kind. `teamId: null` means "no team" (built-ins only).
 * Content validation (engine schema) is the caller's job; the repository checks identity and ownership.
 */
export interface ProfileRepository<P extends AnyProfile> {
  /** Built-ins, then the team's custom profiles, each ordered by id. */
  list(teamId: string | null): Promise<StoredProfile<P>[]>;
  /** A built-in or the team's own custom profile; NotFoundError otherwise. */
  get(teamId: string | null, id: string): Promise<StoredProfile<P>>;
  /** Adds a custom profile. ConflictError when the id is a built-in's or already used by the team. */
  create(teamId: string, profile: P, opts?: { source?: string }): Promise<StoredProfile<P>>;
  /** Replaces a custom profile (`profile.id` must equal `id`). ImmutableError for built-ins. */
  update(teamId: string, id: string, profile: P, opts?: { source?: string }): Promise<StoredProfile<P>>;
  /** Deletes a custom profile. ImmutableError for built-ins, NotFoundError for others' ids. */
  delete(teamId: string, id: string): Promise<void>;
}

/** A saved plan without its document (list view). */
export interface PlanSummary {
  id: string;
  teamId: string;
  name: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A saved plan with its current document. */
export interface PlanRecord extends PlanSummary {
  document: unknown;
}

/** One saved version of a plan (immutable). */
export interface PlanRevision {
  planId: string;
  version: number;
  name: string;
  document: unknown;
  createdAt: Date;
}

export interface PlanPage {
  items: PlanSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PlanRepository {
  create(teamId: string, input: { name: string; document: unknown }): Promise<PlanRecord>;
  /** Live plans, most recently updated first; keyset pagination (limit 1–200, default 50). */
  list(teamId: string, opts?: { limit?: number; cursor?: string | null }): Promise<PlanPage>;
  /** NotFoundError for unknown, deleted or other teams' ids. */
  get(teamId: string, id: string): Promise<PlanRecord>;
  /**
   * Saves a new version. Succeeds only if the stored version still equals `expectedVersion`
   * (ConflictError with `currentVersion` otherwise); writes the new revision in the same transaction.
   */
  update(
    teamId: string,
    id: string,
    input: { name?: string; document: unknown; expectedVersion: number },
  ): Promise<PlanRecord>;
  /** Soft delete (revisions are kept). With `expectedVersion`, ConflictError when stale. */
  delete(teamId: string, id: string, opts?: { expectedVersion?: number }): Promise<void>;
  /** Every saved version, oldest first. */
  listRevisions(teamId: string, id: string): Promise<PlanRevision[]>;
  getRevision(teamId: string, id: string, version: number): Promise<PlanRevision>;
}

export interface CachedEstimate {
  planId: string;
  planVersion: number;
  engineVersion: string;
  report: Report;
  createdAt: Date;
}

export interface EstimateRepository {
  /** The cached report for a plan revision and engine version, or null. */
  get(teamId: string, planId: string, planVersion: number, engineVersion: string): Promise<CachedEstimate | null>;
  /** Stores (or replaces) the cached report; NotFoundError when the revision is not the team's. */
  put(
    teamId: string,
    planId: string,
    planVersion: number,
    engineVersion: string,
    report: Report,
  ): Promise<CachedEstimate>;
}

/** The one data-access surface the API depends on (PGlite and PostgreSQL/Neon alike). */
export interface Repository {
  teams: {
    create(input: { name: string }): Promise<Team>;
    /** NotFoundError when absent. */
    get(id: string): Promise<Team>;
  };
  apiKeys: {
    /** Creates a key for the team; the plaintext `fc_<prefix>_<secret>` is in the result, only once. */
    create(teamId: string, input: { name: string; scopes: ApiKeyScope[] }): Promise<CreatedApiKey>;
    /** null for malformed, unknown, wrong-secret or revoked keys; records last use (1-minute resolution). */
    authenticate(key: string): Promise<AuthContext | null>;
    list(teamId: string): Promise<ApiKeyInfo[]>;
    /** Idempotent; NotFoundError for another team's key. */
    revoke(teamId: string, keyId: string): Promise<ApiKeyInfo>;
  };
  profiles: {
    gpus: ProfileRepository<GpuProfile>;
    links: ProfileRepository<LinkProfile>;
    models: ProfileRepository<ModelPreset>;
    /** Built-ins merged with the team's custom profiles, in the engine's `Catalog` shape. */
    catalog(teamId: string | null): Promise<Catalog>;
  };
  plans: PlanRepository;
  estimates: EstimateRepository;
}

/** Injected by the caller (tests use a fixed clock). */
export interface RepositoryOptions {
  now?: () => Date;
}
