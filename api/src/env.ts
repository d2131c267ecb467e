/**
 * Reading the API's settings from environment variables (Node entry and Worker entry share this).
 */
import { type BucketConfig, DEFAULT_RATE_LIMITS, type RateClass } from './middleware/rate-limit.js';

/** CORS_ORIGINS="https://a.example,https://b.example" → list; unset → undefined (app default). */
export function corsOriginsFromEnv(value: string | undefined): string[] | undefined {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return list.length > 0 ? list : undefined;
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * RATE_LIMIT_ANON_PER_MIN / RATE_LIMIT_KEY_PER_MIN (requests per minute; burst = half a minute's worth, at least 10).
 */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): Partial<Record<RateClass, BucketConfig>> {
  const out: Partial<Record<RateClass, BucketConfig>> = {};
  const anon = positiveNumber('RATE_LIMIT_ANON_PER_MIN', env.RATE_LIMIT_ANON_PER_MIN);
  const key = positiveNumber('RATE_LIMIT_KEY_PER_MIN', env.RATE_LIMIT_KEY_PER_MIN);
  const burst = (perMinute: number) => Math.max(10, Math.ceil(perMinute / 2));
  if (anon) out.anonymous = { perMinute: anon, burst: burst(anon) };
  if (key) out.key = { perMinute: key, burst: burst(key) };
  if (key) out.admin = { perMinute: Math.min(key, DEFAULT_RATE_LIMITS.admin.perMinute * 10), burst: burst(key) };
  return out;
}

/** PORT → 1–65535 (default 8787). */
export function portFromEnv(value: string | undefined, fallback = 8787): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be an integer 0–65535, got ${JSON.stringify(value)}`);
  return n;
}

/** SEARCH_MAX_EVALUATIONS / SEARCH_TIME_BUDGET_MS → server-side bounds of POST /v1/search (unset = defaults). */
export function searchLimitsFromEnv(env: Record<string, string | undefined>): { maxEvaluations?: number; maxMilliseconds?: number } {
  const maxEvaluations = positiveNumber('SEARCH_MAX_EVALUATIONS', env.SEARCH_MAX_EVALUATIONS);
  const maxMilliseconds = positiveNumber('SEARCH_TIME_BUDGET_MS', env.SEARCH_TIME_BUDGET_MS);
  return { ...(maxEvaluations ? { maxEvaluations: Math.floor(maxEvaluations) } : {}), ...(maxMilliseconds ? { maxMilliseconds } : {}) };
}
