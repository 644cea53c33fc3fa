/*
 * A token bucket per key (the client IP), in memory. Each key starts with `capacity`
 * tokens; a request takes one; tokens come back at `capacity` per `windowMs`, continuously.
 *
 * The buckets live in the memory of ONE server process: with several workers
 * (WEB_CONCURRENCY) each has its own, so the effective limit is up to workers × capacity,
 * and a restart forgets them. That is enough to stop enumerating verification codes
 * (the codes carry ~100 bits); it is not an accounting of requests.
 */

export type RateLimitDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  take(key: string): RateLimitDecision;
  /** Buckets currently held (for tests and health checks). */
  size(): number;
};

export function createRateLimiter(options: { capacity: number; windowMs: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const { capacity, windowMs } = options;
  if (!(capacity >= 1) || !(windowMs > 0)) throw new Error("A rate limit needs capacity ≥ 1 and a positive window");
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const ratePerMs = capacity / windowMs;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const refilled = (bucket: { tokens: number; at: number }, t: number) => Math.min(capacity, bucket.tokens + Math.max(0, t - bucket.at) * ratePerMs);

  function prune(t: number) {
    // Full buckets carry no information: drop them. If every bucket is busy, drop the oldest.
    for (const [key, bucket] of buckets) if (refilled(bucket, t) >= capacity) buckets.delete(key);
    while (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
  }

  return {
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) prune(t);
        bucket = { tokens: capacity, at: t };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = refilled(bucket, t);
        bucket.at = t;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true, remaining: Math.floor(bucket.tokens) };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
    },
    size: () => buckets.size,
  };
}
