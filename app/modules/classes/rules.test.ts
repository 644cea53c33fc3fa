import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  acceptedWindows,
  attendedSessions,
  canTransition,
  certificateCodeFrom,
  checkinCodeValid,
  checkinMessage,
  checkinWindow,
  classCode,
  classLevelFor,
  classSchema,
  completionOutcome,
  inAudience,
  inclusiveDays,
  isSameShanghaiDay,
  latestMarks,
  maskName,
  nextClassSeq,
  promotions,
  seatFor,
  secondsLeftInWindow,
  shanghaiMidnight,
  shortCode,
  surveyAverages,
  urlCode,
  utilisation,
  waitlistOrder,
} from "./rules";

const mac = (message: string) =>
  createHmac("sha256", "test-key").update(message).digest("base64url");

describe("completion rule", () => {
  it("needs the attendance share", () => {
    expect(
      completionOutcome({
        sessions: 5,
        attended: 4,
        requiredPct: 80,
        testRequired: false,
        testPassed: false,
      })
    ).toEqual({ complete: true, attendancePct: 80, reasons: [] });
    expect(
      completionOutcome({
        sessions: 5,
        attended: 3,
        requiredPct: 80,
        testRequired: false,
        testPassed: false,
      })
    ).toEqual({ complete: false, attendancePct: 60, reasons: ["attendance"] });
  });
  it("compares exactly, without rounding (2 of 3 is below 67 %)", () => {
    expect(
      completionOutcome({
        sessions: 3,
        attended: 2,
        requiredPct: 67,
        testRequired: false,
        testPassed: false,
      }).complete
    ).toBe(false);
    expect(
      completionOutcome({
        sessions: 3,
        attended: 2,
        requiredPct: 66,
        testRequired: false,
        testPassed: false,
      }).complete
    ).toBe(true);
  });
  it("needs the class test when one is set", () => {
    expect(
      completionOutcome({
        sessions: 2,
        attended: 2,
        requiredPct: 100,
        testRequired: true,
        testPassed: false,
      }).reasons
    ).toEqual(["test"]);
    expect(
      completionOutcome({
        sessions: 2,
        attended: 0,
        requiredPct: 100,
        testRequired: true,
        testPassed: false,
      }).reasons
    ).toEqual(["attendance", "test"]);
    expect(
      completionOutcome({
        sessions: 2,
        attended: 2,
        requiredPct: 100,
        testRequired: true,
        testPassed: true,
      }).complete
    ).toBe(true);
  });
  it("0 % or no sessions: attendance never blocks; extra marks never exceed 100 %", () => {
    expect(
      completionOutcome({
        sessions: 4,
        attended: 0,
        requiredPct: 0,
        testRequired: false,
        testPassed: false,
      }).complete
    ).toBe(true);
    expect(
      completionOutcome({
        sessions: 0,
        attended: 0,
        requiredPct: 80,
        testRequired: false,
        testPassed: false,
      })
    ).toMatchObject({ complete: true, attendancePct: 100 });
    expect(
      completionOutcome({
        sessions: 2,
        attended: 5,
        requiredPct: 100,
        testRequired: false,
        testPassed: false,
      }).attendancePct
    ).toBe(100);
  });
});

describe("seats and the waiting list", () => {
  it("fills seats, then waitlists", () => {
    expect(seatFor(0, 1)).toBe("ENROLLED");
    expect(seatFor(1, 1)).toBe("WAITLISTED");
    expect(seatFor(5, 3)).toBe("WAITLISTED");
  });
  it("promotes the earliest waitlisted first, id breaking ties", () => {
    const t = (s: number) => new Date(1_700_000_000_000 + s * 1000);
    const waiting = [
      { id: "c", createdAt: t(3) },
      { id: "b", createdAt: t(1) },
      { id: "a", createdAt: t(1) },
      { id: "d", createdAt: t(2) },
    ];
    expect(waitlistOrder(waiting).map((w) => w.id)).toEqual([
      "a",
      "b",
      "d",
      "c",
    ]);
    expect(promotions(waiting, 1).map((w) => w.id)).toEqual(["a"]);
    expect(promotions(waiting, 2).map((w) => w.id)).toEqual(["a", "b"]);
    expect(promotions(waiting, 0)).toEqual([]);
    expect(promotions(waiting, -1)).toEqual([]);
    expect(promotions(waiting, 9)).toHaveLength(4);
  });
});

