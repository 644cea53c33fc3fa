import type { Actor } from "~/lib/actor.server";
import { audit, SYSTEM_ACTOR } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { managedClass, personInAudience } from "./access.server";
import { ACTIVE_ENROLMENT, PARTICIPANT, promotions, seatFor } from "./rules";

/*
 * Enrolment (报名): self-application (APPLIED → organiser approves → ENROLLED, or
 * WAITLISTED when full; or REJECTED), nomination by an organiser (→ ENROLLED or
 * WAITLISTED), withdrawal (→ WITHDRAWN). Seats are counted inside the write transaction,
 * so capacity is never exceeded; when a seat frees, the earliest waitlisted moves up.
 * Enrolments are never deleted; one row per class and person (re-applying after a
 * withdrawal or rejection reuses it, with a new createdAt for the queue).
 */

export type EnrolResult =
  | { ok: true; status: string }
  | { ok: false; error: string };

const ENROL_OPEN: readonly string[] = ["OPEN", "CLOSED"];

async function seatsTaken(tx: Tx, classId: string): Promise<number> {
  return tx.classEnrolment.count({
    where: { classId, status: { in: [...PARTICIPANT] } },
  });
}

/** Fills free seats from the waiting list (earliest first). Inside the caller's write. */
export async function promoteWaitlisted(
  tx: Tx,
  classId: string,
  actor: Actor | null
): Promise<string[]> {
  const cls = await tx.trainingClass.findUniqueOrThrow({
    where: { id: classId },
    select: { capacity: true, unitId: true, status: true },
  });
  if (!ENROL_OPEN.includes(cls.status)) return [];
  const free = cls.capacity - (await seatsTaken(tx, classId));
  if (free <= 0) return [];
  const waiting = await tx.classEnrolment.findMany({
    where: { classId, status: "WAITLISTED" },
    select: { id: true, createdAt: true, personId: true },
  });
  const moved = promotions(waiting, free);
  for (const w of moved) {
    await tx.classEnrolment.update({
      where: { id: w.id },
      data: { status: "ENROLLED", decidedAt: new Date() },
    });
    await audit(tx, actor ? actorAudit(actor) : SYSTEM_ACTOR, {
      action: "class.enrolment.promote",
      objectType: "ClassEnrolment",
      objectId: w.id,
      unitId: cls.unitId,
      before: { status: "WAITLISTED" },
      after: { status: "ENROLLED", personId: w.personId },
    });
  }
  return moved.map((w) => w.id);
}

/** An officer applies to an open class whose audience includes them. */
export async function applyToClass(
  actor: Actor,
  classId: string
): Promise<EnrolResult> {
  const cls = await db.trainingClass.findUnique({ where: { id: classId } });
  if (!cls || cls.status === "DRAFT") notFound();
  const organiser = await db.orgUnit.findUniqueOrThrow({
    where: { id: cls.unitId },
    select: { path: true },
  });
  const person = await db.person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: {
      id: true,
      status: true,
      category: true,
      unit: { select: { path: true } },
    },
  });
  if (
    !(await personInAudience(cls, organiser.path, {
      category: person.category,
      unitPath: person.unit.path,
    }))
  )
    notFound();
  if (cls.status !== "OPEN")
    return { ok: false, error: "classes.errors.notOpen" };
  if (cls.enrolmentMode === "NOMINATE")
    return { ok: false, error: "classes.errors.nominationOnly" };
  if (person.status !== "ACTIVE")
    return { ok: false, error: "classes.errors.personInactive" };
  return write(async (tx) => {
    const existing = await tx.classEnrolment.findUnique({
      where: { classId_personId: { classId, personId: person.id } },
    });
    if (existing && ACTIVE_ENROLMENT.includes(existing.status as never))
      return { ok: false as const, error: "classes.errors.alreadyEnrolled" };
    const now = new Date();
    const row = existing
      ? await tx.classEnrolment.update({
          where: { id: existing.id },
          data: {
            status: "APPLIED",
            via: "APPLY",
            nominatedById: null,
            decidedById: null,
            decidedAt: null,
            createdAt: now,
          },
        })
      : await tx.classEnrolment.create({
          data: {
            classId,
            personId: person.id,
            status: "APPLIED",
            via: "APPLY",
          },
        });
    await audit(tx, actorAudit(actor), {
      action: "class.enrolment.apply",
      objectType: "ClassEnrolment",
      objectId: row.id,
      unitId: cls.unitId,
      before: existing ? { status: existing.status } : undefined,
      after: { status: "APPLIED", classId },
    });
    return { ok: true as const, status: "APPLIED" };
  });
}

/** The organiser approves (→ ENROLLED or WAITLISTED) or rejects an application. */
export async function decideApplication(
  actor: Actor,
  enrolmentId: string,
  decision: "APPROVE" | "REJECT"
): Promise<EnrolResult> {
  const enrolment = await db.classEnrolment.findUnique({
    where: { id: enrolmentId },
  });
  if (!enrolment) notFound();
  const { row } = await managedClass(actor, enrolment.classId);
  if (!ENROL_OPEN.includes(row.status))
    return { ok: false, error: "classes.errors.notOpen" };
  return write(async (tx) => {
    const e = await tx.classEnrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
    });
    if (e.status !== "APPLIED")
      return { ok: false as const, error: "classes.errors.notApplied" };
    const cls = await tx.trainingClass.findUniqueOrThrow({
      where: { id: e.classId },
      select: { capacity: true },
    });
    const status =
      decision === "REJECT"
        ? "REJECTED"
        : seatFor(await seatsTaken(tx, e.classId), cls.capacity);
    await tx.classEnrolment.update({
      where: { id: e.id },
      data: { status, decidedById: actor.userId, decidedAt: new Date() },
    });
    await audit(tx, actorAudit(actor), {
      action: `class.enrolment.${decision.toLowerCase()}`,
      objectType: "ClassEnrolment",
      objectId: e.id,
      unitId: row.unitId,
      before: { status: e.status },
      after: { status },
    });
    return { ok: true as const, status };
  });
}

