/**
 * Catalog contracts: GET /v1/{gpus,links,models} (built-ins + the caller's team's custom profiles; built-ins only
 * without a key), GET one, and POST / PUT / DELETE for a team's custom profiles (write scope). Built-ins are
 * immutable (409 `immutable`); custom profiles are validated by the same schema as built-ins.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bearer, optionalBearer, problems, Timestamp } from '../shared.js';
import { GpuProfileSchema, LinkProfileSchema, ModelPresetSchema } from './profile-schemas.js';

export const PROFILE_KINDS = {
  gpus: { schema: GpuProfileSchema, noun: 'GPU profile', entity: 'gpu' },
  links: { schema: LinkProfileSchema, noun: 'link profile', entity: 'link' },
  models: { schema: ModelPresetSchema, noun: 'model preset', entity: 'model' },
} as const;

export type ProfileKind = keyof typeof PROFILE_KINDS;

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const ProfileIdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'h800-sxm' }),
});

/** Route contracts of one profile kind. */
export function profileRouteSet<K extends ProfileKind>(kind: K) {
  const { schema, noun } = PROFILE_KINDS[kind];
  const Stored = z
    .object({
      id: z.string(),
      builtin: z.boolean(),
      teamId: z.string().nullable(),
      source: z.string(),
      createdAt: Timestamp,
      updatedAt: Timestamp,
      profile: schema,
    })
    .openapi(`Stored${kind[0]!.toUpperCase()}${kind.slice(1, -1)}`);
  const tags = ['catalog'];
  return {
    list: createRoute({
      method: 'get',
      path: `/${kind}`,
      tags,
      summary: `List ${noun}s (built-in, then the team’s own)`,
      security: optionalBearer,
      responses: { 200: { description: 'Profiles', content: json(z.object({ items: z.array(Stored) })) }, ...problems('unauthorized', 'forbidden') },
    }),
    get: createRoute({
      method: 'get',
      path: `/${kind}/{id}`,
      tags,
      summary: `Read one ${noun}`,
      security: optionalBearer,
      request: { params: ProfileIdParam },
      responses: { 200: { description: 'The profile', content: json(Stored) }, ...problems('unauthorized', 'forbidden', 'not_found') },
    }),
    create: createRoute({
      method: 'post',
      path: `/${kind}`,
      tags,
      summary: `Add a custom ${noun} to the team`,
      security: bearer,
      request: { body: { required: true, content: json(schema) } },
      responses: {
        201: { description: 'Created', content: json(Stored) },
        ...problems('unauthorized', 'forbidden', 'conflict', 'malformed_json', 'validation_failed', 'unsupported_media_type', 'payload_too_large'),
      },
    }),
    update: createRoute({
      method: 'put',
      path: `/${kind}/{id}`,
      tags,
      summary: `Replace one of the team’s custom ${noun}s`,
      security: bearer,
      request: { params: ProfileIdParam, body: { required: true, content: json(schema) } },
      responses: {
        200: { description: 'Updated', content: json(Stored) },
        ...problems('unauthorized', 'forbidden', 'not_found', 'immutable', 'malformed_json', 'validation_failed', 'unsupported_media_type', 'payload_too_large'),
      },
    }),
    remove: createRoute({
      method: 'delete',
      path: `/${kind}/{id}`,
      tags,
      summary: `Delete one of the team’s custom ${noun}s`,
      security: bearer,
      request: { params: ProfileIdParam },
      responses: { 204: { description: 'Deleted' }, ...problems('unauthorized', 'forbidden', 'not_found', 'immutable') },
    }),
  };
}