describe("check-in codes", () => {
  const now = new Date("2026-03-02T02:00:30Z");
  const w = checkinWindow(now);
  const code = (window: number) => urlCode(mac(checkinMessage("s1", window)));
  const short = (window: number) =>
    shortCode(mac(checkinMessage("s1", window)));

  it("rotates every 60 seconds and accepts the current and previous window", () => {
    expect(checkinWindow(new Date(now.getTime() + 60_000))).toBe(w + 1);
    expect(acceptedWindows(now)).toEqual([w, w - 1]);
    expect(checkinCodeValid(mac, "s1", code(w), now, "url")).toBe(true);
    expect(checkinCodeValid(mac, "s1", code(w - 1), now, "url")).toBe(true);
    expect(checkinCodeValid(mac, "s1", code(w - 2), now, "url")).toBe(false);
    expect(checkinCodeValid(mac, "s1", code(w + 1), now, "url")).toBe(false);
    // A code shown a minute ago still works for one more window, not two.
    expect(
      checkinCodeValid(
        mac,
        "s1",
        code(w),
        new Date(now.getTime() + 60_000),
        "url"
      )
    ).toBe(true);
    expect(
      checkinCodeValid(
        mac,
        "s1",
        code(w),
        new Date(now.getTime() + 120_000),
        "url"
      )
    ).toBe(false);
  });
  it("binds the code to the session", () => {
    expect(checkinCodeValid(mac, "s2", code(w), now, "url")).toBe(false);
  });
  it("short codes are six digits and checked the same way", () => {
    expect(short(w)).toMatch(/^\d{6}$/);
    expect(checkinCodeValid(mac, "s1", short(w), now, "short")).toBe(true);
    expect(checkinCodeValid(mac, "s1", ` ${short(w - 1)} `, now, "short")).toBe(
      true
    );
    expect(
      checkinCodeValid(
        mac,
        "s1",
        short(w - 2) === short(w) ? "x" : short(w - 2),
        now,
        "short"
      )
    ).toBe(false);
    expect(urlCode(mac("x"))).toHaveLength(16);
  });
  it("counts down to the next window", () => {
    expect(secondsLeftInWindow(now)).toBe(30);
    expect(secondsLeftInWindow(new Date("2026-03-02T02:00:00Z"))).toBe(60);
  });
});

describe("days between dates (China calendar)", () => {
  it("counts inclusive calendar days", () => {
    expect(
      inclusiveDays(
        shanghaiMidnight("2026-03-02"),
        shanghaiMidnight("2026-03-02")
      )
    ).toBe(1);
    expect(
      inclusiveDays(
        shanghaiMidnight("2026-03-02"),
        shanghaiMidnight("2026-03-06")
      )
    ).toBe(5);
    expect(
      inclusiveDays(
        shanghaiMidnight("2026-02-27"),
        shanghaiMidnight("2026-03-02")
      )
    ).toBe(4);
    expect(
      inclusiveDays(
        shanghaiMidnight("2024-02-28"),
        shanghaiMidnight("2024-03-01")
      )
    ).toBe(3);
    expect(
      inclusiveDays(
        shanghaiMidnight("2025-12-31"),
        shanghaiMidnight("2026-01-01")
      )
    ).toBe(2);
    expect(
      inclusiveDays(
        shanghaiMidnight("2026-03-06"),
        shanghaiMidnight("2026-03-02")
      )
    ).toBe(0);
  });
  it("uses the China day, not the UTC day", () => {
    // 2026-03-02 23:30 in China is still 15:30 UTC the same day; 00:30 China is the previous UTC day.
    expect(
      inclusiveDays(
        new Date("2026-03-01T16:30:00Z"),
        new Date("2026-03-02T15:30:00Z")
      )
    ).toBe(1);
    expect(
      isSameShanghaiDay(
        new Date("2026-03-01T16:30:00Z"),
        new Date("2026-03-02T15:59:59Z")
      )
    ).toBe(true);
    expect(
      isSameShanghaiDay(
        new Date("2026-03-01T15:59:59Z"),
        new Date("2026-03-02T01:00:00Z")
      )
    ).toBe(false);
  });
});

describe("attendance marks", () => {
  it("the newest mark per session and person wins", () => {
    const latest = latestMarks([
      { sessionId: "s1", personId: "p", present: true, seq: 1 },
      { sessionId: "s1", personId: "p", present: false, seq: 3 },
      { sessionId: "s2", personId: "p", present: false, seq: 2 },
      { sessionId: "s2", personId: "p", present: true, seq: 4 },
      { sessionId: "s1", personId: "q", present: true, seq: 5 },
    ]);
    expect(latest.get("s1:p")?.present).toBe(false);
    expect(latest.get("s2:p")?.present).toBe(true);
    expect(attendedSessions(latest, "p", ["s1", "s2", "s3"])).toBe(1);
    expect(attendedSessions(latest, "q", ["s1", "s2"])).toBe(1);
  });
});

