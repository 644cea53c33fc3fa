/*
 * The wrong-answer notebook (错题本): every question a learner misses comes back for
 * review at growing intervals until they have answered it right twice, on separate
 * days. Pure: no I/O; entries are returned as new objects.
 */

export type NotebookEntry = {
  questionId: string;
  /** When the question first entered the notebook. */
  addedAt: Date;
  dueAt: Date;
  /** Correct spaced reviews in a row. */
  correctStreak: number;
  /** Every review recorded, early or wrong ones included. */
  reviews: number;
  cleared: boolean;
};

/**
 * Days until the next review, indexed by the current streak: a miss comes back the
 * next day, then after 3 days, then 7. Expanding gaps are the spacing effect: each
 * successful recall after a longer gap strengthens memory more than a repeat.
 */
export const REVIEW_INTERVAL_DAYS: readonly number[] = [1, 3, 7];

/** Two correct spaced recalls (next day, then three days later) take a question out of the notebook. */
export const CLEAR_AFTER_STREAK = 2;

/** Learners are in China: days turn in Asia/Shanghai, which has had no daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Reviews fall due at 04:00 Shanghai time: a learner who studies late gets them the next morning, not at midnight. */
export const DUE_HOUR_SHANGHAI = 4;

/** 04:00 Shanghai time on the calendar day `days` after the Shanghai date of `now`. */
export function dueAfterDays(now: Date, days: number): Date {
  const shanghaiDay = Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  return new Date((shanghaiDay + days) * DAY_MS + DUE_HOUR_SHANGHAI * 60 * 60 * 1000 - SHANGHAI_OFFSET_MS);
}

/**
 * Records a missed question: a new entry due tomorrow, or an existing one sent back
 * to the start — streak 0, due tomorrow, back in the notebook even if it had been
 * cleared (missing it again shows it was not learned).
 */
export function addMiss(entry: NotebookEntry | null, questionId: string, now: Date): NotebookEntry {
  if (entry && entry.questionId !== questionId) throw new Error(`notebook entry is for ${entry.questionId}, not ${questionId}`);
  const dueAt = dueAfterDays(now, REVIEW_INTERVAL_DAYS[0]);
  if (!entry) return { questionId, addedAt: now, dueAt, correctStreak: 0, reviews: 0, cleared: false };
  return { ...entry, dueAt, correctStreak: 0, cleared: false };
}

/**
 * Records a review. Only a correct answer given once the entry is due advances the
 * streak (then it is due after the next interval, or cleared on reaching
 * CLEAR_AFTER_STREAK): answering again minutes later proves nothing about memory.
 * A wrong answer, at any time and even on a cleared entry, restarts it: streak 0,
 * due tomorrow.
 */
export function recordReview(entry: NotebookEntry, correct: boolean, now: Date): NotebookEntry {
  const reviews = entry.reviews + 1;
  if (!correct) return { ...entry, reviews, correctStreak: 0, cleared: false, dueAt: dueAfterDays(now, REVIEW_INTERVAL_DAYS[0]) };
  if (entry.cleared || now.getTime() < entry.dueAt.getTime()) return { ...entry, reviews };

  const correctStreak = entry.correctStreak + 1;
  const interval = REVIEW_INTERVAL_DAYS[Math.min(correctStreak, REVIEW_INTERVAL_DAYS.length - 1)];
  return { ...entry, reviews, correctStreak, cleared: correctStreak >= CLEAR_AFTER_STREAK, dueAt: dueAfterDays(now, interval) };
}

/** Entries to review now: not cleared and due, the longest-waiting first. */
export function dueEntries(entries: NotebookEntry[], now: Date): NotebookEntry[] {
  return entries
    .filter((e) => !e.cleared && e.dueAt.getTime() <= now.getTime())
    .sort(
      (a, b) =>
        a.dueAt.getTime() - b.dueAt.getTime() ||
        a.addedAt.getTime() - b.addedAt.getTime() ||
        (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0),
    );
}
