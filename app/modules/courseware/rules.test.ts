import { describe, expect, it } from "vitest";
import { completionBlockers, lessonMetaSchema, minutesStillNeeded, resumeLesson, secondsForBeat } from "./rules";

const t0 = new Date("2026-11-28T02:00:00Z");
const after = (s: number) => new Date(t0.getTime() + s * 1000);

describe("secondsForBeat: time on task", () => {
  it("counts the time since the last beat while the page is visible and the learner active", () => {
    expect(secondsForBeat(t0, after(30), { visible: true, idleSeconds: 5 })).toBe(30);
  });

  it("starts the clock on the first beat without crediting anything", () => {
    expect(secondsForBeat(null, after(30), { visible: true, idleSeconds: 0 })).toBe(0);
  });

  it("credits nothing while hidden or idle beyond the limit", () => {
    expect(secondsForBeat(t0, after(30), { visible: false, idleSeconds: 0 })).toBe(0);
    expect(secondsForBeat(t0, after(30), { visible: true, idleSeconds: 180 })).toBe(0);
    expect(secondsForBeat(t0, after(30), { visible: true, idleSeconds: 179 })).toBe(30);
  });

  it("does not credit long gaps (a sleeping tab, a locked phone) or clocks that go backwards", () => {
    expect(secondsForBeat(t0, after(91), { visible: true, idleSeconds: 0 })).toBe(0);
    expect(secondsForBeat(t0, after(-5), { visible: true, idleSeconds: 0 })).toBe(0);
  });

  it("caps one beat at a little more than the beat interval, so a late beat cannot earn a minute", () => {
    expect(secondsForBeat(t0, after(80), { visible: true, idleSeconds: 0 })).toBe(35);
  });
});

describe("completion and credit", () => {
  it("needs 60% of the estimated time and every knowledge check passed", () => {
    expect(completionBlockers({ secondsOnTask: 17 * 60, estimatedMinutes: 30, checksTotal: 1, checksPassed: 1 })).toEqual(["courseware.blockers.time"]);
    expect(completionBlockers({ secondsOnTask: 18 * 60, estimatedMinutes: 30, checksTotal: 2, checksPassed: 1 })).toEqual(["courseware.blockers.checks"]);
    expect(completionBlockers({ secondsOnTask: 18 * 60, estimatedMinutes: 30, checksTotal: 2, checksPassed: 2 })).toEqual([]);
  });

  it("says how many minutes are still needed", () => {
    expect(minutesStillNeeded(0, 30)).toBe(18);
    expect(minutesStillNeeded(17 * 60 + 1, 30)).toBe(1);
    expect(minutesStillNeeded(40 * 60, 30)).toBe(0);
  });
});

describe("resumeLesson", () => {
  const lessons = [
    { id: "a", position: 1 },
    { id: "b", position: 2 },
    { id: "c", position: 3 },
  ];
  it("returns the lesson worked on most recently that is not finished", () => {
    expect(
      resumeLesson(lessons, [
        { lessonVersionId: "a", lastBeatAt: after(10), completedAt: after(20) },
        { lessonVersionId: "c", lastBeatAt: after(30), completedAt: null },
        { lessonVersionId: "b", lastBeatAt: after(5), completedAt: null },
      ])?.id,
    ).toBe("c");
  });
  it("otherwise the first lesson not completed, or null when all are done", () => {
    expect(resumeLesson(lessons, [])?.id).toBe("a");
    expect(resumeLesson(lessons, [{ lessonVersionId: "a", lastBeatAt: after(1), completedAt: after(2) }])?.id).toBe("b");
    expect(resumeLesson(lessons, lessons.map((l) => ({ lessonVersionId: l.id, lastBeatAt: after(1), completedAt: after(2) })))).toBeNull();
  });
});

describe("lesson front matter", () => {
  it("accepts a complete front matter and rejects credit that is not a quarter hour", () => {
    expect(lessonMetaSchema.safeParse({ title: "立案", minutes: 30, creditHours: 0.5, syllabusCodes: ["PEN.PROC"] }).success).toBe(true);
    const bad = lessonMetaSchema.safeParse({ title: "立案", minutes: 30, creditHours: 0.3 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("courseware.errors.creditHours");
  });
});