describe("audience", () => {
  const paths = new Map([["hz", "/n/zj/hz/"]]);
  it("defaults to the organiser's subtree and any category", () => {
    expect(
      inAudience({ categories: [], unitIds: [] }, "/n/zj/", paths, {
        category: "ENFORCEMENT",
        unitPath: "/n/zj/hz/",
      })
    ).toBe(true);
    expect(
      inAudience({ categories: [], unitIds: [] }, "/n/zj/", paths, {
        category: "ENFORCEMENT",
        unitPath: "/n/js/",
      })
    ).toBe(false);
  });
  it("restricts by category and by listed units", () => {
    expect(
      inAudience({ categories: ["MONITORING"], unitIds: [] }, "/n/zj/", paths, {
        category: "ENFORCEMENT",
        unitPath: "/n/zj/hz/",
      })
    ).toBe(false);
    expect(
      inAudience({ categories: [], unitIds: ["hz"] }, "/n/zj/", paths, {
        category: "ENFORCEMENT",
        unitPath: "/n/zj/hz/x/",
      })
    ).toBe(true);
    expect(
      inAudience({ categories: [], unitIds: ["hz"] }, "/n/zj/", paths, {
        category: "ENFORCEMENT",
        unitPath: "/n/zj/nb/",
      })
    ).toBe(false);
  });
});

describe("codes, names, utilisation, survey", () => {
  it("numbers classes per unit and year", () => {
    expect(classCode("330000", 2026, 7)).toBe("330000-2026-007");
    expect(
      nextClassSeq(
        [
          "330000-2026-001",
          "330000-2026-012",
          "330000-2025-099",
          "320000-2026-050",
        ],
        "330000",
        2026
      )
    ).toBe(13);
    expect(nextClassSeq([], "330000", 2026)).toBe(1);
  });
  it("certificate codes use an unambiguous alphabet", () => {
    const code = certificateCodeFrom(
      new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255])
    );
    expect(code).toMatch(/^CC[A-HJ-NP-Z2-9]{12}$/);
  });
  it("masks names", () => {
    expect(maskName("张小明")).toBe("张*明");
    expect(maskName("张伟")).toBe("张*");
    expect(maskName("欧阳小明")).toBe("欧**明");
    expect(maskName("王")).toBe("王");
  });
  it("utilisation clips classes to the period", () => {
    const from = shanghaiMidnight("2026-01-01");
    const to = shanghaiMidnight("2026-01-10");
    const u = utilisation(
      [
        {
          startDate: shanghaiMidnight("2025-12-30"),
          endDate: shanghaiMidnight("2026-01-02"),
          participants: 10,
        }, // 2 days in period
        {
          startDate: shanghaiMidnight("2026-01-05"),
          endDate: shanghaiMidnight("2026-01-06"),
          participants: 5,
        }, // 2 days
      ],
      10,
      from,
      to
    );
    expect(u).toEqual({ used: 30, available: 100, pct: 30 });
  });
  it("survey averages", () => {
    expect(surveyAverages([])).toEqual({
      count: 0,
      averages: {
        content: null,
        trainers: null,
        organisation: null,
        usefulness: null,
      },
    });
    expect(
      surveyAverages([
        { content: 5, trainers: 4, organisation: 3, usefulness: 5 },
        { content: 4, trainers: 4, organisation: 4, usefulness: 2 },
      ])
    ).toEqual({
      count: 2,
      averages: {
        content: 4.5,
        trainers: 4,
        organisation: 3.5,
        usefulness: 3.5,
      },
    });
  });
  it("levels and transitions", () => {
    expect(classLevelFor("NATIONAL")).toBe("NATIONAL");
    expect(classLevelFor("CITY")).toBe("PROVINCE");
    expect(canTransition("DRAFT", "OPEN")).toBe(true);
    expect(canTransition("DRAFT", "COMPLETED")).toBe(false);
    expect(canTransition("COMPLETED", "CANCELLED")).toBe(false);
  });
});

describe("class form", () => {
  const base = {
    title: "执法实训班",
    type: "OFF_POST",
    unitId: "u",
    startDate: "2026-03-02",
    endDate: "2026-03-04",
    capacity: "30",
    creditHours: "18",
    category: "PROFESSIONAL_LEGAL",
    enrolmentMode: "BOTH",
    completionAttendancePct: "80",
    trainerStaffNos: "TR330001，TR330002",
  };
  it("parses lists and numbers", () => {
    const v = classSchema.parse(base);
    expect(v.trainerStaffNos).toEqual(["TR330001", "TR330002"]);
    expect(v.capacity).toBe(30);
    expect(v.categories).toEqual([]);
  });
  it("refuses an end before the start and sessions outside the dates", () => {
    const r = classSchema.safeParse({ ...base, endDate: "2026-03-01" });
    expect(r.success).toBe(false);
    const s = classSchema.safeParse({
      ...base,
      sessions: [
        {
          title: "开班",
          startsAt: "2026-03-05T09:00",
          endsAt: "2026-03-05T11:00",
        },
      ],
    });
    expect(s.success).toBe(false);
    if (!s.success)
      expect(s.error.issues[0].message).toBe("classes.errors.sessionOutside");
    expect(classSchema.safeParse({ ...base, creditHours: "1.1" }).success).toBe(
      false
    );
  });
});
