import { z } from "zod";
import { attemptDeadline } from "./rules";

/*
 * Invigilation rules as pure functions: the extension form, what an extension does to an
 * attempt's deadline, and the time left by the server's clock. Shared by the
 * invigilator page (client validation) and invigilation.server.ts.
 */

/** Integrity and lifecycle events the invigilator sees counted per candidate. */
export const WATCHED_EVENTS = ["FOCUS_LOST", "TAB_HIDDEN", "COPY", "PASTE", "RECONNECT", "TAKEOVER"] as const;
export type WatchedEvent = (typeof WATCHED_EVENTS)[number];

export const ATTEMPT_STATUSES = ["IN_PROGRESS", "SUBMITTED"] as const;
export const SUBMIT_KINDS = ["CANDIDATE", "DEADLINE", "TAB_LIMIT"] as const;

export const MAX_EXTENSION_MINUTES = 120;

/** Extending one candidate's time. Messages are dictionary keys. */
export const extendTimeSchema = z.object({
  attemptId: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }).max(40),
  minutes: z.coerce
    .number({ message: "exams.errors.extendMinutes" })
    .int({ message: "exams.errors.extendMinutes" })
    .min(1, { message: "exams.errors.extendMinutes" })
    .max(MAX_EXTENSION_MINUTES, { message: "exams.errors.extendMinutes" }),
  reason: z.string({ message: "exams.errors.reasonRequired" }).trim().min(1, { message: "exams.errors.reasonRequired" }).max(200, { message: "errors.tooLong" }),
});
export type ExtendTimeInput = z.output<typeof extendTimeSchema>;

/** Why minutes cannot be added (a dictionary key), or null. */
export function extensionProblem(minutes: number, reason: string): string | null {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_EXTENSION_MINUTES) return "exams.errors.extendMinutes";
  if (!reason.trim()) return "exams.errors.reasonRequired";
  return null;
}

export type ExtendableAttempt = { startedAt: Date; extraMinutes: number; durationMinutes: number; closesAt: Date };

/** The attempt's extra minutes and deadline after adding `minutes` (the close of the exam moves for this candidate too). */
export function extended(a: ExtendableAttempt, minutes: number): { extraMinutes: number; deadlineAt: Date } {
  const extraMinutes = a.extraMinutes + minutes;
  return { extraMinutes, deadlineAt: attemptDeadline(a.startedAt, a.durationMinutes, extraMinutes, a.closesAt) };
}

/** Whole seconds left until the deadline by the server's clock; never negative. */
export function secondsLeft(deadlineAt: Date, now: Date): number {
  return Math.max(0, Math.floor((deadlineAt.getTime() - now.getTime()) / 1000));
}

/** "1:05:09" or "4:07" for a count of seconds. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
