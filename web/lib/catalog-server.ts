/**
 * Server-side catalog load for /hardware and /models: the API's list (built-in + the team's own, with the dev key in
 * embedded mode), or the engine's built-in catalog when the API does not answer (said in `origin`).
 */
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { ApiClient, type ListedProfile, type ProfileKind } from './api-client';
import { apiBase, readDevKey } from './server-config';

export interface CatalogLoad<K extends ProfileKind> {
  items: Array<ListedProfile<K>>;
  origin: 'api' | 'builtin';
  /** Why the built-in catalog is shown, when it is. */
  reason?: string;
}

export function builtinList<K extends ProfileKind>(kind: K): Array<ListedProfile<K>> {
  return Object.values(BUILTIN_CATALOG[kind]).map((p) => ({ ...p, builtin: true })) as Array<ListedProfile<K>>;
}

export async function loadCatalogServer<K extends ProfileKind>(kind: K): Promise<CatalogLoad<K>> {
  try {
    const items = await new ApiClient({ base: apiBase(), key: readDevKey() }).listProfiles(kind);
    if (items.length > 0) return { items, origin: 'api' };
    return { items: builtinList(kind), origin: 'builtin', reason: 'the API returned an empty list' };
  } catch (e) {
    return { items: builtinList(kind), origin: 'builtin', reason: e instanceof Error ? e.message : String(e) };
  }
}
