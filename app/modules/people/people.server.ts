import { requireScope, unitScope, type Actor } from "~/lib/actor.server";
import { refreshPersonYear } from "~/modules/hours/ledger.server";
import { shanghaiYear } from "~/modules/hours/rules";
import { audit } from "~/lib/audit.server";
import { db, isUniqueViolation, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { decryptPersonal, encryptPersonal, lookupHash } from "~/lib/secrets.server";
import type { Prisma } from "~/generated/prisma/client";
import { actorAudit } from "~/modules/org/org.server";
import { can } from "~/modules/access/rules";
import {
  hireDateToUtc,
  maskIdCard,
  normalizeIdCard,
  type PersonInput,
  type PersonStatus,
  type StaffCategory,
} from "./rules";

export const PAGE_SIZE = 50;
const STAFF_NO_PATTERN = /^[A-Za-z0-9-]+$/;

export type PeopleFilter = {
  /** Limit to this unit and the units below it (must be in scope). */
  unitId?: string;
  category?: StaffCategory;
  status?: PersonStatus;
  /** Name fragment or staff-number prefix. */
  q?: string;
};

/**
 * The Prisma filter for people the actor may see with `permission`, narrowed by `filter`.
 * Units are few (thousands) and people many, so the unit scope is resolved to a list of
 * unit ids first: the people query then uses its (unitId, …) index instead of joining.
 */
export async function peopleWhere(
  actor: Actor,
  filter: PeopleFilter,
  permission: "person.view" | "person.export" = "person.view",
): Promise<Prisma.PersonWhereInput> {
  const unitFilters: Prisma.OrgUnitWhereInput[] = [unitScope(actor, permission)];
  if (filter.unitId) {
    const unit = await db.orgUnit.findUnique({ where: { id: filter.unitId }, select: { path: true } });
    if (!unit) notFound();
    requireScope(actor, permission, unit.path);
    unitFilters.push({ path: { startsWith: unit.path } });
  }
  const [units, allUnits] = await Promise.all([
    db.orgUnit.findMany({ where: { AND: unitFilters }, select: { id: true } }),
    db.orgUnit.count(),
  ]);
  const and: Prisma.PersonWhereInput[] = [];
  // Scope covering every unit (national administrators) needs no unit condition at all.
  if (units.length < allUnits) and.push({ unitId: { in: units.map((u) => u.id) } });
  if (filter.category) and.push({ category: filter.category });
  if (filter.status) and.push({ status: filter.status });
  const q = filter.q?.trim();
  if (q) {
    // Staff numbers are letters, digits and hyphens; names are not. A staff-number
    // prefix is a range (SQLite's LIKE cannot use the index); a name is a substring.
    and.push(STAFF_NO_PATTERN.test(q) ? { staffNo: { gte: q, lt: `${q}\u{10FFFF}` } } : { name: { contains: q } });
  }
  return { AND: and };
}

const listSelect = {
  id: true,
  staffNo: true,
  name: true,
  category: true,
  post: true,
  status: true,
  inEnforcementSystem: true,
  idCardMasked: true,
  unit: { select: { id: true, name: true, code: true } },
} satisfies Prisma.PersonSelect;

/**
 * One page of people ordered by staff number. Keyset paging (`after` = last staff
 * number seen) keeps every page as fast as the first, however deep.
 */
export async function searchPeople(actor: Actor, filter: PeopleFilter, after?: string) {
  const where = await peopleWhere(actor, filter);
  const [rows, total] = await Promise.all([
    db.person.findMany({
      where: after ? { AND: [where, { staffNo: { gt: after } }] } : where,
      orderBy: { staffNo: "asc" },
      take: PAGE_SIZE + 1,
      select: listSelect,
    }),
    db.person.count({ where }),
  ]);
  const hasMore = rows.length > PAGE_SIZE;
  const people = hasMore ? rows.slice(0, PAGE_SIZE) : rows;
  return { people, total, nextAfter: hasMore ? people[people.length - 1].staffNo : null };
}

/** A person the actor may see; 404 otherwise (also when it exists out of scope). */
export async function getPerson(actor: Actor, id: string, permission: "person.view" | "person.manage" = "person.view") {
  const person = await db.person.findUnique({
    where: { id },
    include: {
      unit: true,
      user: { select: { id: true, email: true, disabled: true, lastLoginAt: true, mustChangePassword: true } },
      movements: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!person) notFound();
  requireScope(actor, permission, person.unit.path);
  const unitIds = [...new Set(person.movements.flatMap((m) => [m.fromUnitId, m.toUnitId]).filter((v): v is string => !!v))];
  const units = await db.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const { idCardCipher: _secret, idCardHash: _hash, ...visible } = person;
  return {
    ...visible,
    movements: person.movements.map((m) => ({
      ...m,
      fromUnitName: m.fromUnitId ? (unitName.get(m.fromUnitId) ?? null) : null,
      toUnitName: m.toUnitId ? (unitName.get(m.toUnitId) ?? null) : null,
    })),
    canViewIdCard: can(actor, "person.viewIdCard", person.unit.path) && !!person.idCardMasked,
    canManage: can(actor, "person.manage", person.unit.path),
    canManageAccount: can(actor, "account.manage", person.unit.path),
  };
}

/** The full ID number, for someone allowed to see it. Every view is audited. */
export async function revealIdCard(actor: Actor, personId: string): Promise<string | null> {
  const person = await db.person.findUnique({ where: { id: personId }, include: { unit: { select: { path: true } } } });
  if (!person) notFound();
  requireScope(actor, "person.viewIdCard", person.unit.path);
  if (!person.idCardCipher) return null;
  const plain = decryptPersonal(person.idCardCipher);
  await write((tx) =>
    audit(tx, actorAudit(actor), { action: "person.viewIdCard", objectType: "Person", objectId: person.id, unitId: person.unitId }),
  );
  return plain;
}

export type PersonResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** Columns derived from input; shared by create, update and the bulk import. */
export function personData(input: PersonInput, unitId: string) {
  const idCard = input.idCard ? normalizeIdCard(input.idCard) : null;
  return {
    name: input.name,
    staffNo: input.staffNo,
    unitId,
    category: input.category,
    post: input.post,
    inEnforcementSystem: input.inEnforcementSystem,
    hireDate: hireDateToUtc(input.hireDate),
    education: input.education ?? null,
    phone: input.phone ?? null,
    idCardCipher: idCard ? encryptPersonal(idCard) : null,
    idCardMasked: idCard ? maskIdCard(idCard) : null,
    idCardHash: idCard ? lookupHash(idCard) : null,
  };
}

/** Audit snapshot without personal secrets. */
function publicFields(data: ReturnType<typeof personData>) {
  const { idCardCipher: _c, idCardHash: _h, ...rest } = data;
  return rest;
}

function uniqueErrors(error: unknown): Record<string, string> | null {
  if (!isUniqueViolation(error)) return null;
  const target = JSON.stringify((error as { meta?: unknown }).meta ?? "");
  if (target.includes("idCardHash")) return { idCard: "people.errors.idCardTaken" };
  return { staffNo: "people.errors.staffNoTaken" };
}

async function unitForWrite(
  actor: Actor,
  unitCode: string,
): Promise<{ error: { unitCode: string } } | { unit: NonNullable<Awaited<ReturnType<typeof db.orgUnit.findUnique>>> }> {
  const unit = await db.orgUnit.findUnique({ where: { code: unitCode } });
  if (!unit || !can(actor, "person.manage", unit.path)) return { error: { unitCode: "people.errors.unitNotInScope" } };
  if (!unit.active) return { error: { unitCode: "people.errors.unitInactive" } };
  return { unit };
}

export async function createPerson(actor: Actor, input: PersonInput): Promise<PersonResult> {
  const found = await unitForWrite(actor, input.unitCode);
  if ("error" in found) return { ok: false, errors: found.error };
  const data = personData(input, found.unit.id);
  try {
    const person = await write(async (tx) => {
      const created = await tx.person.create({ data });
      await audit(tx, actorAudit(actor), { action: "person.create", objectType: "Person", objectId: created.id, unitId: created.unitId, after: publicFields(data) });
      return created;
    });
    return { ok: true, id: person.id };
  } catch (error) {
    const errors = uniqueErrors(error);
    if (errors) return { ok: false, errors };
    throw error;
  }
}

/** Edits a person's details. The unit changes only by transfer (which keeps history). */
export async function updatePerson(actor: Actor, id: string, input: Omit<PersonInput, "unitCode">): Promise<PersonResult> {
  const existing = await db.person.findUnique({ where: { id }, include: { unit: true } });
  if (!existing) notFound();
  requireScope(actor, "person.manage", existing.unit.path);
  const data = personData({ ...input, unitCode: existing.unit.code }, existing.unitId);
  // An empty ID field keeps the stored number: it is never shown, so it cannot be re-typed.
  const changes = input.idCard ? data : { ...data, idCardCipher: undefined, idCardMasked: undefined, idCardHash: undefined };
  try {
    await write(async (tx) => {
      await tx.person.update({ where: { id }, data: changes });
      if (data.inEnforcementSystem !== existing.inEnforcementSystem) await refreshRoster(tx, id);
      await audit(tx, actorAudit(actor), {
        action: "person.update",
        objectType: "Person",
        objectId: id,
        unitId: existing.unitId,
        before: { name: existing.name, staffNo: existing.staffNo, category: existing.category, post: existing.post, idCardMasked: existing.idCardMasked },
        after: { name: data.name, staffNo: data.staffNo, category: data.category, post: data.post, idCardMasked: changes.idCardMasked ?? existing.idCardMasked },
      });
    });
    return { ok: true, id };
  } catch (error) {
    const errors = uniqueErrors(error);
    if (errors) return { ok: false, errors };
    throw error;
  }
}

/**
 * Moves a person to another unit or changes their status. The actor needs
 * `person.manage` over both the current and the new unit. Each change is one
 * movement row (the transfer history) plus an audit event.
 */
export async function recordMovement(
  actor: Actor,
  id: string,
  change: { toUnitCode?: string; toStatus: PersonStatus; reason: string; effectiveDate: string },
): Promise<PersonResult> {
  const person = await db.person.findUnique({ where: { id }, include: { unit: true } });
  if (!person) notFound();
  requireScope(actor, "person.manage", person.unit.path);
  let toUnit = person.unit;
  if (change.toUnitCode && change.toUnitCode !== person.unit.code) {
    const found = await unitForWrite(actor, change.toUnitCode);
    if ("error" in found) return { ok: false, errors: { toUnitCode: found.error.unitCode } };
    toUnit = found.unit;
  }
  if (toUnit.id === person.unitId && change.toStatus === person.status) {
    return { ok: false, errors: { toStatus: "people.errors.noChange" } };
  }
  await write(async (tx) => {
    await tx.person.update({ where: { id }, data: { unitId: toUnit.id, status: change.toStatus } });
    const movement = await tx.personMovement.create({
      data: {
        personId: id,
        fromUnitId: person.unitId,
        toUnitId: toUnit.id,
        fromStatus: person.status,
        toStatus: change.toStatus,
        reason: change.reason,
        effectiveDate: hireDateToUtc(change.effectiveDate) ?? new Date(),
        actorId: actor.userId,
      },
    });
    // The hours dashboards count a person where, and whether, their current year's summary says.
    await refreshRoster(tx, id);
    await audit(tx, actorAudit(actor), {
      action: toUnit.id !== person.unitId ? "person.transfer" : "person.status",
      objectType: "Person",
      objectId: id,
      unitId: toUnit.id,
      before: { unitId: person.unitId, status: person.status },
      after: { unitId: toUnit.id, status: change.toStatus, reason: change.reason, movementId: movement.id },
    });
  });
  return { ok: true, id };
}

/** Refreshes the person's current hours year (unit and roster), if it has begun. */
async function refreshRoster(tx: Tx, personId: string) {
  const year = shanghaiYear(new Date());
  if (await tx.hoursYearSummary.findUnique({ where: { personId_year: { personId, year } }, select: { year: true } })) await refreshPersonYear(tx, personId, year);
}

/** Head counts for dashboards: active people in scope by category. */
export async function headcount(actor: Actor) {
  const rows = await db.person.groupBy({
    by: ["category"],
    where: { status: "ACTIVE", unit: unitScope(actor, "person.view") },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.category, r._count._all])) as Partial<Record<StaffCategory, number>>;
}
