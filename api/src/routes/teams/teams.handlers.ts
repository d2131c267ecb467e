/**
 * Team and key handlers over `repo.teams` / `repo.apiKeys`.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiKeyInfo, Team } from '@flopcast/db';
import { ApiError } from '../../lib/problem.js';
import { requireAdmin } from '../../middleware/auth.js';
import type { Services } from '../../services.js';
import type { AppEnv, Principal } from '../../types.js';
import { uuidOr404 } from '../shared.js';
import {
  createKeyRoute,
  createTeamRoute,
  getTeamRoute,
  listKeysRoute,
  revokeKeyPostRoute,
  revokeKeyRoute,
  whoamiRoute,
} from './teams.routes.js';

const team = (t: Team) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() });

const keyInfo = (k: ApiKeyInfo) => ({
  id: k.id,
  teamId: k.teamId,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
});

/** Admin, or a key of team `teamId` with `scope`. Another team's key gets 404 (the team "does not exist" for it). */
function requireAdminOrMember(p: Principal, teamId: string, scope: 'read' | 'write'): void {
  if (p.kind === 'admin') return;
  if (p.kind === 'anonymous') requireAdmin(p); // throws 401
  if (p.kind === 'team') {
    if (p.teamId !== teamId) throw new ApiError('not_found', `team ${teamId} not found`);
    if (!p.scopes.includes(scope)) throw new ApiError('forbidden', `API key lacks the "${scope}" scope`);
  }
}

export function teamRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(createTeamRoute, async (c) => {
    requireAdmin(c.get('principal'));
    const t = await (await services.repo(c)).teams.create({ name: c.req.valid('json').name });
    c.header('Location', `/v1/teams/${t.id}`);
    return c.json(team(t), 201);
  });

  app.openapi(getTeamRoute, async (c) => {
    const id = uuidOr404(c.req.valid('param').id, 'team');
    requireAdminOrMember(c.get('principal'), id, 'read');
    return c.json(team(await (await services.repo(c)).teams.get(id)), 200);
  });

  app.openapi(createKeyRoute, async (c) => {
    requireAdmin(c.get('principal'));
    const id = uuidOr404(c.req.valid('param').id, 'team');
    const body = c.req.valid('json');
    const repo = await services.repo(c);
    await repo.teams.get(id);
    const created = await repo.apiKeys.create(id, { name: body.name, scopes: body.scopes ?? ['read', 'write'] });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...keyInfo(created.apiKey), key: created.key }, 201);
  });

  app.openapi(listKeysRoute, async (c) => {
    const id = uuidOr404(c.req.valid('param').id, 'team');
    requireAdminOrMember(c.get('principal'), id, 'read');
    const repo = await services.repo(c);
    await repo.teams.get(id);
    return c.json({ items: (await repo.apiKeys.list(id)).map(keyInfo) }, 200);
  });

  const revoke = async (c: Context<AppEnv>, teamIdRaw: string, keyIdRaw: string) => {
    const teamId = uuidOr404(teamIdRaw, 'team');
    requireAdminOrMember(c.get('principal'), teamId, 'write');
    const keyId = uuidOr404(keyIdRaw, 'apiKey');
    return keyInfo(await (await services.repo(c)).apiKeys.revoke(teamId, keyId));
  };
  app.openapi(revokeKeyRoute, async (c) => {
    const p = c.req.valid('param');
    return c.json(await revoke(c, p.id, p.keyId), 200);
  });
  app.openapi(revokeKeyPostRoute, async (c) => {
    const p = c.req.valid('param');
    return c.json(await revoke(c, p.id, p.keyId), 200);
  });

  app.openapi(whoamiRoute, (c) => {
    const p = c.get('principal');
    if (p.kind === 'anonymous') requireAdmin(p);
    return c.json(p.kind === 'team' ? { kind: p.kind, teamId: p.teamId, keyId: p.keyId, scopes: [...p.scopes] } : { kind: p.kind }, 200);
  });

  return app;
}
