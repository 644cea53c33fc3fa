import { z } from "zod";
import type { Actor } from "~/lib/actor.server";
import { db, rawQuery, sqliteTime, write } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/request.server";
import { covers } from "~/modules/access/rules";
import { score, type Response } from "~/modules/questions/rules";
import { currentSyllabus } from "~/modules/syllabus/syllabus.server";
import { versionContent } from "./attempts.server";
import { addMiss, recordReview, type NotebookEntry } from "./notebook";
import {
  correctAnswerOf,
  countByTopic,
  isPracticeType,
  notebookSections,
  pickLeastRecent,
  PRACTICE_TYPES,
  publicQuestion,
  responseFromForm,
  type NotebookOutcome,
  type PracticeAnswerResult,
  type PracticeQuestion,
  type PracticeType,
  type TopicCount,
} from "./practice";
import { isAnswered, responseSchema } from "./rules";

/*
 * Self-practice by syllabus topic and the wrong-answer notebook (错题本). A learner
 * practises the active questions of the banks of their unit and the units above it
 * (national + own province: the same rule as an exam's live pool, papers.server.ts
 * livePool). Questions go to the browser without their key; the answer is checked
 * here, appended to PracticeAnswer (never updated or deleted: triggers enforce it), and
 * the key and explanation come back at once, because feedback is the point of practice.
 * A miss goes into the notebook (notebook.ts), where spaced reviews clear it.
 */

