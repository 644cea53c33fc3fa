import { requireScope, unitScope, type Actor } from "~/lib/actor.server";
import { audit, type AuditActor } from "~/lib/audit.server";
import { db, isUniqueViolation, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, covers } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { visibleBankIds } from "~/modules/questions/banks.server";
import { currentSyllabus } from "./syllabus.server";
import { summarizeBlueprint, topicMatches, type BlueprintCell, type ExamType } from "./rules";

export type BlueprintInput = { code: string; name: string; examType: ExamType; notes: string; cells: BlueprintCell[] };

function view(b: { id: string; code: string; name: string; examType: string; notes: string; cells: string; ownerUnit: { name: string; path: string }; updatedAt: Date }, actor: Actor) {
  const cells = JSON.parse(b.cells) as BlueprintCell[];
  return {
    id: b.id,
    code: b.code,
    name: b.name,
    examType: b.examType as ExamType,
    notes: b.notes,
    cells,
    summary: summarizeBlueprint(cells),
    ownerUnitName: b.ownerUnit.name,
    updatedAt: b.updatedAt,
    canEdit: can(actor, "blueprint.manage", b.ownerUnit.path),
  };
}

/** Blueprints of the actor's units and of the units above them (a province uses national ones). */
export async function listBlueprints(actor: Actor) {
  const rows = await db.examBlueprint.findMany({ include: { ownerUnit: { select: { name: true, path: true } } }, orderBy: { code: "asc" } });
  const paths = [actor.unitPath, ...actor.grants.map((g) => g.unitPath)];
  return rows.filter((b) => paths.some((p) => covers(b.ownerUnit.path, p) || covers(p, b.ownerUnit.path))).map((b) => view(b, actor));
}

export async function getBlueprint(actor: Actor, id: string) {
  const found = (await listBlueprints(actor)).find((b) => b.id === id);
  if (!found) notFound();
  return found;
}

/**
 * How many active questions (in banks the actor can see) each cell could draw from,
 * so an author sees at once which cells the bank cannot fill yet.
 */
export async function cellAvailability(actor: Actor, cells: BlueprintCell[]) {
  const bankIds = await visibleBankIds(actor);
  const pool = await db.question.findMany({
    where: { bankId: { in: bankIds }, status: "ACTIVE" },
    select: { type: true, difficulty: true, topics: { select: { topicCode: true } } },
  });
  return cells.map((cell) => {
    const available = pool.filter(
      (q) =>
        q.type === cell.type &&
        q.difficulty >= cell.difficultyMin &&
        q.difficulty <= cell.difficultyMax &&
        q.topics.some((t) => topicMatches(cell.topicCode, t.topicCode)),
    ).length;
    return { available, short: Math.max(0, cell.count - available) };
  });
}

type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

async function unknownTopics(cells: BlueprintCell[]) {
  const syllabus = await currentSyllabus();
  if (!syllabus) return cells.map((c) => c.topicCode);
  const known = new Set((await db.syllabusTopic.findMany({ where: { syllabusId: syllabus.id, retiredAt: null }, select: { code: true } })).map((t) => t.code));
  return cells.map((c) => c.topicCode).filter((c) => !known.has(c));
}

export async function saveBlueprint(actor: Actor, id: string | null, input: BlueprintInput): Promise<SaveResult> {
  const unknown = await unknownTopics(input.cells);
  if (unknown.length) return { ok: false, errors: { cells: "blueprints.errors.unknownTopic" } };
  const syllabus = await currentSyllabus();
  if (!syllabus) notFound();
  if (id) {
    const existing = await db.examBlueprint.findUnique({ where: { id }, include: { ownerUnit: true } });
    if (!existing) notFound();
    requireScope(actor, "blueprint.manage", existing.ownerUnit.path);
    try {
      await write(async (tx) => {
        await tx.examBlueprint.update({ where: { id }, data: { code: input.code, name: input.name, examType: input.examType, notes: input.notes, cells: JSON.stringify(input.cells) } });
        await audit(tx, actorAudit(actor), {
          action: "blueprint.update",
          objectType: "ExamBlueprint",
          objectId: id,
          unitId: existing.ownerUnitId,
          before: { code: existing.code, cells: JSON.parse(existing.cells) },
          after: { code: input.code, cells: input.cells },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, errors: { code: "blueprints.errors.codeTaken" } };
      throw error;
    }
    return { ok: true, id };
  }
  const owner = (await db.orgUnit.findMany({ where: unitScope(actor, "blueprint.manage"), orderBy: { depth: "asc" }, take: 1 }))[0];
  if (!owner) notFound();
  try {
    const created = await write(async (tx) => {
      const b = await tx.examBlueprint.create({
        data: { syllabusId: syllabus.id, code: input.code, name: input.name, examType: input.examType, notes: input.notes, cells: JSON.stringify(input.cells), ownerUnitId: owner.id, createdById: actor.userId },
      });
      await audit(tx, actorAudit(actor), { action: "blueprint.create", objectType: "ExamBlueprint", objectId: b.id, unitId: owner.id, after: { code: input.code, cells: input.cells } });
      return b;
    });
    return { ok: true, id: created.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { code: "blueprints.errors.codeTaken" } };
    throw error;
  }
}

/** Seeds a blueprint owned by the national unit (demo data). */
export async function seedBlueprint(tx: Tx, actor: AuditActor, input: BlueprintInput) {
  const syllabus = await tx.syllabus.findFirstOrThrow({ orderBy: { periodEnd: "desc" } });
  const national = await tx.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
  const b = await tx.examBlueprint.create({
    data: { syllabusId: syllabus.id, code: input.code, name: input.name, examType: input.examType, notes: input.notes, cells: JSON.stringify(input.cells), ownerUnitId: national.id },
  });
  await audit(tx, actor, { action: "blueprint.create", objectType: "ExamBlueprint", objectId: b.id, unitId: national.id, after: { code: input.code } });
}
