import { createId } from "@paralleldrive/cuid2";
import { readFileSync } from "node:fs";
import { requireScope, unitScope, type Actor } from "~/lib/actor.server";
import { audit, type AuditActor } from "~/lib/audit.server";
import { db, isUniqueViolation, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, covers } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { visibleBankIds } from "~/modules/questions/banks.server";
import { coverageGaps, provincialCode, SYLLABUS_AUDIENCES, totalHours, type TopicHours } from "./rules";

export type TopicView = {
  id: string;
  code: string;
  parentCode: string | null;
  name: string;
  description: string;
  laws: string[];
  hours: TopicHours;
  depth: number;
  provincial: boolean;
  ownerUnitName: string;
  activeQuestions: number;
  canEdit: boolean;
};

/** The current syllabus (the newest plan period). */
export async function currentSyllabus() {
  return db.syllabus.findFirst({ orderBy: [{ periodEnd: "desc" }, { createdAt: "desc" }] });
}

/**
 * The syllabus tree as the actor sees it: every national topic, plus the provincial
 * topics of their own province(s); with the number of active questions (in banks the
 * actor can see) per topic, and which leaf topics have none.
 */
export async function syllabusTree(actor: Actor) {
  const syllabus = await currentSyllabus();
  if (!syllabus) return null;
  const topics = await db.syllabusTopic.findMany({
    where: { syllabusId: syllabus.id, retiredAt: null },
    include: { ownerUnit: { select: { level: true, path: true, name: true } }, parent: { select: { code: true } } },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
  });
  const myPaths = [actor.unitPath, ...actor.grants.map((g) => g.unitPath)];
  const visible = topics.filter(
    (t) => t.ownerUnit.level === "NATIONAL" || myPaths.some((p) => covers(t.ownerUnit.path, p) || covers(p, t.ownerUnit.path)),
  );
  const counts = await activeQuestionCounts(actor);
  const byParent = new Map<string | null, typeof visible>();
  for (const t of visible) byParent.set(t.parent?.code ?? null, [...(byParent.get(t.parent?.code ?? null) ?? []), t]);
  const ordered: TopicView[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const t of byParent.get(parent) ?? []) {
      ordered.push({
        id: t.id,
        code: t.code,
        parentCode: t.parent?.code ?? null,
        name: t.name,
        description: t.description,
        laws: JSON.parse(t.laws) as string[],
        hours: JSON.parse(t.hours) as TopicHours,
        depth,
        provincial: t.ownerUnit.level !== "NATIONAL",
        ownerUnitName: t.ownerUnit.name,
        activeQuestions: subtreeCount(t.code, counts),
        canEdit: can(actor, "syllabus.manage", t.ownerUnit.path),
      });
      visit(t.code, depth + 1);
    }
  };
  visit(null, 0);
  const nodes = ordered.map((t) => ({ code: t.code, parentCode: t.parentCode, hours: t.hours }));
  return {
    syllabus,
    topics: ordered,
    totals: totalHours(nodes),
    gaps: coverageGaps(nodes, counts),
    canAddProvincial: actor.grants.some((g) => can(actor, "syllabus.manage", g.unitPath)),
  };
}

function subtreeCount(code: string, counts: Map<string, number>): number {
  let total = 0;
  for (const [c, n] of counts) if (c === code || c.startsWith(`${code}.`)) total += n;
  return total;
}

/** Active questions per topic code, counting only banks the actor may see. */
export async function activeQuestionCounts(actor: Actor): Promise<Map<string, number>> {
  const bankIds = await visibleBankIds(actor);
  const rows = await db.questionTopic.groupBy({
    by: ["topicCode"],
    where: { question: { status: "ACTIVE", bankId: { in: bankIds } } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.topicCode, r._count._all]));
}

export async function getTopic(actor: Actor, code: string) {
  const tree = await syllabusTree(actor);
  const topic = tree?.topics.find((t) => t.code === code);
  if (!tree || !topic) notFound();
  const bankIds = await visibleBankIds(actor);
  const questions = await db.question.findMany({
    where: { bankId: { in: bankIds }, status: { not: "RETIRED" }, topics: { some: { OR: [{ topicCode: code }, { topicCode: { startsWith: `${code}.` } }] } } },
    select: { id: true, type: true, difficulty: true, status: true, stemPreview: true },
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    take: 200,
  });
  return {
    topic,
    children: tree.topics.filter((t) => t.parentCode === code),
    questions,
    gaps: tree.gaps.filter((g) => g === code || g.startsWith(`${code}.`)),
  };
}

export type TopicInput = {
  localCode: string;
  name: string;
  description: string;
  laws: string[];
  hours: TopicHours;
};

/**
 * Adds a topic under `parentCode`. A national administrator adds national topics; a
 * provincial one adds topics owned by their province, with the province's code in the
 * topic code so they are clearly marked and never collide.
 */
