import { describe, expect, it } from "vitest";
import { CLEAR_AFTER_STREAK, REVIEW_INTERVAL_DAYS, addMiss, dueAfterDays, dueEntries, recordReview, type NotebookEntry } from "./notebook";

/** A moment written as Shanghai wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe("dueAfterDays: calendar days in Asia/Shanghai", () => {
  it("a miss late in the evening is due the next morning at 04:00, not 24 hours later", () => {
    expect(dueAfterDays(shanghai("2025-03-10T23:30:00"), 1)).toEqual(shanghai("2025-03-11T04:00:00"));
  });

  it("counts the Shanghai date, not the UTC one", () => {
    // 00:30 on the 11th in Shanghai is still the 10th in UTC (16:30Z); tomorrow is the 12th.
    expect(dueAfterDays(shanghai("2025-03-11T00:30:00"), 1)).toEqual(shanghai("2025-03-12T04:00:00"));
    // 07:59 Shanghai = 23:59Z the previous UTC day.
    expect(dueAfterDays(shanghai("2025-03-11T07:59:00"), 1)).toEqual(shanghai("2025-03-12T04:00:00"));
  });

  it("crosses month and year ends", () => {
    expect(dueAfterDays(shanghai("2024-12-31T20:00:00"), 1)).toEqual(shanghai("2025-01-01T04:00:00"));
    expect(dueAfterDays(shanghai("2024-02-28T09:00:00"), 3)).toEqual(shanghai("2024-03-02T04:00:00")); // 2024 is a leap year
  });
});

describe("addMiss", () => {
  const now = shanghai("2025-03-10T23:30:00");

  it("adds a new entry due tomorrow at 04:00", () => {
    expect(addMiss(null, "q1", now)).toEqual({
      questionId: "q1",
      addedAt: now,
      dueAt: shanghai("2025-03-11T04:00:00"),
      correctStreak: 0,
      reviews: 0,
      cleared: false,
    });
  });

  it("sends an existing entry back to the start, even a cleared one, keeping when it was first added", () => {
    const cleared: NotebookEntry = {
      questionId: "q1",
      addedAt: shanghai("2025-01-02T10:00:00"),
      dueAt: shanghai("2025-01-20T04:00:00"),
      correctStreak: 2,
      reviews: 4,
      cleared: true,
    };
    expect(addMiss(cleared, "q1", now)).toEqual({ ...cleared, dueAt: shanghai("2025-03-11T04:00:00"), correctStreak: 0, cleared: false });
    expect(cleared.cleared).toBe(true); // the input is not changed
  });

  it("refuses an entry for another question", () => {
    expect(() => addMiss(addMiss(null, "q1", now), "q2", now)).toThrow();
  });
});

describe("recordReview: the path to clearing a question", () => {
  it("clears a question answered right on two spaced reviews: the next day, then three days later", () => {
    expect(REVIEW_INTERVAL_DAYS.slice(0, 2)).toEqual([1, 3]);
    expect(CLEAR_AFTER_STREAK).toBe(2);

    const missed = addMiss(null, "q1", shanghai("2025-03-10T21:00:00")); // due 11th 04:00
    const first = recordReview(missed, true, shanghai("2025-03-11T19:00:00"));
    expect(first).toMatchObject({ correctStreak: 1, reviews: 1, cleared: false, dueAt: shanghai("2025-03-14T04:00:00") });

    const second = recordReview(first, true, shanghai("2025-03-14T08:00:00"));
    expect(second).toMatchObject({ correctStreak: 2, reviews: 2, cleared: true });
    expect(dueEntries([second], shanghai("2025-12-31T12:00:00"))).toEqual([]);
  });

  it("does not count a correct answer given before the entry is due", () => {
    const missed = addMiss(null, "q1", shanghai("2025-03-10T21:00:00"));
    // Same evening, and at 03:59 the next morning: both too early.
    const sameEvening = recordReview(missed, true, shanghai("2025-03-10T21:05:00"));
    const beforeDawn = recordReview(sameEvening, true, shanghai("2025-03-11T03:59:00"));
    expect(beforeDawn).toEqual({ ...missed, reviews: 2 });
    // From 04:00 it counts.
    expect(recordReview(beforeDawn, true, shanghai("2025-03-11T04:00:00")).correctStreak).toBe(1);
  });

  it("restarts the streak on a wrong answer, due tomorrow", () => {
    const missed = addMiss(null, "q1", shanghai("2025-03-10T21:00:00"));
    const first = recordReview(missed, true, shanghai("2025-03-11T19:00:00"));
    const wrong = recordReview(first, false, shanghai("2025-03-14T23:30:00"));
    expect(wrong).toMatchObject({ correctStreak: 0, reviews: 2, cleared: false, dueAt: shanghai("2025-03-15T04:00:00") });
  });

  it("reopens a cleared question answered wrongly, and leaves it cleared when answered rightly", () => {
    const cleared: NotebookEntry = {
      questionId: "q1",
      addedAt: shanghai("2025-03-01T10:00:00"),
      dueAt: shanghai("2025-03-12T04:00:00"),
      correctStreak: 2,
      reviews: 2,
      cleared: true,
    };
    expect(recordReview(cleared, true, shanghai("2025-03-20T10:00:00"))).toEqual({ ...cleared, reviews: 3 });
    expect(recordReview(cleared, false, shanghai("2025-03-20T10:00:00"))).toMatchObject({
      correctStreak: 0,
      reviews: 3,
      cleared: false,
      dueAt: shanghai("2025-03-21T04:00:00"),
    });
  });
});

describe("dueEntries", () => {
  const entry = (questionId: string, dueAt: string, extra: Partial<NotebookEntry> = {}): NotebookEntry => ({
    questionId,
    addedAt: shanghai("2025-03-01T10:00:00"),
    dueAt: shanghai(dueAt),
    correctStreak: 0,
    reviews: 0,
    cleared: false,
    ...extra,
  });

  it("lists what is due now, longest waiting first, leaving out cleared and future entries", () => {
    const entries = [
      entry("later", "2025-03-12T04:00:00"),
      entry("yesterday", "2025-03-10T04:00:00"),
      entry("cleared", "2025-03-09T04:00:00", { cleared: true }),
      entry("dueNow", "2025-03-11T04:00:00"),
      entry("lastWeek", "2025-03-04T04:00:00"),
    ];
    expect(dueEntries(entries, shanghai("2025-03-11T04:00:00")).map((e) => e.questionId)).toEqual(["lastWeek", "yesterday", "dueNow"]);
  });

  it("orders entries due at the same time by when they were added, then by question", () => {
    const entries = [
      entry("b", "2025-03-10T04:00:00"),
      entry("newer", "2025-03-10T04:00:00", { addedAt: shanghai("2025-03-05T10:00:00") }),
      entry("a", "2025-03-10T04:00:00"),
    ];
    expect(dueEntries(entries, shanghai("2025-03-11T12:00:00")).map((e) => e.questionId)).toEqual(["a", "b", "newer"]);
  });
});