export type NominateResult =
  | { ok: true; enrolled: number; waitlisted: number }
  | { ok: false; error: string; staffNo?: string };

/** The organiser nominates people in their scope (and in the audience): ENROLLED while seats remain, then WAITLISTED. */
export async function nominate(
  actor: Actor,
  classId: string,
  staffNos: string[]
): Promise<NominateResult> {
  const { row, unit } = await managedClass(actor, classId);
  if (!ENROL_OPEN.includes(row.status))
    return { ok: false, error: "classes.errors.notOpen" };
  if (row.enrolmentMode === "APPLY")
    return { ok: false, error: "classes.errors.applicationOnly" };
  const wanted = [...new Set(staffNos.map((s) => s.trim()).filter(Boolean))];
  if (wanted.length === 0) return { ok: false, error: "errors.required" };
  const people = await db.person.findMany({
    where: { staffNo: { in: wanted } },
    select: {
      id: true,
      staffNo: true,
      status: true,
      category: true,
      unit: { select: { path: true } },
    },
  });
  for (const staffNo of wanted) {
    const p = people.find((x) => x.staffNo === staffNo);
    // Out of scope reads like unknown: existence is not revealed.
    if (!p || !can(actor, "class.manage", p.unit.path))
      return { ok: false, error: "classes.errors.unknownPerson", staffNo };
    if (p.status !== "ACTIVE")
      return { ok: false, error: "classes.errors.personInactive", staffNo };
    if (
      !(await personInAudience(row, unit.path, {
        category: p.category,
        unitPath: p.unit.path,
      }))
    )
      return { ok: false, error: "classes.errors.notInAudience", staffNo };
  }
  return write(async (tx) => {
    const existing = await tx.classEnrolment.findMany({
      where: { classId, personId: { in: people.map((p) => p.id) } },
    });
    const byPerson = new Map(existing.map((e) => [e.personId, e]));
    for (const p of people) {
      const e = byPerson.get(p.id);
      // An application pending is turned into a seat; any other active enrolment blocks.
      if (
        e &&
        e.status !== "APPLIED" &&
        ACTIVE_ENROLMENT.includes(e.status as never)
      )
        return {
          ok: false as const,
          error: "classes.errors.alreadyEnrolled",
          staffNo: p.staffNo,
        };
    }
    const cls = await tx.trainingClass.findUniqueOrThrow({
      where: { id: classId },
      select: { capacity: true },
    });
    let taken = await seatsTaken(tx, classId);
    let enrolled = 0;
    let waitlisted = 0;
    const now = new Date();
    for (const staffNo of wanted) {
      const p = people.find((x) => x.staffNo === staffNo)!;
      const e = byPerson.get(p.id);
      const status = seatFor(taken, cls.capacity);
      if (status === "ENROLLED") {
        taken++;
        enrolled++;
      } else waitlisted++;
      const data = {
        status,
        via: "NOMINATE",
        nominatedById: actor.userId,
        decidedById: actor.userId,
        decidedAt: now,
      };
      const saved = e
        ? await tx.classEnrolment.update({
            where: { id: e.id },
            data: e.status === "APPLIED" ? data : { ...data, createdAt: now },
          })
        : await tx.classEnrolment.create({
            data: { ...data, classId, personId: p.id },
          });
      await audit(tx, actorAudit(actor), {
        action: "class.enrolment.nominate",
        objectType: "ClassEnrolment",
        objectId: saved.id,
        unitId: row.unitId,
        before: e ? { status: e.status } : undefined,
        after: { status, staffNo },
      });
    }
    return { ok: true as const, enrolled, waitlisted };
  });
}

/** Withdraws an enrolment: the person themself, or an organiser of the class. A freed seat promotes the waiting list. */
export async function withdraw(
  actor: Actor,
  enrolmentId: string
): Promise<EnrolResult> {
  const enrolment = await db.classEnrolment.findUnique({
    where: { id: enrolmentId },
  });
  if (!enrolment) notFound();
  const cls = await db.trainingClass.findUniqueOrThrow({
    where: { id: enrolment.classId },
  });
  if (enrolment.personId !== actor.personId) await managedClass(actor, cls.id);
  if (!ENROL_OPEN.includes(cls.status))
    return { ok: false, error: "classes.errors.notOpen" };
  return write(async (tx) => {
    const e = await tx.classEnrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
    });
    if (!["APPLIED", "ENROLLED", "WAITLISTED"].includes(e.status))
      return { ok: false as const, error: "classes.errors.cannotWithdraw" };
    await tx.classEnrolment.update({
      where: { id: e.id },
      data: { status: "WITHDRAWN", decidedAt: new Date() },
    });
    await audit(tx, actorAudit(actor), {
      action: "class.enrolment.withdraw",
      objectType: "ClassEnrolment",
      objectId: e.id,
      unitId: cls.unitId,
      before: { status: e.status },
      after: { status: "WITHDRAWN" },
    });
    if (e.status === "ENROLLED") await promoteWaitlisted(tx, e.classId, actor);
    return { ok: true as const, status: "WITHDRAWN" };
  });
}
