import { describe, expect, it } from 'vitest';
import { corsOriginsFromEnv, portFromEnv, rateLimitsFromEnv, searchLimitsFromEnv } from './env.js';

describe('settings from the environment', () => {
  it('parses ports, origins, rate and search limits, and rejects nonsense loudly', () => {
    expect(portFromEnv(undefined)).toBe(8787);
    expect(portFromEnv('9000')).toBe(9000);
    expect(() => portFromEnv('99999')).toThrow(/PORT/);
    expect(() => portFromEnv('abc')).toThrow(/PORT/);
    expect(corsOriginsFromEnv(' https://a.example , https://b.example,')).toEqual(['https://a.example', 'https://b.example']);
    expect(corsOriginsFromEnv('')).toBeUndefined();
    expect(rateLimitsFromEnv({ RATE_LIMIT_ANON_PER_MIN: '30' }).anonymous).toEqual({ perMinute: 30, burst: 15 });
    expect(() => rateLimitsFromEnv({ RATE_LIMIT_KEY_PER_MIN: '-1' })).toThrow(/RATE_LIMIT_KEY_PER_MIN/);
    expect(searchLimitsFromEnv({ SEARCH_MAX_EVALUATIONS: '1000', SEARCH_TIME_BUDGET_MS: '250' })).toEqual({ maxEvaluations: 1000, maxMilliseconds: 250 });
    expect(searchLimitsFromEnv({})).toEqual({});
  });
});