/** "/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"]: the unit and every unit above it. */
function ancestorPaths(unitPath: string): string[] {
  return unitPath
    .split("/")
    .filter(Boolean)
    .map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}/`);
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
const practiceTypesSql = PRACTICE_TYPES.map((t) => `'${t}'`).join(", ");

type PoolRow = { id: string; type: string; latestVersionId: string; topicCode: string | null };

/** Practisable questions (active, objective) of the learner's banks, one row per question × topic. */
function poolRows(unitPath: string): PoolRow[] {
  const ancestors = ancestorPaths(unitPath);
  return rawQuery(
    `SELECT q."id", q."type", q."latestVersionId", qt."topicCode"
     FROM "Question" q
     JOIN "QuestionBank" b ON b."id" = q."bankId"
     JOIN "OrgUnit" o ON o."id" = b."unitId"
     LEFT JOIN "QuestionTopic" qt ON qt."questionId" = q."id"
     WHERE q."status" = 'ACTIVE' AND q."latestVersionId" IS NOT NULL AND q."type" IN (${practiceTypesSql})
       AND o."path" IN (${placeholders(ancestors.length)})`,
  ).all(...ancestors) as PoolRow[];
}

export type PracticeTopic = { code: string; name: string; depth: number; provincial: boolean } & TopicCount;

/**
 * The syllabus topics the learner sees (national, plus their own province's) with how
 * many questions they can practise in each (a topic counts its subtopics' questions).
 */
export async function practiceTopics(actor: Actor): Promise<{ topics: PracticeTopic[]; total: number }> {
  const syllabus = await currentSyllabus();
  if (!syllabus) return { topics: [], total: 0 };
  const rows = await db.syllabusTopic.findMany({
    where: { syllabusId: syllabus.id, retiredAt: null },
    select: { code: true, name: true, sortOrder: true, parent: { select: { code: true } }, ownerUnit: { select: { level: true, path: true } } },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
  });
  const visible = rows.filter((t) => t.ownerUnit.level === "NATIONAL" || covers(t.ownerUnit.path, actor.unitPath));
  const byParent = new Map<string | null, typeof visible>();
  for (const t of visible) byParent.set(t.parent?.code ?? null, [...(byParent.get(t.parent?.code ?? null) ?? []), t]);
  const ordered: { code: string; name: string; depth: number; provincial: boolean }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const t of byParent.get(parent) ?? []) {
      ordered.push({ code: t.code, name: t.name, depth, provincial: t.ownerUnit.level !== "NATIONAL" });
      visit(t.code, depth + 1);
    }
  };
  visit(null, 0);

  const questions = new Map<string, { type: string; topicCodes: string[] }>();
  for (const r of poolRows(actor.unitPath)) {
    const q = questions.get(r.id) ?? { type: r.type, topicCodes: [] };
    if (r.topicCode) q.topicCodes.push(r.topicCode);
    questions.set(r.id, q);
  }
  const counts = countByTopic(
    ordered.map((t) => t.code),
    [...questions.values()],
  );
  return { topics: ordered.map((t) => ({ ...t, ...counts.get(t.code)! })), total: questions.size };
}

/** When the learner last answered each question in practice. */
function lastAnswered(personId: string): Map<string, Date> {
  const rows = rawQuery(`SELECT "questionId", MAX("createdAt") AS last FROM "PracticeAnswer" WHERE "personId" = ? GROUP BY "questionId"`).all(personId) as {
    questionId: string;
    last: string;
  }[];
  return new Map(rows.map((r) => [r.questionId, new Date(r.last)]));
}

/**
 * A question of the topic (or its subtopics), optionally of one type, that the learner
 * has answered least recently; public fields only. Null when the topic has none.
 */
export async function nextPracticeQuestion(
  actor: Actor,
  input: { topicCode: string; type?: string | null },
  random: () => number = Math.random,
): Promise<PracticeQuestion | null> {
  const topic = input.topicCode.trim();
  if (!topic) return null;
  const types = input.type && isPracticeType(input.type) ? [input.type] : [...PRACTICE_TYPES];
  const ancestors = ancestorPaths(actor.unitPath);
  const rows = rawQuery(
    `SELECT DISTINCT q."id", q."latestVersionId"
     FROM "Question" q
     JOIN "QuestionBank" b ON b."id" = q."bankId"
     JOIN "OrgUnit" o ON o."id" = b."unitId"
     JOIN "QuestionTopic" qt ON qt."questionId" = q."id"
     WHERE q."status" = 'ACTIVE' AND q."latestVersionId" IS NOT NULL
       AND q."type" IN (${placeholders(types.length)})
       AND o."path" IN (${placeholders(ancestors.length)})
       AND (qt."topicCode" = ? OR (qt."topicCode" > ? AND qt."topicCode" < ?))`,
  ).all(...types, ...ancestors, topic, `${topic}.`, `${topic}/`) as { id: string; latestVersionId: string }[];
  if (!rows.length) return null;
  const last = lastAnswered(actor.personId);
  const id = pickLeastRecent(
    rows.map((r) => ({ questionId: r.id, lastAnsweredAt: last.get(r.id) ?? null })),
    random,
  );
  const row = rows.find((r) => r.id === id)!;
  return publicQuestion(row.id, row.latestVersionId, versionContent(row.latestVersionId));
}

type EntryRow = { personId: string; questionId: string; addedAt: Date; dueAt: Date; correctStreak: number; reviews: number; cleared: boolean };

const toEntry = (r: EntryRow): NotebookEntry => ({
  questionId: r.questionId,
  addedAt: r.addedAt,
  dueAt: r.dueAt,
  correctStreak: r.correctStreak,
  reviews: r.reviews,
  cleared: r.cleared,
});

/**
 * Checks a practice answer on the server, appends it, and updates the notebook: a wrong
 * answer adds (or restarts) the question's entry; an answer given from the notebook is a
 * review (notebook.ts recordReview). Returns the key and explanation.
 *
 * A question may be answered when it is in the learner's practice pool, or (from the
 * notebook) when it is in their notebook — exam misses may come from an exam's bank.
 */
export async function answerPractice(
  actor: Actor,
  input: { questionId: string; versionId: string; response: unknown; fromNotebook?: boolean },
  now: Date = new Date(),
): Promise<PracticeAnswerResult> {
  const parsed = responseSchema.safeParse(input.response);
  if (!parsed.success) return { ok: false, error: "practice.errors.invalidAnswer" };
  const response = parsed.data as Response;

  const version = await db.questionVersion.findUnique({ where: { id: input.versionId }, select: { id: true, questionId: true } });
  if (!version || version.questionId !== input.questionId) notFound();
  const question = await db.question.findUniqueOrThrow({ where: { id: input.questionId }, select: { id: true, status: true, bank: { select: { unit: { select: { path: true } } } } } });
  const entryBefore = await db.notebookEntry.findUnique({ where: { personId_questionId: { personId: actor.personId, questionId: question.id } } });
  const inPool = question.status === "ACTIVE" && ancestorPaths(actor.unitPath).includes(question.bank.unit.path);
  const fromNotebook = !!input.fromNotebook && !!entryBefore;
  if (!inPool && !fromNotebook) notFound();

  const content = versionContent(version.id);
  if (!isPracticeType(content.type)) notFound();
  if (response.type !== content.type) return { ok: false, error: "practice.errors.invalidAnswer" };
  if (!isAnswered(response)) return { ok: false, error: "practice.errors.noAnswer" };
  const correct = score(content, response) === 1;

  const notebook = await write(async (tx) => {
    await tx.practiceAnswer.create({
      data: { personId: actor.personId, questionId: question.id, questionVersionId: version.id, response: JSON.stringify(response), correct, fromNotebook, createdAt: now },
    });
    // Read again inside the write lock: another tab may have answered meanwhile.
    const row = await tx.notebookEntry.findUnique({ where: { personId_questionId: { personId: actor.personId, questionId: question.id } } });
    const before = row ? toEntry(row) : null;
    let next: NotebookEntry;
    let outcome: NotebookOutcome;
    if (fromNotebook && before) {
      next = recordReview(before, correct, now);
      outcome = !correct ? "restarted" : next.cleared && !before.cleared ? "cleared" : next.correctStreak > before.correctStreak ? "advanced" : "early";
    } else if (!correct) {
      next = addMiss(before, question.id, now);
      outcome = before ? "restarted" : "added";
    } else {
      return before ? { outcome: null, dueAt: before.cleared ? null : before.dueAt, correctStreak: before.correctStreak, cleared: before.cleared } : null;
    }
    const data = { addedAt: next.addedAt, dueAt: next.dueAt, correctStreak: next.correctStreak, reviews: next.reviews, cleared: next.cleared };
    await tx.notebookEntry.upsert({
      where: { personId_questionId: { personId: actor.personId, questionId: question.id } },
      create: { personId: actor.personId, questionId: question.id, ...data },
      update: data,
    });
    return { outcome, dueAt: next.cleared ? null : next.dueAt, correctStreak: next.correctStreak, cleared: next.cleared };
  });

  return { ok: true, correct, correctAnswer: correctAnswerOf(content), explanation: content.explanation, lawRefs: content.lawRefs, response, notebook };
}

const answerFormSchema = z.object({
  intent: z.literal("answer"),
  questionId: z.string().min(1).max(40),
  versionId: z.string().min(1).max(40),
  type: z.enum(PRACTICE_TYPES),
});

/**
 * The practice card's form (practice-card.tsx) as posted to a route's action. Whether
 * the answer is a notebook review is the route's decision, not the browser's.
 */
export async function answerFromForm(actor: Actor, form: FormData, options: { fromNotebook: boolean }, now: Date = new Date()): Promise<PracticeAnswerResult> {
  const parsed = answerFormSchema.safeParse({ intent: form.get("intent"), questionId: form.get("questionId"), versionId: form.get("versionId"), type: form.get("type") });
  if (!parsed.success) badRequest();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : null;
  };
  const response = responseFromForm(parsed.data.type, {
    choice: text("choice"),
    choices: form.getAll("choices").filter((v): v is string => typeof v === "string"),
    value: text("value"),
    blanks: form.getAll("blanks").filter((v): v is string => typeof v === "string"),
  });
  return answerPractice(actor, { questionId: parsed.data.questionId, versionId: parsed.data.versionId, response, fromNotebook: options.fromNotebook }, now);
}

// ---------------------------------------------------------------------------
// The notebook
// ---------------------------------------------------------------------------

export type NotebookItem = NotebookEntry & { type: string; stemPreview: string };

async function entriesWithQuestions(personId: string) {
  const rows = await db.notebookEntry.findMany({ where: { personId } });
  const questions = new Map<string, { type: string; stemPreview: string; status: string; latestVersionId: string | null }>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => r.questionId);
    for (const q of await db.question.findMany({ where: { id: { in: chunk } }, select: { id: true, type: true, stemPreview: true, status: true, latestVersionId: true } })) {
      questions.set(q.id, q);
    }
  }
  const available: (NotebookItem & { latestVersionId: string })[] = [];
  const withdrawn: NotebookItem[] = [];
  for (const r of rows) {
    const q = questions.get(r.questionId);
    if (!q) continue;
    const item = { ...toEntry(r), type: q.type, stemPreview: q.stemPreview };
    // A retired question (withdrawn, perhaps because it was wrong) is not asked again.
    if (q.status === "RETIRED" || !q.latestVersionId || !isPracticeType(q.type)) withdrawn.push(item);
    else available.push({ ...item, latestVersionId: q.latestVersionId });
  }
  return { available, withdrawn };
}

/** The learner's notebook: due now (longest-waiting first), scheduled, cleared, and withdrawn questions. */
export async function notebook(actor: Actor, now: Date = new Date()) {
  const { available, withdrawn } = await entriesWithQuestions(actor.personId);
  const strip = ({ latestVersionId: _, ...item }: NotebookItem & { latestVersionId?: string }): NotebookItem => item;
  const sections = notebookSections(available, now);
  return {
    due: sections.due.map(strip),
    later: sections.later.map(strip),
    cleared: sections.cleared.map(strip),
    withdrawn: withdrawn.sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime()),
  };
}

/** The oldest due entry's question (its current version, public fields), with how many are due. */
export async function nextNotebookQuestion(actor: Actor, now: Date = new Date()): Promise<{ question: PracticeQuestion; due: number; entry: NotebookItem } | null> {
  const { available } = await entriesWithQuestions(actor.personId);
  const { due } = notebookSections(available, now);
  const first = due[0];
  if (!first) return null;
  const { latestVersionId, ...entry } = first;
  return { question: publicQuestion(first.questionId, latestVersionId, versionContent(latestVersionId)), due: due.length, entry };
}

/** How many notebook entries are due now (for the practice page's reminder). */
export function dueNotebookCount(actor: Actor, now: Date = new Date()): number {
  const row = rawQuery(
    `SELECT COUNT(*) AS n FROM "NotebookEntry" n JOIN "Question" q ON q."id" = n."questionId"
     WHERE n."personId" = ? AND n."cleared" = 0 AND n."dueAt" <= ? AND q."status" <> 'RETIRED' AND q."latestVersionId" IS NOT NULL AND q."type" IN (${practiceTypesSql})`,
  ).get(actor.personId, sqliteTime(now)) as { n: number };
  return row.n;
}

export type { PracticeQuestion, PracticeType };
