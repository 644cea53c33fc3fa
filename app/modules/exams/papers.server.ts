import type { Tx } from "~/lib/db.server";
import { db, rawQuery, sqliteTime } from "~/lib/db.server";
import type { BlueprintCell } from "~/modules/syllabus/rules";
import { availability, drawFromPrepared, preparePool, type Availability, type PaperItem, type PoolQuestion, type PreparedPool } from "./draw";

/*
 * Papers. The pool an exam draws from is frozen when the exam is published
 * (ExamPoolQuestion), so a candidate's paper is a pure function of the exam's cells,
 * its frozen pool and the attempt's seed: any paper can be drawn again and compared
 * with what the candidate saw (AttemptItem).
 */

/** Active questions in the banks of the exam's unit and the units above it (a province uses national questions). */
export async function livePool(unitPath: string): Promise<PoolQuestion[]> {
  const ancestors = unitPath.split("/").filter(Boolean).map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}/`);
  const rows = await db.question.findMany({
    where: { status: "ACTIVE", latestVersionId: { not: null }, bank: { unit: { path: { in: ancestors } } } },
    select: { id: true, type: true, difficulty: true, latestVersionId: true, topics: { select: { topicCode: true } } },
  });
  const options = await optionKeysByVersion(rows.map((r) => r.latestVersionId!));
  return rows.map((r) => ({
    questionId: r.id,
    versionId: r.latestVersionId!,
    type: r.type as PoolQuestion["type"],
    difficulty: r.difficulty,
    topicCodes: r.topics.map((t) => t.topicCode),
    optionKeys: options.get(r.latestVersionId!) ?? [],
  }));
}

async function optionKeysByVersion(versionIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < versionIds.length; i += 500) {
    const chunk = versionIds.slice(i, i + 500);
    const rows = await db.questionVersion.findMany({ where: { id: { in: chunk } }, select: { id: true, content: true } });
    for (const r of rows) map.set(r.id, ((JSON.parse(r.content) as { options?: { key: string }[] }).options ?? []).map((o) => o.key));
  }
  return map;
}

/** Whether the bank can fill the blueprint now, and which cells are short. */
export async function previewAvailability(unitPath: string, cells: BlueprintCell[]): Promise<Availability> {
  return availability(cells, await livePool(unitPath));
}

/** Freezes the exam's pool (at publish). */
export async function freezePool(tx: Tx, examId: string, pool: PoolQuestion[]) {
  for (let i = 0; i < pool.length; i += 100) {
    await tx.examPoolQuestion.createMany({
      data: pool.slice(i, i + 100).map((q) => ({
        examId,
        questionId: q.questionId,
        questionVersionId: q.versionId,
        type: q.type,
        difficulty: q.difficulty,
        topicCodes: JSON.stringify(q.topicCodes),
        optionKeys: JSON.stringify(q.optionKeys),
      })),
    });
  }
}

function frozenPool(examId: string): PoolQuestion[] {
  const rows = rawQuery(`SELECT "questionId", "questionVersionId", "type", "difficulty", "topicCodes", "optionKeys" FROM "ExamPoolQuestion" WHERE "examId" = ?`).all(examId) as {
    questionId: string;
    questionVersionId: string;
    type: PoolQuestion["type"];
    difficulty: number;
    topicCodes: string;
    optionKeys: string;
  }[];
  return rows.map((r) => ({
    questionId: r.questionId,
    versionId: r.questionVersionId,
    type: r.type,
    difficulty: r.difficulty,
    topicCodes: JSON.parse(r.topicCodes) as string[],
    optionKeys: JSON.parse(r.optionKeys) as string[],
  }));
}

// A frozen pool never changes, so each process prepares it once per exam (10,000
// candidates starting together must not each load 20,000 questions).
const prepared = new Map<string, PreparedPool>();

export function preparedPool(examId: string, cells: BlueprintCell[]): PreparedPool {
  let pool = prepared.get(examId);
  if (!pool) {
    pool = preparePool(cells, frozenPool(examId));
    if (prepared.size >= 50) prepared.delete(prepared.keys().next().value!);
    prepared.set(examId, pool);
  }
  return pool;
}

/**
 * Prepares the pools of exams open now or opening within the hour, so the first
 * candidates of a sitting do not wait while 20,000 questions load (run by each server
 * process in the background).
 */
export function warmPools(now = new Date()): number {
  const soon = sqliteTime(new Date(now.getTime() + 3_600_000));
  const exams = rawQuery(
    `SELECT e."id", b."cells" FROM "Exam" e JOIN "ExamBlueprint" b ON b."id" = e."blueprintId" WHERE e."status" = 'PUBLISHED' AND e."opensAt" <= ? AND e."closesAt" > ?`,
  ).all(soon, sqliteTime(now)) as { id: string; cells: string }[];
  for (const exam of exams) preparedPool(exam.id, (JSON.parse(exam.cells) as BlueprintCell[]));
  return exams.length;
}

export type PaperSpec = { id: string; paperMode: string; paperSeed: string; shuffleQuestions: boolean; shuffleOptions: boolean; cells: BlueprintCell[] };

/** The seed of an attempt's paper: the exam's one seed for a fixed paper, the attempt's own otherwise. */
export function paperSeedFor(exam: Pick<PaperSpec, "paperMode" | "paperSeed">, attemptSeed: string): string {
  return exam.paperMode === "FIXED" ? exam.paperSeed : attemptSeed;
}

export function drawPaperFor(exam: PaperSpec, attemptSeed: string): PaperItem[] {
  return drawFromPrepared(paperSeedFor(exam, attemptSeed), preparedPool(exam.id, exam.cells), {
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
  });
}
