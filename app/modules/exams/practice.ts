import { BLANK_MARKER, type OptionKey, type QuestionContent } from "~/modules/questions/content";
import type { Response } from "~/modules/questions/rules";
import { topicMatches } from "~/modules/syllabus/rules";
import { dueEntries, type NotebookEntry } from "./notebook";

/*
 * Self-practice and the wrong-answer notebook: the pure parts. What a learner's browser
 * gets before answering (never the key), the key shown after answering, how the next
 * question is picked, and how the notebook is split for display. No I/O.
 */

/** Types offered in practice: case analysis needs a marker, so it is never offered. */
export const PRACTICE_TYPES = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_BLANK"] as const;
export type PracticeType = (typeof PRACTICE_TYPES)[number];

export function isPracticeType(type: string): type is PracticeType {
  return (PRACTICE_TYPES as readonly string[]).includes(type);
}

/** A question as the learner's browser sees it before answering: no answer, no explanation, no notes. */
export type PracticeQuestion = {
  id: string;
  versionId: string;
  type: PracticeType;
  stem: string;
  options: { key: string; text: string }[];
  /** Number of blanks of a fill-in-the-blank question (0 otherwise). */
  blanks: number;
};

/** Picks the public fields only: building a new object means no other field can slip through. */
export function publicQuestion(questionId: string, versionId: string, content: QuestionContent): PracticeQuestion {
  if (!isPracticeType(content.type)) throw new Error(`question ${questionId} is ${content.type}, not offered in practice`);
  return {
    id: questionId,
    versionId,
    type: content.type,
    stem: content.stem,
    options: content.type === "SINGLE" || content.type === "MULTIPLE" ? content.options.map((o) => ({ key: o.key, text: o.text })) : [],
    blanks: content.type === "FILL_BLANK" ? (content.stem.match(BLANK_MARKER) ?? []).length : 0,
  };
}

/** The key as shown after answering (immediate feedback is the point of practice). */
export type CorrectAnswer =
  | { type: "SINGLE" | "MULTIPLE"; keys: OptionKey[] }
  | { type: "TRUE_FALSE"; value: boolean }
  | { type: "FILL_BLANK"; blanks: string[][] };

export function correctAnswerOf(content: Pick<QuestionContent, "answer">): CorrectAnswer {
  const a = content.answer;
  switch (a.type) {
    case "SINGLE":
      return { type: "SINGLE", keys: [a.correct] };
    case "MULTIPLE":
      return { type: "MULTIPLE", keys: [...a.correct].sort() };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: a.correct };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: a.blanks.map((b) => [...b.accepted]) };
    case "CASE_ANALYSIS":
      throw new Error("case analysis is not offered in practice");
  }
}

/** What an answer did to the notebook entry. */
export type NotebookOutcome = "added" | "restarted" | "advanced" | "cleared" | "early" | null;

/** The feedback after answering: the key and explanation are shown at once. */
export type PracticeFeedback = {
  ok: true;
  correct: boolean;
  correctAnswer: CorrectAnswer;
  explanation: string;
  lawRefs: QuestionContent["lawRefs"];
  /** The learner's own response, echoed so the card can mark it. */
  response: Response;
  /** What the answer did to the notebook entry, and when the entry is next due (null once cleared). */
  notebook: { outcome: NotebookOutcome; dueAt: Date | null; correctStreak: number; cleared: boolean } | null;
};

/** An answer refused before it was recorded (empty, or not of the question's type): a dictionary key. */
export type PracticeAnswerResult = PracticeFeedback | { ok: false; error: string };

/** Form fields of the practice card, as posted. */
export type PracticeForm = { choice?: string | null; choices?: string[]; value?: string | null; blanks?: string[] };

/** The response of the question's type built from the posted fields (extra fields are ignored). */
export function responseFromForm(type: PracticeType, form: PracticeForm): Response {
  switch (type) {
    case "SINGLE":
      return { type: "SINGLE", choice: form.choice ? form.choice.slice(0, 8) : null };
    case "MULTIPLE":
      return { type: "MULTIPLE", choices: [...new Set((form.choices ?? []).map((c) => c.slice(0, 8)))].sort().slice(0, 8) };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: form.value === "true" ? true : form.value === "false" ? false : null };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: (form.blanks ?? []).slice(0, 20).map((b) => b.slice(0, 500)) };
  }
}

export type PracticeCandidate = { questionId: string; lastAnsweredAt: Date | null };

/**
 * The question answered least recently: never-answered questions first, chosen at
 * random among them (so two learners, or one learner coming back, do not always get
 * the same sequence); otherwise the one answered longest ago (random among ties).
 */
export function pickLeastRecent(candidates: PracticeCandidate[], random: () => number = Math.random): string | null {
  if (!candidates.length) return null;
  const never = candidates.filter((c) => c.lastAnsweredAt === null);
  let tier: PracticeCandidate[];
  if (never.length) tier = never;
  else {
    const oldest = Math.min(...candidates.map((c) => c.lastAnsweredAt!.getTime()));
    tier = candidates.filter((c) => c.lastAnsweredAt!.getTime() === oldest);
  }
  return tier[Math.min(tier.length - 1, Math.floor(random() * tier.length))].questionId;
}

export type TopicCount = { total: number; byType: Record<PracticeType, number> };

const emptyCount = (): TopicCount => ({ total: 0, byType: { SINGLE: 0, MULTIPLE: 0, TRUE_FALSE: 0, FILL_BLANK: 0 } });

/**
 * Questions per topic, a topic counting the questions of its subtopics (topicMatches):
 * each question once per topic even when it cites several of its subtopics.
 */
export function countByTopic(topicCodes: string[], questions: { type: string; topicCodes: string[] }[]): Map<string, TopicCount> {
  const counts = new Map(topicCodes.map((c) => [c, emptyCount()]));
  for (const q of questions) {
    if (!isPracticeType(q.type)) continue;
    for (const code of topicCodes) {
      if (!q.topicCodes.some((t) => topicMatches(code, t))) continue;
      const c = counts.get(code)!;
      c.total += 1;
      c.byType[q.type] += 1;
    }
  }
  return counts;
}

/**
 * The notebook as shown: due entries (longest-waiting first), scheduled ones (soonest
 * first) and cleared ones (most recently added first).
 */
export function notebookSections<E extends NotebookEntry>(entries: E[], now: Date): { due: E[]; later: E[]; cleared: E[] } {
  const due = dueEntries(entries, now) as E[];
  const dueSet = new Set(due);
  const later = entries.filter((e) => !e.cleared && !dueSet.has(e)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const cleared = entries.filter((e) => e.cleared).sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime());
  return { due, later, cleared };
}
