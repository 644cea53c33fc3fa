import { createId } from "@paralleldrive/cuid2";
import type { Actor } from "~/lib/actor.server";
import { requireScope } from "~/lib/actor.server";
import { audit, auditMany, type AuditActor } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { getBank, visibleBankIds } from "./banks.server";
import { questionContentSchema, type QuestionContent, type QuestionType } from "./content";
import { fieldForIssue } from "./form";
import { DUPLICATE_THRESHOLD, nextStatus, normalizeStem, stemSimilarity, statusAfterEdit, type QuestionStatus, type ReviewAction } from "./rules";
import { indexText, matchExpression } from "./search-text";

export const QUESTION_PAGE_SIZE = 50;
/** Rows per batched insert (two bound values per search row stay under SQLite's limit). */
const IMPORT_CHUNK = 400;

export function parseContent(json: string): QuestionContent {
  return JSON.parse(json) as QuestionContent;
}

function preview(stem: string): string {
  return stem.replace(/\s+/g, " ").slice(0, 200);
}

/**
 * Records `content` as the next version of the question and refreshes everything derived
 * from the latest version: list columns, topic/tag/law index rows and the search index.
 */
async function writeVersion(tx: Tx, questionId: string, versionNo: number, content: QuestionContent, authorId: string | null, changeNote: string) {
  const version = await tx.questionVersion.create({
    data: {
      questionId,
      version: versionNo,
      content: JSON.stringify(content),
      stemNormalized: normalizeStem(content.stem),
      changeNote,
      createdById: authorId,
    },
  });
  await tx.question.update({
    where: { id: questionId },
    data: { type: content.type, difficulty: content.difficulty, stemPreview: preview(content.stem), latestVersionId: version.id, latestVersionNo: versionNo },
  });
  await tx.questionTopic.deleteMany({ where: { questionId } });
  await tx.questionTag.deleteMany({ where: { questionId } });
  await tx.questionLaw.deleteMany({ where: { questionId } });
  const unique = (values: string[]) => [...new Set(values)];
  if (content.topicCodes.length) await tx.questionTopic.createMany({ data: unique(content.topicCodes).map((topicCode) => ({ questionId, topicCode })) });
  if (content.tags.length) await tx.questionTag.createMany({ data: unique(content.tags).map((tag) => ({ questionId, tag })) });
  if (content.lawRefs.length) await tx.questionLaw.createMany({ data: unique(content.lawRefs.map((l) => l.law)).map((law) => ({ questionId, law })) });
  await tx.$executeRawUnsafe(`DELETE FROM "QuestionSearch" WHERE "questionId" = ?`, questionId);
  await tx.$executeRawUnsafe(
    `INSERT INTO "QuestionSearch" ("questionId", "body") VALUES (?, ?)`,
    questionId,
    indexText(content.stem, ...content.options.map((o) => o.text)),
  );
  return version;
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------
export type QuestionFilter = {
  bankId?: string;
  q?: string;
  type?: QuestionType;
  topic?: string;
  difficulty?: number;
  law?: string;
  status?: QuestionStatus;
  tag?: string;
  unused?: boolean;
  page?: number;
};

/**
 * One page of questions in banks the actor can see. Filters and the full-text match
 * run as one SQL statement (the FTS5 table is outside Prisma's model), so a common word
 * in a 20,000-question bank needs no list of thousands of ids in between.
 */
export async function searchQuestions(actor: Actor, filter: QuestionFilter) {
  const banks = await visibleBankIds(actor);
  const bankIds = filter.bankId ? banks.filter((b) => b === filter.bankId) : banks;
  const page = Math.max(1, filter.page ?? 1);
  if (bankIds.length === 0) return { questions: [], total: 0, page, pages: 1 };

  const where: string[] = [`q."bankId" IN (${bankIds.map(() => "?").join(", ")})`];
  const args: unknown[] = [...bankIds];
  let join = "";
  let order = `q."updatedAt" DESC, q."id"`;
  const query = filter.q?.trim();
  if (query) {
    const expression = matchExpression(query);
    if (expression) {
      join = `JOIN "QuestionSearch" ON "QuestionSearch"."questionId" = q."id"`;
      where.push(`"QuestionSearch" MATCH ?`);
      args.push(expression);
      order = `"QuestionSearch".rank, q."id"`;
    } else {
      // One Chinese character cannot be found by pairs: substring-match the stem instead.
      where.push(`instr(q."stemPreview", ?) > 0`);
      args.push(query);
    }
  }
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (filter.type) add(`q."type" = ?`, filter.type);
  if (filter.difficulty) add(`q."difficulty" = ?`, filter.difficulty);
  if (filter.status) add(`q."status" = ?`, filter.status);
  else add(`q."status" <> 'RETIRED'`);
  if (filter.topic) {
    add(`EXISTS (SELECT 1 FROM "QuestionTopic" t WHERE t."questionId" = q."id" AND (t."topicCode" = ? OR substr(t."topicCode", 1, ?) = ?))`, filter.topic, filter.topic.length + 1, `${filter.topic}.`);
  }
  if (filter.tag) add(`EXISTS (SELECT 1 FROM "QuestionTag" g WHERE g."questionId" = q."id" AND g."tag" = ?)`, filter.tag);
  if (filter.law) add(`EXISTS (SELECT 1 FROM "QuestionLaw" l WHERE l."questionId" = q."id" AND instr(l."law", ?) > 0)`, filter.law);
  if (filter.unused) add(`q."usageCount" = 0`);
  const from = `FROM "Question" q ${join} WHERE ${where.join(" AND ")}`;
  const [idRows, countRows] = await Promise.all([
    db.$queryRawUnsafe<{ id: string }[]>(`SELECT q."id" AS id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`, ...args, QUESTION_PAGE_SIZE, (page - 1) * QUESTION_PAGE_SIZE),
    db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n ${from}`, ...args),
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = await db.question.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      type: true,
      difficulty: true,
      status: true,
      stemPreview: true,
      usageCount: true,
      latestVersionNo: true,
      updatedAt: true,
      bank: { select: { name: true } },
      topics: { select: { topicCode: true } },
    },
  });
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  const total = Number(countRows[0]?.n ?? 0);
  return { questions: rows, total, page, pages: Math.max(1, Math.ceil(total / QUESTION_PAGE_SIZE)) };
}

// ---------------------------------------------------------------------------
// One question
// ---------------------------------------------------------------------------
export async function getQuestion(actor: Actor, id: string) {
  const question = await db.question.findUnique({
    where: { id },
    include: {
      bank: { include: { unit: { select: { path: true, name: true } } } },
      versions: { orderBy: { version: "desc" } },
      reviews: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!question || !(await visibleBankIds(actor)).includes(question.bankId)) notFound();
  const latest = question.versions[0];
  const people = await db.user.findMany({
    where: { id: { in: [...new Set([...question.versions.map((v) => v.createdById), ...question.reviews.map((r) => r.reviewerId), question.submittedById].filter((v): v is string => !!v))] } },
    select: { id: true, person: { select: { name: true, staffNo: true } } },
  });
  const nameOf = new Map(people.map((p) => [p.id, `${p.person.name}（${p.person.staffNo}）`]));
  const canEdit = can(actor, "question.author", question.bank.unit.path);
  const canReview = can(actor, "question.review", question.bank.unit.path);
  return {
    id: question.id,
    status: question.status as QuestionStatus,
    bank: { id: question.bankId, name: question.bank.name, unitName: question.bank.unit.name },
    usageCount: question.usageCount,
    content: parseContent(latest.content),
    version: latest.version,
    versions: question.versions.map((v) => ({
      id: v.id,
      version: v.version,
      changeNote: v.changeNote,
      author: v.createdById ? (nameOf.get(v.createdById) ?? "") : "",
      createdAt: v.createdAt,
      content: parseContent(v.content),
    })),
    reviews: question.reviews.map((r) => ({ ...r, reviewer: nameOf.get(r.reviewerId) ?? "" })),
    permissions: {
      edit: canEdit && question.status !== "RETIRED",
      submit: canEdit && question.status === "DRAFT",
      review: canReview && question.status === "IN_REVIEW" && latest.createdById !== actor.userId && question.submittedById !== actor.userId,
      retire: canEdit && question.status !== "RETIRED",
      reinstate: canEdit && question.status === "RETIRED",
    },
  };
}

export type Duplicate = { id: string; stemPreview: string; similarity: number; bankName: string };

/** Questions (in banks the actor sees) whose stem is the same or nearly the same. */
export async function findDuplicates(actor: Actor, stem: string, excludeId?: string): Promise<Duplicate[]> {
  const normalized = normalizeStem(stem);
  if (normalized.length < 4) return [];
  const tokens = [...new Set(indexText(stem).split(" ").filter(Boolean))].slice(0, 64);
  if (tokens.length === 0) return [];
  const candidates = await db.$queryRawUnsafe<{ questionId: string }[]>(
    `SELECT "questionId" FROM "QuestionSearch" WHERE "QuestionSearch" MATCH ? ORDER BY rank LIMIT 30`,
    tokens.map((t) => `"${t}"`).join(" OR "),
  );
  const bankIds = await visibleBankIds(actor);
  const rows = await db.question.findMany({
    where: { id: { in: candidates.map((c) => c.questionId).filter((id) => id !== excludeId) }, bankId: { in: bankIds }, status: { not: "RETIRED" } },
    select: { id: true, stemPreview: true, bank: { select: { name: true } }, versions: { orderBy: { version: "desc" }, take: 1, select: { stemNormalized: true } } },
  });
  return rows
    .map((r) => ({ id: r.id, stemPreview: r.stemPreview, bankName: r.bank.name, similarity: stemSimilarity(normalized, r.versions[0]?.stemNormalized ?? "") }))
    .filter((r) => r.similarity >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity);
}

/** Topic codes that are not in the current syllabus. */
export async function unknownTopicCodes(codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = await db.syllabusTopic.findMany({ where: { code: { in: codes }, retiredAt: null }, select: { code: true } });
  const set = new Set(known.map((k) => k.code));
  return codes.filter((c) => !set.has(c));
}

/** Schema and syllabus checks; errors keyed by editor field (see form.ts). */
async function validateContent(content: QuestionContent): Promise<{ ok: true; content: QuestionContent } | { ok: false; errors: Record<string, string> }> {
  const parsed = questionContentSchema.safeParse(content);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    // Messages are dictionary keys; anything else (a library default) gets a generic one.
    const key = (message: string) => (/^[A-Za-z]+(\.[A-Za-z]+)+$/.test(message) ? message : "errors.invalid");
    for (const issue of parsed.error.issues) errors[fieldForIssue(issue.path as (string | number)[])] ??= key(issue.message);
    return { ok: false, errors };
  }
  if ((await unknownTopicCodes(parsed.data.topicCodes)).length) return { ok: false, errors: { topicCodes: "questions.errors.unknownTopic" } };
  return { ok: true, content: parsed.data as QuestionContent };
}

export type SaveResult =
  | { ok: true; id: string; version: number }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; duplicates: Duplicate[] };

/** Creates a draft. Possible duplicates stop the save unless `allowDuplicate`. */
export async function createQuestion(actor: Actor, bankId: string, content: QuestionContent, allowDuplicate = false): Promise<SaveResult> {
  const bank = await getBank(actor, bankId, "edit");
  const parsed = await validateContent(content);
  if (!parsed.ok) return parsed;
  if (!allowDuplicate) {
    const duplicates = await findDuplicates(actor, content.stem);
    if (duplicates.length) return { ok: false, duplicates };
  }
  const id = createId();
  await write(async (tx) => {
    await tx.question.create({ data: { id, bankId: bank.id, status: "DRAFT", type: content.type, difficulty: content.difficulty, stemPreview: preview(content.stem), createdById: actor.userId } });
    await writeVersion(tx, id, 1, parsed.content, actor.userId, "");
    await audit(tx, actorAudit(actor), { action: "question.create", objectType: "Question", objectId: id, unitId: bank.unit.id, after: { bankId: bank.id, type: content.type } });
  });
  return { ok: true, id, version: 1 };
}

/** Saves an edit as a new version; earlier versions (and papers that used them) are untouched. */
export async function updateQuestion(actor: Actor, id: string, content: QuestionContent, changeNote: string, allowDuplicate = false): Promise<SaveResult> {
  const question = await db.question.findUnique({ where: { id }, include: { bank: { include: { unit: true } } } });
  if (!question) notFound();
  requireScope(actor, "question.author", question.bank.unit.path);
  const status = statusAfterEdit(question.status as QuestionStatus);
  if (!status) return { ok: false, errors: { status: "questions.errors.retiredReadOnly" } };
  const parsed = await validateContent(content);
  if (!parsed.ok) return parsed;
  if (!allowDuplicate) {
    const duplicates = await findDuplicates(actor, content.stem, id);
    if (duplicates.length) return { ok: false, duplicates };
  }
  const versionNo = question.latestVersionNo + 1;
  const saved = await write(async (tx) => {
    // Optimistic check: someone else's save or review since we read the question wins.
    const claimed = await tx.question.updateMany({
      where: { id, status: question.status, latestVersionNo: question.latestVersionNo },
      data: { status, ...(status === "DRAFT" ? { submittedById: null } : {}) },
    });
    if (claimed.count !== 1) return false;
    await writeVersion(tx, id, versionNo, parsed.content, actor.userId, changeNote);
    await audit(tx, actorAudit(actor), {
      action: "question.edit",
      objectType: "Question",
      objectId: id,
      unitId: question.bank.unitId,
      before: { version: question.latestVersionNo, status: question.status },
      after: { version: versionNo, status, changeNote },
    });
    return true;
  });
  if (!saved) return { ok: false, errors: { form: "questions.errors.changedMeanwhile" } };
  return { ok: true, id, version: versionNo };
}

/** Moves a question through review: submit, approve, return, retire, reinstate. */
export async function reviewAction(actor: Actor, id: string, action: ReviewAction, comment = ""): Promise<{ ok: true } | { ok: false; error: string }> {
  const question = await db.question.findUnique({
    where: { id },
    include: { bank: { include: { unit: true } }, versions: { orderBy: { version: "desc" }, take: 1 } },
  });
  if (!question) notFound();
  const permission = action === "approve" || action === "return" ? "question.review" : "question.author";
  requireScope(actor, permission, question.bank.unit.path);
  const decision = nextStatus(question.status as QuestionStatus, action, {
    actorId: actor.userId,
    latestAuthorId: question.versions[0]?.createdById ?? null,
    submittedById: question.submittedById,
  });
  if (!decision.ok) return decision;
  if (action === "return" && comment.trim().length < 2) return { ok: false, error: "questions.errors.commentRequired" };
  const applied = await write(async (tx) => {
    const claimed = await tx.question.updateMany({
      where: { id, status: question.status, latestVersionNo: question.latestVersionNo },
      data: {
        status: decision.status,
        ...(action === "submit" ? { submittedById: actor.userId } : {}),
        ...(action === "retire" ? { retiredAt: new Date() } : {}),
        ...(action === "reinstate" ? { retiredAt: null, submittedById: null } : {}),
      },
    });
    if (claimed.count !== 1) return false;
    if (action === "approve" || action === "return") {
      await tx.questionReview.create({
        data: { questionId: id, versionNo: question.latestVersionNo, reviewerId: actor.userId, decision: action === "approve" ? "APPROVED" : "RETURNED", comment: comment.trim() },
      });
    }
    await audit(tx, actorAudit(actor), {
      action: `question.${action}`,
      objectType: "Question",
      objectId: id,
      unitId: question.bank.unitId,
      before: { status: question.status },
      after: { status: decision.status, version: question.latestVersionNo, comment: comment.trim() || undefined },
    });
    return true;
  });
  return applied ? { ok: true } : { ok: false, error: "questions.errors.changedMeanwhile" };
}

/** Questions waiting for review in banks the actor reviews, excluding their own. */
export async function reviewQueue(actor: Actor) {
  const banks = await db.questionBank.findMany({ include: { unit: { select: { path: true } } } });
  const bankIds = banks.filter((b) => can(actor, "question.review", b.unit.path)).map((b) => b.id);
  return db.question.findMany({
    where: { bankId: { in: bankIds }, status: "IN_REVIEW", NOT: { submittedById: actor.userId } },
    select: { id: true, type: true, difficulty: true, stemPreview: true, latestVersionNo: true, updatedAt: true, bank: { select: { name: true } } },
    orderBy: { updatedAt: "asc" },
    take: 200,
  });
}

/** Rebuilds the search index from every question's latest version (after a tokenizer change). */
export async function reindexQuestions(): Promise<number> {
  const questions = await db.question.findMany({ select: { id: true, latestVersionId: true } });
  for (let start = 0; start < questions.length; start += IMPORT_CHUNK) {
    const chunk = questions.slice(start, start + IMPORT_CHUNK);
    const versions = await db.questionVersion.findMany({ where: { id: { in: chunk.map((q) => q.latestVersionId!).filter(Boolean) } } });
    await write(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM "QuestionSearch" WHERE "questionId" IN (${chunk.map(() => "?").join(", ")})`, ...chunk.map((q) => q.id));
      if (versions.length === 0) return;
      await tx.$executeRawUnsafe(
        `INSERT INTO "QuestionSearch" ("questionId", "body") VALUES ${versions.map(() => "(?, ?)").join(", ")}`,
        ...versions.flatMap((v) => {
          const c = parseContent(v.content);
          return [v.questionId, indexText(c.stem, ...c.options.map((o) => o.text))];
        }),
      );
    });
  }
  return questions.length;
}

