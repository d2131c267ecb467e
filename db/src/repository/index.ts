import { apiKeyRepository } from './api-keys.js';
import type { Database } from './db.js';
import { estimateRepository } from './estimates.js';
import { planRepository } from './plans.js';
import { profilesRepository } from './profiles.js';
import { teamRepository } from './teams.js';
import type { Repository, RepositoryOptions } from './types.js';

/** The shared repository layer over any flopcast database (PGlite or PostgreSQL via Neon). */
export function createRepository(db: Database, options: RepositoryOptions = {}): Repository {
  // Timestamps come from the application clock (millisecond precision), so keyset cursors
  // round-trip exactly and tests can inject time.
  const now = options.now ?? (() => new Date());
  return {
    teams: teamRepository(db, now),
    apiKeys: apiKeyRepository(db, now),
    profiles: profilesRepository(db, now),
    plans: planRepository(db, now),
    estimates: estimateRepository(db, now),
  };
}

export * from './errors.js';
export * from './types.js';
export { hashApiKey, LAST_USED_RESOLUTION_MS } from './api-keys.js';
export { isUuid, pgErrorCode, type Database } from './db.js';
export { summariseSources, PROFILE_ID_RE } from './profile-rows.js';