export async function addTopic(actor: Actor, parentCode: string | null, input: TopicInput): Promise<{ ok: true; code: string } | { ok: false; errors: Record<string, string> }> {
  const syllabus = await currentSyllabus();
  if (!syllabus) notFound();
  const parent = parentCode ? await db.syllabusTopic.findUnique({ where: { syllabusId_code: { syllabusId: syllabus.id, code: parentCode } } }) : null;
  if (parentCode && !parent) notFound();
  // The owner is the highest unit where the actor manages the syllabus.
  const owners = await db.orgUnit.findMany({ where: unitScope(actor, "syllabus.manage"), orderBy: { depth: "asc" }, take: 1 });
  const owner = owners[0];
  if (!owner) notFound();
  const code = owner.level === "NATIONAL" ? (parentCode ? `${parentCode}.${input.localCode}` : input.localCode) : provincialCode(owner.code, input.localCode);
  const id = createId();
  try {
    await write(async (tx) => {
      const max = await tx.syllabusTopic.aggregate({ where: { syllabusId: syllabus.id, parentId: parent?.id ?? null }, _max: { sortOrder: true } });
      await tx.syllabusTopic.create({
        data: {
          id,
          syllabusId: syllabus.id,
          code,
          parentId: parent?.id ?? null,
          ownerUnitId: owner.id,
          name: input.name,
          description: input.description,
          laws: JSON.stringify(input.laws),
          hours: JSON.stringify(input.hours),
          sortOrder: (max._max.sortOrder ?? 0) + 1,
        },
      });
      await audit(tx, actorAudit(actor), { action: "syllabus.addTopic", objectType: "SyllabusTopic", objectId: id, unitId: owner.id, after: { code, name: input.name, hours: input.hours } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { localCode: "syllabus.errors.codeTaken" } };
    throw error;
  }
  return { ok: true, code };
}

/** Edits a topic the actor owns (a province never edits national topics). The code never changes. */
export async function updateTopic(actor: Actor, code: string, input: Omit<TopicInput, "localCode">) {
  const syllabus = await currentSyllabus();
  const topic = syllabus ? await db.syllabusTopic.findUnique({ where: { syllabusId_code: { syllabusId: syllabus.id, code } }, include: { ownerUnit: true } }) : null;
  if (!topic) notFound();
  requireScope(actor, "syllabus.manage", topic.ownerUnit.path);
  await write(async (tx) => {
    await tx.syllabusTopic.update({
      where: { id: topic.id },
      data: { name: input.name, description: input.description, laws: JSON.stringify(input.laws), hours: JSON.stringify(input.hours) },
    });
    await audit(tx, actorAudit(actor), {
      action: "syllabus.updateTopic",
      objectType: "SyllabusTopic",
      objectId: topic.id,
      unitId: topic.ownerUnitId,
      before: { name: topic.name, hours: JSON.parse(topic.hours), laws: JSON.parse(topic.laws) },
      after: { name: input.name, hours: input.hours, laws: input.laws },
    });
  });
}

// ---------------------------------------------------------------------------
// Loading the shipped national syllabus (content/syllabus/*.json)
// ---------------------------------------------------------------------------
type SyllabusFileTopic = { code: string; name: string; description?: string; laws?: string[]; hours?: TopicHours; children?: SyllabusFileTopic[] };
type SyllabusFile = { code: string; title: string; titleEn?: string; periodStart: number; periodEnd: number; notes?: string; topics: SyllabusFileTopic[] };

export function readSyllabusFile(path: string): SyllabusFile {
  return JSON.parse(readFileSync(path, "utf8")) as SyllabusFile;
}

/** Creates the syllabus and its national topics (once; an existing code is left alone). */
export async function loadSyllabus(file: SyllabusFile, actor: AuditActor, tx: Tx) {
  if (await tx.syllabus.findUnique({ where: { code: file.code } })) return { created: false, topics: 0 };
  const national = await tx.orgUnit.findFirst({ where: { level: "NATIONAL" } });
  if (!national) throw new Error("the national unit must exist before the syllabus is loaded");
  const syllabus = await tx.syllabus.create({
    data: { code: file.code, title: file.title, titleEn: file.titleEn ?? "", periodStart: file.periodStart, periodEnd: file.periodEnd, notes: file.notes ?? "" },
  });
  let count = 0;
  const insert = async (topics: SyllabusFileTopic[], parentId: string | null) => {
    for (const [index, t] of topics.entries()) {
      const hours = Object.fromEntries(SYLLABUS_AUDIENCES.map((a) => [a, t.hours?.[a] ?? 0]));
      const row = await tx.syllabusTopic.create({
        data: {
          syllabusId: syllabus.id,
          code: t.code,
          parentId,
          ownerUnitId: national.id,
          name: t.name,
          description: t.description ?? "",
          laws: JSON.stringify(t.laws ?? []),
          hours: JSON.stringify(hours),
          sortOrder: index + 1,
        },
      });
      count++;
      await insert(t.children ?? [], row.id);
    }
  };
  await insert(file.topics, null);
  await audit(tx, actor, { action: "syllabus.load", objectType: "Syllabus", objectId: syllabus.id, unitId: national.id, after: { code: file.code, topics: count } });
  return { created: true, topics: count };
}
