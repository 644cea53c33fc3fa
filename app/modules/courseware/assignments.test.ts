import { describe, expect, it } from "vitest";
import { dueDateProblem, dueDateToUtc, isPastDue } from "./assignments.server";

describe("due dates", () => {
  it("are due at the end of the day in China", () => {
    expect(dueDateToUtc("2026-03-01").toISOString()).toBe("2026-03-01T15:59:59.999Z");
  });

  it("refuse days before today in China; today is allowed", () => {
    // 2026-03-01 20:00 UTC is already 2 March in Beijing.
    const now = new Date("2026-03-01T20:00:00Z");
    expect(dueDateProblem("2026-03-01", now)).toBe("assignments.errors.dueInPast");
    expect(dueDateProblem("2026-03-02", now)).toBeNull();
    expect(dueDateProblem("2026-12-31", now)).toBeNull();
  });

  it("refuse impossible days and typing errors far ahead", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(dueDateProblem("2026-02-30", now)).toBe("errors.dateFormat");
    expect(dueDateProblem("2026/04/01", now)).toBe("errors.dateFormat");
    expect(dueDateProblem("2031-03-01", now)).toBeNull();
    expect(dueDateProblem("2031-03-02", now)).toBe("assignments.errors.dueTooFar");
  });

  it("are past once the due moment has gone by", () => {
    const due = dueDateToUtc("2026-03-01");
    expect(isPastDue(due, new Date("2026-03-01T15:59:59.000Z"))).toBe(false);
    expect(isPastDue(due, new Date("2026-03-01T16:00:00.000Z"))).toBe(true);
    expect(isPastDue(null, new Date())).toBe(false);
  });
});
