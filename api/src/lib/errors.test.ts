import { ValidationError } from '@flopcast/db';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorResponse } from './errors.js';
import { createMemoryLogger } from './logger.js';

describe('errorResponse', () => {
  it('keeps the field errors of a repository ValidationError in the problem body (400, not a bare message)', async () => {
    const logger = createMemoryLogger();
    const app = new Hono();
    app.get('/boom', () => {
      throw ValidationError.field('scopes.0', 'invalid_enum', 'must be "read" or "write"');
    });
    app.onError((err, c) => errorResponse(err, c, logger));
    const res = await app.request('/boom');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; errors?: Array<{ path: string; code: string; message: string }> };
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual([{ location: 'body', path: '/scopes/0', code: 'invalid_enum', message: 'must be "read" or "write"' }]);
    expect(logger.events.filter((e) => e.level === 'error')).toHaveLength(0);
  });
});
