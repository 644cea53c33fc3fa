import { z } from "zod";
import { validatePoints } from "./marking";

/*
 * Pure pieces of marking and regrading shared by the routes and grading.server.ts:
 * the forms' schemas, the anonymous code a marker sees instead of a name, and the
 * reasons written on score changes. No I/O.
 */

/** Messages for `validatePoints` problems (dictionary keys, written out so the key scan finds them). */
export const POINTS_ERRORS = {
  NEGATIVE: "marking.errors.negative",
  ABOVE_MAX: "marking.errors.aboveMax",
  NOT_HALF_STEP: "marking.errors.halfStep",
} as const;

/**
 * The mark form for one response worth `maxPoints`. `round` is the round the marker was
 * shown: when someone else marked that round meanwhile, the server refuses instead of
 * silently recording the mark in another round.
 */
export function markSchema(maxPoints: number) {
  return z
    .object({
      points: z.coerce.number({ message: "marking.errors.points" }),
      comment: z.string().trim().max(2_000, { message: "marking.errors.commentTooLong" }).default(""),
      round: z.coerce.number().int().min(1).max(3),
    })
    .superRefine((value, ctx) => {
      const problem = validatePoints(value.points, maxPoints);
      if (problem !== "OK") ctx.addIssue({ code: "custom", path: ["points"], message: POINTS_ERRORS[problem] });
    });
}

/** The regrade form: a question of the exam, optionally a version (default: the latest), and a preview or apply intent. */
export const regradeSchema = z.object({
  questionId: z.string({ message: "marking.errors.chooseQuestion" }).min(1, { message: "marking.errors.chooseQuestion" }).max(40),
  versionId: z.string().max(40).optional(),
  intent: z.enum(["preview", "apply"]).default("preview"),
});

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // no 0/O, 1/I/L: read aloud or typed without mistakes

/**
 * The anonymous code a marker sees for an attempt ("K7Q-3MX"): derived from the attempt
 * id only, so it carries nothing about the candidate, and stays the same on every page
 * (a marker can quote it to the exam office). 31^6 ≈ 8.9 × 10^8 codes.
 */
export function shortCode(attemptId: string): string {
  // Two independent 32-bit FNV-1a hashes (different offsets) give enough bits for six characters.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < attemptId.length; i++) {
    const c = attemptId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  let code = "";
  for (let i = 0; i < 6; i++) {
    const source = i < 3 ? a : b;
    const shift = (i % 3) * 10;
    code += CODE_ALPHABET[((source >>> shift) & 0x3ff) % CODE_ALPHABET.length];
  }
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** ScoreChange reasons. */
export const MARKED_REASON = "MARKED";
export function regradeReason(versionId: string): string {
  return `REGRADE: ${versionId}`;
}

/** The objective part of an attempt from stored fractions, rounded as on submit. */
export function objectiveScoreOf(items: { points: number; fraction: number | null; subjective: boolean }[]): number {
  const sum = items.reduce((s, i) => s + (i.subjective ? 0 : (i.fraction ?? 0) * i.points), 0);
  return Math.round(sum * 100) / 100;
}

/** Whether a case-analysis response has any text (an empty one is still marked, as "no answer"). */
export function hasAnswerText(response: unknown): boolean {
  return !!response && typeof response === "object" && typeof (response as { text?: unknown }).text === "string" && (response as { text: string }).text.trim() !== "";
}
