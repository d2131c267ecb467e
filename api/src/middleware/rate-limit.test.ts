import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, workersRateLimiter } from './rate-limit.js';

describe('in-memory token buckets', () => {
  it('allows a burst, then refills at the sustained rate', async () => {
    let now = 0;
    const rl = createMemoryRateLimiter({ limits: { key: { perMinute: 60, burst: 3 } }, now: () => now });
    const ask = () => rl.limit({ key: 'k1', class: 'key' });
    expect([await ask(), await ask(), await ask()].map((d) => d.allowed)).toEqual([true, true, true]);
    const denied = await ask();
    expect(denied).toMatchObject({ allowed: false, remaining: 0 });
    expect(denied.retryAfterSeconds).toBe(1);
    now += 999;
    expect((await ask()).allowed).toBe(false);
    now += 1;
    expect((await ask()).allowed).toBe(true);
    now += 60_000;
    expect((await ask()).remaining).toBe(2); // refilled to the burst, never beyond
  });

  it('keeps callers and classes apart', async () => {
    const rl = createMemoryRateLimiter({ limits: { anonymous: { perMinute: 1, burst: 1 }, key: { perMinute: 1, burst: 1 } }, now: () => 0 });
    expect((await rl.limit({ key: 'a', class: 'anonymous' })).allowed).toBe(true);
    expect((await rl.limit({ key: 'a', class: 'anonymous' })).allowed).toBe(false);
    expect((await rl.limit({ key: 'b', class: 'anonymous' })).allowed).toBe(true);
    expect((await rl.limit({ key: 'a', class: 'key' })).allowed).toBe(true);
  });

  it('tracks a bounded number of callers (address spraying cannot grow memory without bound)', async () => {
    const rl = createMemoryRateLimiter({ limits: { anonymous: { perMinute: 1, burst: 1 } }, now: () => 0, maxEntries: 100 });
    for (let i = 0; i < 1000; i++) await rl.limit({ key: `ip${i}`, class: 'anonymous' });
    // ip0 was evicted long ago and starts again with a full bucket; ip999 is still tracked and empty.
    expect((await rl.limit({ key: 'ip0', class: 'anonymous' })).allowed).toBe(true);
    expect((await rl.limit({ key: 'ip999', class: 'anonymous' })).allowed).toBe(false);
  });
});

describe('Workers rate-limit bindings', () => {
  it('uses the binding of the caller class, keyed by class and caller, and falls back without one', async () => {
    const seen: string[] = [];
    const binding = { limit: async ({ key }: { key: string }) => (seen.push(key), { success: seen.length < 2 }) };
    const fallback = createMemoryRateLimiter({ limits: { admin: { perMinute: 1, burst: 1 } }, now: () => 0 });
    const rl = workersRateLimiter({ anonymous: binding }, fallback);
    expect(await rl.limit({ key: '1.2.3.4', class: 'anonymous' })).toEqual({ allowed: true });
    expect(await rl.limit({ key: '1.2.3.4', class: 'anonymous' })).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(seen).toEqual(['anonymous:1.2.3.4', 'anonymous:1.2.3.4']);
    expect((await rl.limit({ key: 'admin', class: 'admin' })).allowed).toBe(true);
    expect((await rl.limit({ key: 'admin', class: 'admin' })).allowed).toBe(false);
  });
});