// ---------------------------------------------------------------------------
// Bulk: import and export
// ---------------------------------------------------------------------------
/** `id` is set only for the shipped seed bank, whose ids lessons refer to ("law-012"). */
export type ImportItem = { content: QuestionContent; category?: string; id?: string };

/**
 * Writes already-validated questions as drafts into a bank, in one transaction.
 * Questions without topics get `defaultTopic`; a source category becomes a tag.
 */
export async function importIntoBank(
  actor: Actor | { audit: AuditActor; userId: string | null; bypassScope: true },
  bankId: string,
  items: ImportItem[],
  defaultTopic?: string,
): Promise<{ imported: number; ids: string[] }> {
  let unitId: string;
  if ("bypassScope" in actor) {
    const bank = await db.questionBank.findUniqueOrThrow({ where: { id: bankId } });
    unitId = bank.unitId;
  } else {
    unitId = (await getBank(actor, bankId, "edit")).unit.id;
  }
  const auditActor = "bypassScope" in actor ? actor.audit : actorAudit(actor);
  const authorId = actor.userId;
  const prepared = items.map((item) => {
    const content: QuestionContent = {
      ...item.content,
      topicCodes: item.content.topicCodes.length ? item.content.topicCodes : defaultTopic ? [defaultTopic] : [],
      tags: item.category && !item.content.tags.includes(item.category) ? [...item.content.tags, item.category] : item.content.tags,
    };
    return { id: item.id ?? createId(), versionId: createId(), content };
  });
  const ids = prepared.map((p) => p.id);
  const unique = (values: string[]) => [...new Set(values)];
  // Batched inserts: a 5,000-question file must not hold the single writer for long.
  await write(
    async (tx) => {
      for (let start = 0; start < prepared.length; start += IMPORT_CHUNK) {
        const chunk = prepared.slice(start, start + IMPORT_CHUNK);
        await tx.question.createMany({
          data: chunk.map(({ id, versionId, content }) => ({
            id,
            bankId,
            status: "DRAFT",
            type: content.type,
            difficulty: content.difficulty,
            stemPreview: preview(content.stem),
            createdById: authorId,
            latestVersionId: versionId,
            latestVersionNo: 1,
          })),
        });
        await tx.questionVersion.createMany({
          data: chunk.map(({ id, versionId, content }) => ({
            id: versionId,
            questionId: id,
            version: 1,
            content: JSON.stringify(content),
            stemNormalized: normalizeStem(content.stem),
            changeNote: "import",
            createdById: authorId,
          })),
        });
        const topicRows = chunk.flatMap(({ id, content }) => unique(content.topicCodes).map((topicCode) => ({ questionId: id, topicCode })));
        if (topicRows.length) await tx.questionTopic.createMany({ data: topicRows });
        const tagRows = chunk.flatMap(({ id, content }) => unique(content.tags).map((tag) => ({ questionId: id, tag })));
        if (tagRows.length) await tx.questionTag.createMany({ data: tagRows });
        const lawRows = chunk.flatMap(({ id, content }) => unique(content.lawRefs.map((l) => l.law)).map((law) => ({ questionId: id, law })));
        if (lawRows.length) await tx.questionLaw.createMany({ data: lawRows });
        await tx.$executeRawUnsafe(
          `INSERT INTO "QuestionSearch" ("questionId", "body") VALUES ${chunk.map(() => "(?, ?)").join(", ")}`,
          ...chunk.flatMap(({ id, content }) => [id, indexText(content.stem, ...content.options.map((o) => o.text))]),
        );
      }
      await auditMany(
        tx,
        auditActor,
        ids.map((id) => ({ action: "question.import", objectType: "Question", objectId: id, unitId })),
      );
    },
    { timeoutMs: 300_000 },
  );
  return { imported: items.length, ids };
}

/** Latest versions of a bank's questions (retired ones left out unless asked), for export. */
export async function questionsForExport(actor: Actor, bankId: string, includeRetired = false) {
  const bank = await getBank(actor, bankId, "read");
  const questions = await db.question.findMany({
    where: { bankId, ...(includeRetired ? {} : { status: { not: "RETIRED" } }) },
    orderBy: { createdAt: "asc" },
    select: { id: true, latestVersionId: true },
  });
  const versions = await db.questionVersion.findMany({ where: { id: { in: questions.map((q) => q.latestVersionId!).filter(Boolean) } } });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return {
    bank,
    questions: questions.map((q) => ({ content: parseContent(byId.get(q.latestVersionId!)!.content), category: bank.name })),
  };
}
