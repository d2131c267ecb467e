/**
 * Per-caller rate limiting. The caller is the API key (keyed requests) or the client IP (anonymous requests).
 * Production Workers use the Workers rate-limit binding (`workersRateLimiter`); Node uses in-memory token
 * buckets (`createMemoryRateLimiter`), which are per process (and per isolate on Workers if used there).
 */

/** Class of caller: anonymous callers get a smaller budget than keys. */
export type RateClass = 'anonymous' | 'key' | 'admin';

export interface RateDecision {
  allowed: boolean;
  /** Requests allowed per window (for the RateLimit-Limit header); undefined when the backend does not say. */
  limit?: number;
  remaining?: number;
  /** Seconds until a request would be allowed again (Retry-After on 429). */
  retryAfterSeconds?: number;
}

export interface RateLimiter {
  limit(subject: { key: string; class: RateClass }): Promise<RateDecision> | RateDecision;
}

export interface BucketConfig {
  /** Sustained requests per minute. */
  perMinute: number;
  /** Bucket capacity (largest burst). */
  burst: number;
}

export const DEFAULT_RATE_LIMITS: Record<RateClass, BucketConfig> = {
  anonymous: { perMinute: 120, burst: 60 },
  key: { perMinute: 1200, burst: 200 },
  admin: { perMinute: 600, burst: 100 },
};

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * Token buckets in a Map with insertion-order eviction: at most `maxEntries` callers are tracked, so memory is
 * bounded even under an address-spraying client (an evicted caller just starts again with a full bucket).
 */
export function createMemoryRateLimiter(
  opts: { limits?: Partial<Record<RateClass, BucketConfig>>; now?: () => number; maxEntries?: number } = {},
): RateLimiter {
  const limits: Record<RateClass, BucketConfig> = { ...DEFAULT_RATE_LIMITS, ...opts.limits };
  const now = opts.now ?? (() => Date.now());
  const maxEntries = opts.maxEntries ?? 10_000;
  const buckets = new Map<string, Bucket>();
  return {
    limit({ key, class: cls }) {
      const cfg = limits[cls];
      const ratePerMs = cfg.perMinute / 60_000;
      const t = now();
      const mapKey = `${cls}:${key}`;
      let b = buckets.get(mapKey);
      if (b) {
        b.tokens = Math.min(cfg.burst, b.tokens + (t - b.updatedMs) * ratePerMs);
        b.updatedMs = t;
        buckets.delete(mapKey); // re-insert to keep the most recent callers at the end
      } else {
        b = { tokens: cfg.burst, updatedMs: t };
        if (buckets.size >= maxEntries) {
          const oldest = buckets.keys().next();
          if (!oldest.done) buckets.delete(oldest.value);
        }
      }
      buckets.set(mapKey, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { allowed: true, limit: cfg.burst, remaining: Math.floor(b.tokens) };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000));
      return { allowed: false, limit: cfg.burst, remaining: 0, retryAfterSeconds };
    },
  };
}

/** The shape of a Workers rate-limit binding (`[[unsafe.bindings]] type = "ratelimit"` / `[[ratelimits]]`). */
export interface WorkersRateLimitBinding {
  limit(opts: { key: string }): Promise<{ success: boolean }>;
}

/**
 * Rate limiter over Workers rate-limit bindings: one binding per caller class (the limit and period are set in
 * wrangler.toml). A class without a binding falls back to `fallback` (in-memory, per isolate).
 */
export function workersRateLimiter(
  bindings: Partial<Record<RateClass, WorkersRateLimitBinding>>,
  fallback: RateLimiter = createMemoryRateLimiter(),
): RateLimiter {
  return {
    async limit(subject) {
      const binding = bindings[subject.class];
      if (!binding) return fallback.limit(subject);
      const { success } = await binding.limit({ key: `${subject.class}:${subject.key}` });
      // The binding's period is 10 or 60 s; it does not report remaining tokens.
      return success ? { allowed: true } : { allowed: false, retryAfterSeconds: 60 };
    },
  };
}
