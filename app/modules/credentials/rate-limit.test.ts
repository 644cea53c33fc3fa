import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("token bucket per key", () => {
  it("allows the capacity at once, then refuses with Retry-After until a token comes back", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 30, windowMs: 60_000, now: c.now });
    for (let i = 0; i < 30; i++) expect(limiter.take("1.2.3.4").ok).toBe(true);
    expect(limiter.take("1.2.3.4")).toEqual({ ok: false, retryAfterSeconds: 2 }); // one token per 2 s
    c.advance(1_999);
    expect(limiter.take("1.2.3.4").ok).toBe(false);
    c.advance(1);
    expect(limiter.take("1.2.3.4")).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take("1.2.3.4").ok).toBe(false);
  });

  it("keeps keys apart", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 2, windowMs: 60_000, now: c.now });
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b")).toEqual({ ok: true, remaining: 1 });
  });

  it("refills continuously up to the capacity, never beyond", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 30, windowMs: 60_000, now: c.now });
    for (let i = 0; i < 30; i++) limiter.take("ip");
    c.advance(30_000);
    expect(limiter.take("ip")).toEqual({ ok: true, remaining: 14 });
    c.advance(10 * 60_000);
    expect(limiter.take("ip")).toEqual({ ok: true, remaining: 29 });
  });

  it("survives a clock that goes backwards and drops idle buckets when full", () => {
    const c = clock();
    const limiter = createRateLimiter({ capacity: 1, windowMs: 60_000, now: c.now, maxKeys: 3 });
    limiter.take("x");
    c.advance(-5_000);
    expect(limiter.take("x")).toEqual({ ok: false, retryAfterSeconds: 60 });
    for (const key of ["k1", "k2", "k3", "k4"]) limiter.take(key);
    expect(limiter.size()).toBeLessThanOrEqual(3);
    expect(() => createRateLimiter({ capacity: 0, windowMs: 1 })).toThrow();
  });
});
