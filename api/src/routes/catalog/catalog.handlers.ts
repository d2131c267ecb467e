/**
 * Catalog handlers over `repo.profiles.{gpus,links,models}`. Anonymous callers see the built-ins.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AnyProfile, ProfileRepository, Repository, StoredProfile } from '@flopcast/db';
import type { Catalog, GpuProfile } from '@flopcast/engine';
import { ApiError } from '../../lib/problem.js';
import { requireTeam } from '../../middleware/auth.js';
import type { Services } from '../../services.js';
import type { AppEnv, Principal } from '../../types.js';
import { PROFILE_ID } from './profile-schemas.js';
import { PROFILE_KINDS, profileRouteSet, type ProfileKind } from './catalog.routes.js';

const stored = (p: StoredProfile<AnyProfile>) => ({
  id: p.id,
  builtin: p.isBuiltin,
  teamId: p.teamId,
  source: p.source,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  profile: p.profile,
});

function teamOf(p: Principal): string | null {
  if (p.kind === 'team') {
    if (!p.scopes.includes('read')) throw new ApiError('forbidden', 'API key lacks the "read" scope');
    return p.teamId;
  }
  return null;
}

function profileIdOr404(id: string, noun: string): string {
  if (!PROFILE_ID.test(id)) throw new ApiError('not_found', `${noun} ${JSON.stringify(id.slice(0, 80))} not found`);
  return id;
}

/** A GPU's default links must exist in the team's catalog and be of the right kind. */
function checkGpuReferences(gpu: GpuProfile, catalog: Catalog): void {
  const errors = [];
  const intra = catalog.links[gpu.defaults.intraNode];
  if (!intra || intra.kind !== 'intra-node') {
    errors.push({ location: 'body' as const, path: '/defaults/intraNode', code: 'unknown_id', message: `must name an intra-node link of the catalog; known: ${Object.values(catalog.links).filter((l) => l.kind === 'intra-node').map((l) => l.id).join(', ')}` });
  }
  const inter = catalog.links[gpu.defaults.interNode];
  if (!inter || inter.kind !== 'scale-out') {
    errors.push({ location: 'body' as const, path: '/defaults/interNode', code: 'unknown_id', message: `must name a scale-out link of the catalog; known: ${Object.values(catalog.links).filter((l) => l.kind === 'scale-out').map((l) => l.id).join(', ')}` });
  }
  if (errors.length > 0) throw new ApiError('validation_failed', 'GPU profile names unknown default links', { errors });
}

function repoOf(repo: Repository, kind: ProfileKind): ProfileRepository<AnyProfile> {
  return repo.profiles[kind] as unknown as ProfileRepository<AnyProfile>;
}

export function catalogRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  for (const kind of Object.keys(PROFILE_KINDS) as ProfileKind[]) {
    const routes = profileRouteSet(kind);
    const noun = PROFILE_KINDS[kind].noun;
    // The five handlers share one shape across kinds; the casts only erase the per-kind profile type.
    const a = app as unknown as OpenAPIHono<AppEnv>;

    a.openapi(routes.list, async (c) => {
      const items = await repoOf(await services.repo(c), kind).list(teamOf(c.get('principal')));
      return c.json({ items: items.map(stored) }, 200) as never;
    });

    a.openapi(routes.get, async (c) => {
      const id = profileIdOr404(c.req.valid('param').id, noun);
      const p = await repoOf(await services.repo(c), kind).get(teamOf(c.get('principal')), id);
      return c.json(stored(p), 200) as never;
    });

    a.openapi(routes.create, async (c) => {
      const { teamId } = requireTeam(c.get('principal'), 'write');
      const profile = c.req.valid('json') as AnyProfile;
      if (kind === 'gpus') checkGpuReferences(profile as GpuProfile, await services.catalogFor(c));
      const p = await repoOf(await services.repo(c), kind).create(teamId, profile);
      c.header('Location', `/v1/${kind}/${p.id}`);
      return c.json(stored(p), 201) as never;
    });

    a.openapi(routes.update, async (c) => {
      const { teamId } = requireTeam(c.get('principal'), 'write');
      const id = profileIdOr404(c.req.valid('param').id, noun);
      const profile = c.req.valid('json') as AnyProfile;
      if (profile.id !== id) {
        throw new ApiError('validation_failed', `body id ${JSON.stringify(profile.id)} differs from the path id ${JSON.stringify(id)}`, {
          errors: [{ location: 'body', path: '/id', code: 'invalid_value', message: `must equal the path id "${id}"` }],
        });
      }
      const repo = repoOf(await services.repo(c), kind);
      await repo.get(teamId, id); // 404 for unknown/other team's ids before anything else
      if (kind === 'gpus') checkGpuReferences(profile as GpuProfile, await services.catalogFor(c));
      const p = await repo.update(teamId, id, profile);
      return c.json(stored(p), 200) as never;
    });

    a.openapi(routes.remove, async (c) => {
      const { teamId } = requireTeam(c.get('principal'), 'write');
      const id = profileIdOr404(c.req.valid('param').id, noun);
      await repoOf(await services.repo(c), kind).delete(teamId, id);
      return c.body(null, 204) as never;
    });
  }
  return app;
}
