import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { projectYearEnd } from "~/modules/hours/rules";
import {
  atLeastSql,
  bucketCounts,
  bucketIndex,
  buckets,
  bucketSql,
  behindPaceSql,
  childOnPath,
  classRates,
  isBehindPace,
  isoWeekKey,
  isoWeekStart,
  isRotationCovered,
  latestMarks,
  paceParams,
  paceTest,
  parsePeriod,
  parseYear,
  periodBounds,
  periodDueDate,
  periodFor,
  PLAN_PERIODS,
  projectedTotal,
  rate,
  rollUp,
  trendYears,
} from "./rules";

/** Shanghai wall-clock time as a UTC instant. */
const sh = (iso: string) => new Date(`${iso}+08:00`);

describe("hours buckets", () => {
  it("puts hours in 0–15, 15–30, 30–45, 45–60, 60+ (lower bound inclusive)", () => {
    expect(buckets()).toEqual([
      { from: 0, to: 15 },
      { from: 15, to: 30 },
      { from: 30, to: 45 },
      { from: 45, to: 60 },
      { from: 60, to: null },
    ]);
    expect([0, 14.75, 15, 29.99, 30, 44, 45, 59.75, 60, 200].map(bucketIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("the SQL buckets agree with bucketIndex", () => {
    const sqlite = new Database(":memory:");
    const exprs = bucketSql("h");
    for (const h of [0, 0.25, 14.99, 15, 15.25, 29.75, 30, 44.5, 45, 59.99, 60, 61, 500]) {
      const row = sqlite.prepare(`SELECT ${exprs.map((e, i) => `${e} AS b${i}`).join(", ")} FROM (SELECT ? AS h)`).get(h) as Record<string, number>;
      const hits = exprs.map((_, i) => row[`b${i}`]);
      expect(hits.filter(Boolean)).toHaveLength(1);
      expect(hits.indexOf(1)).toBe(bucketIndex(h));
    }
    sqlite.close();
  });
});

describe("hours buckets from cumulative sums", () => {
  it("atLeastSql summed over a group gives the same counts as bucketIndex", () => {
    const sqlite = new Database(":memory:");
    const hours = [-1, 0, 0.25, 14.99, 15, 15.25, 29.75, 30, 44.5, 45, 59.99, 60, 61, 500];
    const sums = sqlite
      .prepare(`SELECT COUNT(*) AS n, ${atLeastSql("h").map((e, i) => `SUM(${e}) AS a${i}`).join(", ")} FROM (SELECT "value" AS h FROM json_each(?))`)
      .get(JSON.stringify(hours)) as Record<string, number>;
    const atLeast = atLeastSql("h").map((_, i) => sums[`a${i}`]);
    const expected = [0, 0, 0, 0, 0];
    for (const h of hours) expected[bucketIndex(h)]++;
    expect(bucketCounts(sums.n, atLeast)).toEqual(expected);
    expect(bucketCounts(0, [0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
    sqlite.close();
  });
});

describe("behind pace", () => {
  const days = [sh("2026-01-03T10:00:00"), sh("2026-03-31T12:00:00"), sh("2026-07-01T09:00:00"), sh("2026-12-31T20:00:00"), sh("2027-02-01T00:00:00"), sh("2025-12-01T00:00:00")];
  const people = [
    { credited: 0, carriedIn: 0, required: 60 },
    { credited: 14, carriedIn: 0, required: 60 },
    { credited: 15, carriedIn: 0, required: 60 },
    { credited: 30, carriedIn: 0, required: 60 },
    { credited: 10, carriedIn: 20, required: 60 },
    { credited: 0, carriedIn: 60, required: 60 },
    { credited: 61, carriedIn: 0, required: 60 },
    { credited: 5, carriedIn: 0, required: 0 },
    { credited: 44.75, carriedIn: 0, required: 60 },
  ];

  it("answers exactly like projectYearEnd with the requirement net of carried-in hours", () => {
    for (const asOf of days) {
      const test = paceTest(asOf, 2026);
      for (const p of people) {
        const expected = projectYearEnd(p.credited, asOf, 2026, Math.max(0, p.required - p.carriedIn)).behindPace;
        expect(isBehindPace(p.credited, p.carriedIn, p.required, test), `${asOf.toISOString()} ${JSON.stringify(p)}`).toBe(expected);
      }
    }
  });

  it("the SQL condition agrees with isBehindPace", () => {
    const sqlite = new Database(":memory:");
    for (const asOf of days) {
      const test = paceTest(asOf, 2026);
      const statement = sqlite.prepare(`SELECT ${behindPaceSql(test, "c", "ci", "r")} AS behind FROM (SELECT @c AS c, @ci AS ci, @r AS r)`);
      for (const p of people) {
        const { behind } = statement.get({ c: p.credited, ci: p.carriedIn, r: p.required, ...paceParams(test) }) as { behind: number };
        expect(!!behind, `${asOf.toISOString()} ${JSON.stringify(p)}`).toBe(isBehindPace(p.credited, p.carriedIn, p.required, test));
      }
    }
    sqlite.close();
  });

  it("on July 1 someone with 15 hours projects to about 30 and is behind; 30 hours is on pace", () => {
    const test = paceTest(sh("2026-07-01T09:00:00"), 2026);
    expect(test.basis).toBe("PACE");
    expect(projectedTotal(15, 0, test)).toBeCloseTo(30, 0);
    expect(isBehindPace(15, 0, 60, test)).toBe(true);
    expect(isBehindPace(30, 0, 60, test)).toBe(false);
    // Carried-in hours count towards the total but do not accrue.
    expect(projectedTotal(10, 20, test)).toBeCloseTo(40.1, 0);
  });

  it("nobody is behind in a year not yet begun, and a past year projects to what was credited", () => {
    expect(isBehindPace(0, 0, 60, paceTest(sh("2025-12-01T00:00:00"), 2026))).toBe(false);
    const ended = paceTest(sh("2027-02-01T00:00:00"), 2026);
    expect(projectedTotal(59.75, 0, ended)).toBe(59.75);
    expect(isBehindPace(59.75, 0, 60, ended)).toBe(true);
  });
});

describe("years", () => {
  it("defaults to the current Shanghai year and refuses far or malformed years", () => {
    const asOf = sh("2026-12-31T23:30:00");
    expect(parseYear(null, asOf)).toBe(2026);
    expect(parseYear("2024", asOf)).toBe(2024);
    expect(parseYear("2027", asOf)).toBe(2027);
    expect(parseYear("2028", asOf)).toBe(2026);
    expect(parseYear("x", asOf)).toBe(2026);
    expect(parseYear("1999", asOf)).toBe(2026);
    expect(trendYears(2026)).toEqual([2022, 2023, 2024, 2025, 2026]);
  });
});

describe("roll-up to child units", () => {
  const root = { id: "p", path: "/n/p/", depth: 1 };
  const paths: Record<string, string> = { p: "/n/p/", c1: "/n/p/c1/", k1: "/n/p/c1/k1/", c2: "/n/p/c2/", other: "/n/q/" };

  it("finds the child on a path", () => {
    expect(childOnPath("/n/p/c1/k1/", 1)).toBe("c1");
    expect(childOnPath("/n/p/", 1)).toBeNull();
    expect(childOnPath("/n/p/c1/k1/", 0)).toBe("p");
  });

  it("adds counts of grandchildren into their child, the unit's own people apart, and ignores other subtrees", () => {
    const rows = [
      { unitId: "p", officers: 1, met: 1 },
      { unitId: "c1", officers: 2, met: 1 },
      { unitId: "k1", officers: 3, met: 0 },
      { unitId: "c2", officers: 4, met: 4 },
      { unitId: "other", officers: 100, met: 100 },
      { unitId: "unknown", officers: 100, met: 100 },
    ];
    const out = rollUp(root, (id) => paths[id], rows, () => ({ officers: 0, met: 0 }));
    expect(out.total).toEqual({ officers: 10, met: 6 });
    expect(out.self).toEqual({ officers: 1, met: 1 });
    expect(out.children.get("c1")).toEqual({ officers: 5, met: 1 });
    expect(out.children.get("c2")).toEqual({ officers: 4, met: 4 });
    expect(out.children.size).toBe(2);
  });

  it("a rate of nobody is null, not zero", () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe("rotation training", () => {
  const [first, second] = PLAN_PERIODS;

  it("has the national 2021–2025 period and the assumed 2026–2030 one", () => {
    expect(first).toMatchObject({ key: "2021-2025", assumed: false });
    expect(second).toMatchObject({ key: "2026-2030", assumed: true });
    expect(periodFor(2023)).toBe(first);
    expect(periodFor(2026)).toBe(second);
    expect(periodFor(2019)).toBe(first);
    expect(periodFor(2040)).toBe(second);
    expect(parsePeriod("2021-2025", sh("2026-05-01T00:00:00"))).toBe(first);
    expect(parsePeriod("bogus", sh("2026-05-01T00:00:00"))).toBe(second);
  });

  it("bounds periods by the Shanghai calendar and is due on the last day", () => {
    const { from, to } = periodBounds(first);
    expect(from.toISOString()).toBe("2020-12-31T16:00:00.000Z");
    expect(to.toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(periodDueDate(first).toISOString()).toBe("2025-12-30T16:00:00.000Z");
  });

  it("covers an officer with a completed post-training class ending in the period, nothing else", () => {
    const done = (classType: string, end: string, status = "COMPLETED") => ({ status, classType, classEndDate: sh(end) });
    expect(isRotationCovered([done("POST_INITIAL", "2023-06-30T17:00:00")], first)).toBe(true);
    expect(isRotationCovered([done("POST_RENEWAL", "2025-12-31T23:59:00")], first)).toBe(true);
    // Ends on New Year's Day in Shanghai: the next period.
    expect(isRotationCovered([done("POST_RENEWAL", "2026-01-01T00:00:00")], first)).toBe(false);
    expect(isRotationCovered([done("POST_RENEWAL", "2026-01-01T00:00:00")], second)).toBe(true);
    expect(isRotationCovered([done("OFF_POST", "2023-06-30T17:00:00")], first)).toBe(false);
    expect(isRotationCovered([done("POST_INITIAL", "2023-06-30T17:00:00", "ENROLLED")], first)).toBe(false);
    expect(isRotationCovered([done("POST_INITIAL", "2023-06-30T17:00:00", "INCOMPLETE")], first)).toBe(false);
    expect(isRotationCovered([], first)).toBe(false);
  });
});

describe("classes", () => {
  it("takes the newest attendance mark per session and person", () => {
    const t = (m: number) => new Date(Date.UTC(2026, 4, 1, 1, m));
    const marks = [
      { id: "a", sessionId: "s1", personId: "p1", present: false, recordedAt: t(0) },
      { id: "b", sessionId: "s1", personId: "p1", present: true, recordedAt: t(5) },
      { id: "c", sessionId: "s1", personId: "p2", present: true, recordedAt: t(1) },
      { id: "d", sessionId: "s1", personId: "p2", present: false, recordedAt: t(9) },
      { id: "e", sessionId: "s2", personId: "p1", present: true, recordedAt: t(1) },
    ];
    const latest = latestMarks(marks);
    expect(latest.map((m) => m.id).sort()).toEqual(["b", "d", "e"]);
    expect(latest.filter((m) => m.present)).toHaveLength(2);
  });

  it("fill is seats over capacity and attendance is present marks over seats × sessions held", () => {
    expect(classRates({ capacity: 40, seated: 30, sessionsHeld: 4, present: 90 })).toEqual({ fill: 0.75, attendance: 0.75 });
    expect(classRates({ capacity: 0, seated: 0, sessionsHeld: 0, present: 0 })).toEqual({ fill: null, attendance: null });
  });
});

describe("ISO weeks in Shanghai", () => {
  it("keys weeks the ISO way, at Shanghai midnight", () => {
    expect(isoWeekKey(sh("2026-01-01T12:00:00"))).toBe("2026-W01");
    expect(isoWeekKey(sh("2027-01-01T12:00:00"))).toBe("2026-W53");
    expect(isoWeekKey(sh("2024-12-30T00:00:00"))).toBe("2025-W01");
    // Sunday 23:59 and Monday 00:00 in Shanghai are different weeks even though both are Sunday in UTC.
    expect(isoWeekKey(sh("2026-03-08T23:59:00"))).toBe("2026-W10");
    expect(isoWeekKey(sh("2026-03-09T00:00:00"))).toBe("2026-W11");
  });

  it("starts the week on Monday 00:00 Shanghai", () => {
    expect(isoWeekStart(sh("2026-03-11T15:00:00")).toISOString()).toBe(sh("2026-03-09T00:00:00").toISOString());
    expect(isoWeekStart(sh("2026-03-09T00:00:00")).toISOString()).toBe(sh("2026-03-09T00:00:00").toISOString());
    expect(isoWeekStart(sh("2026-03-08T23:59:00")).toISOString()).toBe(sh("2026-03-02T00:00:00").toISOString());
    for (const d of [sh("2026-03-11T15:00:00"), sh("2027-01-01T12:00:00")]) expect(isoWeekKey(isoWeekStart(d))).toBe(isoWeekKey(d));
  });
});
