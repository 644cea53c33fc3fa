import { describe, expect, it } from "vitest";
import {
  childOnPath,
  daysLeft,
  expiringWithin,
  holds,
  lapseReason,
  monthStart,
  nextMonths,
  parseSearchQuery,
  parseTodoQuery,
  rate,
  reminderAllowed,
  shanghaiMonth,
  storedStatusFor,
  windowBounds,
} from "./report-rules";
import { parseShanghaiDate } from "./rules";

const day = (s: string) => parseShanghaiDate(s)!;
const at = (iso: string) => new Date(iso);
const type = { graceDays: 90, renewal: { windowMonths: 6 } };
const active = (validUntil: string) => ({ status: "ACTIVE", validUntil: day(validUntil) });

describe("expiring within N days", () => {
  // Last valid day 2026-03-31: valid until 2026-04-01 00:00 Shanghai.
  const c = active("2026-03-31");
  it("enters the 30-day window exactly 30 days before the end of the last valid day", () => {
    expect(expiringWithin(c, type, at("2026-03-01T23:59:59+08:00"), 30)).toBe(false);
    expect(expiringWithin(c, type, at("2026-03-02T00:00:00+08:00"), 30)).toBe(true);
    expect(expiringWithin(c, type, at("2026-03-01T00:00:00+08:00"), 60)).toBe(true);
  });
  it("counts the last valid day, not the day after (then it is in grace)", () => {
    expect(expiringWithin(c, type, at("2026-03-31T23:59:59+08:00"), 30)).toBe(true);
    expect(expiringWithin(c, type, at("2026-04-01T00:00:00+08:00"), 30)).toBe(false);
  });
  it("90 days ahead and not before", () => {
    expect(expiringWithin(c, type, at("2026-01-01T00:00:00+08:00"), 90)).toBe(true);
    expect(expiringWithin(c, type, at("2025-12-31T23:59:59+08:00"), 90)).toBe(false);
  });
  it("handles a leap day as the last valid day", () => {
    const leap = active("2028-02-29");
    expect(expiringWithin(leap, type, at("2028-01-31T00:00:00+08:00"), 30)).toBe(true);
    expect(expiringWithin(leap, type, at("2028-01-30T23:59:59+08:00"), 30)).toBe(false);
    expect(daysLeft(leap.validUntil, at("2028-02-29T00:00:00+08:00"))).toBe(1);
  });
  it("a credential without expiry or not ACTIVE never expires", () => {
    expect(expiringWithin({ status: "ACTIVE", validUntil: null }, type, at("2026-03-30T00:00:00+08:00"), 90)).toBe(false);
    expect(expiringWithin({ status: "SUSPENDED", validUntil: day("2026-03-31") }, type, at("2026-03-30T00:00:00+08:00"), 90)).toBe(false);
  });
  it("the SQL prefilter bounds contain every match", () => {
    const asOf = at("2026-03-02T00:00:00+08:00");
    const b = windowBounds(asOf, 30);
    expect(b.from.getTime()).toBeLessThanOrEqual(day("2026-03-01").getTime());
    expect(b.to.getTime()).toBeGreaterThanOrEqual(day("2026-03-31").getTime());
  });
});

describe("holding", () => {
  it("counts ACTIVE and EXPIRING only", () => {
    expect(holds(active("2030-01-01"), type, at("2026-01-01T00:00:00+08:00"))).toBe(true);
    expect(holds(active("2026-03-31"), type, at("2026-03-31T12:00:00+08:00"))).toBe(true); // EXPIRING
    expect(holds(active("2026-03-31"), type, at("2026-04-01T00:00:00+08:00"))).toBe(false); // GRACE
    expect(holds({ status: "SUSPENDED", validUntil: day("2030-01-01") }, type, at("2026-01-01T00:00:00+08:00"))).toBe(false);
    expect(holds({ status: "APPLIED", validUntil: null }, type, at("2026-01-01T00:00:00+08:00"))).toBe(false);
    expect(holds({ status: "ACTIVE", validUntil: null }, { graceDays: 0 }, at("2026-01-01T00:00:00+08:00"))).toBe(true);
  });
  it("rates are null without staff", () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe("reminders", () => {
  const now = at("2026-03-10T10:00:00+08:00");
  it("allows one every 7 days", () => {
    expect(reminderAllowed(null, now)).toBe(true);
    expect(reminderAllowed(at("2026-03-03T10:00:01+08:00"), now)).toBe(false);
    expect(reminderAllowed(at("2026-03-03T10:00:00+08:00"), now)).toBe(true);
  });
});

describe("expired on enforcement posts", () => {
  const asOf = at("2026-06-01T00:00:00+08:00");
  it("lists expired past grace, revoked and never issued; not valid, grace or suspended", () => {
    expect(lapseReason([], type, asOf)).toBe("NONE");
    expect(lapseReason([{ status: "REJECTED", validUntil: null }], type, asOf)).toBe("NONE");
    expect(lapseReason([{ status: "APPLIED", validUntil: null }], type, asOf)).toBe("NONE");
    expect(lapseReason([{ status: "REVOKED", validUntil: day("2029-01-01") }], type, asOf)).toBe("REVOKED");
    expect(lapseReason([active("2026-01-01")], type, asOf)).toBe("EXPIRED"); // grace ended 2026-04-02
    expect(lapseReason([active("2026-03-31")], type, asOf)).toBeNull(); // in grace until 2026-06-30
    expect(lapseReason([{ status: "SUSPENDED", validUntil: day("2029-01-01") }], type, asOf)).toBeNull();
    expect(lapseReason([{ status: "REVOKED", validUntil: null }, active("2029-01-01")], type, asOf)).toBeNull();
    expect(lapseReason([{ status: "REVOKED", validUntil: null }, active("2025-01-01")], type, asOf)).toBe("EXPIRED");
  });
});

describe("months and paths", () => {
  it("uses Shanghai months and wraps years", () => {
    expect(shanghaiMonth(at("2026-01-31T16:00:00Z"))).toBe("2026-02");
    expect(shanghaiMonth(at("2026-01-31T15:59:59Z"))).toBe("2026-01");
    expect(nextMonths(at("2026-11-15T00:00:00+08:00"), 3)).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(nextMonths(at("2026-11-15T00:00:00+08:00"), 12)).toHaveLength(12);
    expect(monthStart("2027-01").toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });
  it("finds the child on a path", () => {
    expect(childOnPath("/a/b/c/", 1)).toBe("c");
    expect(childOnPath("/a/b/", 1)).toBeNull();
  });
  it("parses filters leniently", () => {
    expect(parseSearchQuery(new URLSearchParams("status=EXPIRING&window=60&q=%20张&page=2"))).toMatchObject({ status: "EXPIRING", window: 60, q: "张", page: 2 });
    expect(parseSearchQuery(new URLSearchParams("status=BOGUS&window=45"))).toMatchObject({ status: undefined, window: undefined });
    expect(parseTodoQuery(new URLSearchParams("list=nope&days=7"))).toMatchObject({ list: "expiring", days: 30, page: 1 });
    expect(storedStatusFor("GRACE")).toBe("ACTIVE");
    expect(storedStatusFor("REVOKED")).toBe("REVOKED");
  });
});
