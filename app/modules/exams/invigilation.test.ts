import { describe, expect, it } from "vitest";
import { extended, extendTimeSchema, extensionProblem, formatClock, secondsLeft } from "./invigilation";

const start = new Date("2026-06-01T01:00:00Z");
const minutes = (n: number) => n * 60_000;

describe("extended", () => {
  it("adds the minutes to the time allowance", () => {
    const closesAt = new Date(start.getTime() + minutes(600));
    expect(extended({ startedAt: start, extraMinutes: 0, durationMinutes: 90, closesAt }, 15)).toEqual({ extraMinutes: 15, deadlineAt: new Date(start.getTime() + minutes(105)) });
    expect(extended({ startedAt: start, extraMinutes: 15, durationMinutes: 90, closesAt }, 10)).toEqual({ extraMinutes: 25, deadlineAt: new Date(start.getTime() + minutes(115)) });
  });

  it("moves the exam's close for this candidate when the close was the limit", () => {
    const closesAt = new Date(start.getTime() + minutes(30));
    expect(extended({ startedAt: start, extraMinutes: 0, durationMinutes: 90, closesAt }, 20).deadlineAt).toEqual(new Date(start.getTime() + minutes(50)));
  });
});

describe("extensionProblem and the form schema", () => {
  it("wants 1–120 whole minutes and a reason", () => {
    expect(extensionProblem(1, "断电")).toBeNull();
    expect(extensionProblem(120, "断电")).toBeNull();
    expect(extensionProblem(0, "断电")).toBe("exams.errors.extendMinutes");
    expect(extensionProblem(121, "断电")).toBe("exams.errors.extendMinutes");
    expect(extensionProblem(1.5, "断电")).toBe("exams.errors.extendMinutes");
    expect(extensionProblem(10, "  ")).toBe("exams.errors.reasonRequired");
  });

  it("parses the form's strings", () => {
    expect(extendTimeSchema.parse({ attemptId: "a1", minutes: "15", reason: " 断电 " })).toEqual({ attemptId: "a1", minutes: 15, reason: "断电" });
    const bad = extendTimeSchema.safeParse({ attemptId: "a1", minutes: "500", reason: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(["exams.errors.extendMinutes", "exams.errors.reasonRequired"]);
  });
});

describe("the server's clock", () => {
  it("counts whole seconds left, never below zero", () => {
    const deadline = new Date(start.getTime() + minutes(10));
    expect(secondsLeft(deadline, start)).toBe(600);
    expect(secondsLeft(deadline, new Date(deadline.getTime() + 5000))).toBe(0);
    expect(secondsLeft(deadline, new Date(deadline.getTime() - 1500))).toBe(1);
  });

  it("formats a countdown", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(247)).toBe("4:07");
    expect(formatClock(3909)).toBe("1:05:09");
  });
});
