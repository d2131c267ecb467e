/**
 * Teams and API keys. Creating teams and keys needs the admin key (FLOPCAST_ADMIN_KEY); a team key may list
 * and revoke its own team's keys. Keys are shown once, at creation; listings never include secrets.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, IdParam, NameSchema, problems, Timestamp } from '../shared.js';

export const TeamSchema = z.object({ id: z.string(), name: z.string(), createdAt: Timestamp }).openapi('Team');

export const ApiKeySchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'Public part of the key (fc_<prefix>_…)' }),
    scopes: z.array(z.enum(['read', 'write'])),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .openapi('ApiKey');

export const CreatedKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The full key fc_<prefix>_<secret>. Shown only in this response; store it now.', example: 'fc_ab12cd34_…' }),
}).openapi('CreatedApiKey');

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const KeyParams = IdParam.extend({
  keyId: z.string().openapi({ param: { name: 'keyId', in: 'path' } }),
});

export const createTeamRoute = createRoute({
  method: 'post',
  path: '/teams',
  tags: ['teams'],
  summary: 'Create a team (admin key)',
  security: bearer,
  request: { body: { required: true, content: json(z.strictObject({ name: NameSchema }).openapi('CreateTeamRequest')) } },
  responses: { 201: { description: 'Created', content: json(TeamSchema) }, ...problems('unauthorized', 'forbidden', 'malformed_json', 'validation_failed', 'unsupported_media_type', 'payload_too_large') },
});

export const getTeamRoute = createRoute({
  method: 'get',
  path: '/teams/{id}',
  tags: ['teams'],
  summary: 'Read a team (admin key, or a key of that team)',
  security: bearer,
  request: { params: IdParam },
  responses: { 200: { description: 'The team', content: json(TeamSchema) }, ...problems('unauthorized', 'forbidden', 'not_found') },
});

export const createKeyRoute = createRoute({
  method: 'post',
  path: '/teams/{id}/keys',
  tags: ['teams'],
  summary: 'Create an API key for a team (admin key); the key is returned once',
  security: bearer,
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z
          .strictObject({
            name: NameSchema,
            scopes: z.array(z.enum(['read', 'write'])).min(1).max(2).optional().openapi({ description: 'Default ["read", "write"]' }),
          })
          .openapi('CreateKeyRequest'),
      ),
    },
  },
  responses: { 201: { description: 'Created', content: json(CreatedKeySchema) }, ...problems('unauthorized', 'forbidden', 'not_found', 'malformed_json', 'validation_failed', 'unsupported_media_type', 'payload_too_large') },
});

export const listKeysRoute = createRoute({
  method: 'get',
  path: '/teams/{id}/keys',
  tags: ['teams'],
  summary: 'List a team’s keys, without secrets (admin key, or a key of that team)',
  security: bearer,
  request: { params: IdParam },
  responses: { 200: { description: 'Keys', content: json(z.object({ items: z.array(ApiKeySchema) })) }, ...problems('unauthorized', 'forbidden', 'not_found') },
});

const revokeDoc = {
  tags: ['teams'],
  summary: 'Revoke a key (admin key, or a write key of that team); idempotent',
  security: bearer,
  request: { params: KeyParams },
  responses: { 200: { description: 'The revoked key', content: json(ApiKeySchema) }, ...problems('unauthorized', 'forbidden', 'not_found') },
};

export const revokeKeyRoute = createRoute({ method: 'delete', path: '/teams/{id}/keys/{keyId}', ...revokeDoc });
export const revokeKeyPostRoute = createRoute({ method: 'post', path: '/teams/{id}/keys/{keyId}/revoke', ...revokeDoc });

export const whoamiRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['teams'],
  summary: 'Who the presented key belongs to',
  security: bearer,
  responses: {
    200: {
      description: 'The caller',
      content: json(
        z
          .object({
            kind: z.enum(['anonymous', 'admin', 'team']),
            teamId: z.string().optional(),
            keyId: z.string().optional(),
            scopes: z.array(z.enum(['read', 'write'])).optional(),
          })
          .openapi('Caller'),
      ),
    },
    ...problems('unauthorized'),
  },
});
