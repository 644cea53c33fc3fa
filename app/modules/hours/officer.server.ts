import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { evidenceDisplayName } from "~/lib/evidence";
import { readEvidence, storeEvidence, type EvidenceFile } from "~/lib/evidence.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { notFound } from "~/lib/request.server";
import { can, canAnywhere } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { addEntry, personYear, rulesInForce, type PersonYear } from "./ledger.server";
import { activityDateToUtc, checkEvidence, creditedHoursFor, quantityUnitFor, type SubmitEntryInput } from "./officer";
import { HOURS_SOURCES, shanghaiYear, type HoursCategory, type HoursSource } from "./rules";

/*
 * The officer's side of the ledger: my hours (and HR's view of one person's year),
 * submitting an entry with evidence, and serving that evidence.
 *
 * Who sees what:
 * - everyone signed in sees their own year;
 * - hours.view (or hours.approve) over the person's unit sees theirs; anyone else gets 404;
 * - evidence: the owner, or hours.view / hours.approve over the owner's unit.
 *
 * Evidence files live next to the database under evidence/ (stored and read by
 * ~/lib/evidence.server).
 */

export const FIRST_YEAR = 2000;

// ---------------------------------------------------------------------------
// Viewing a year
// ---------------------------------------------------------------------------

export type YearView = Awaited<ReturnType<typeof yearView>>;

/** The figures and entries of a person's year in the shape the pages show (plain data). */
async function yearView(data: PersonYear) {
  const { evaluation, rules, projection } = data;
  const pro = evaluation.categories.PROFESSIONAL_LEGAL;
  const pol = evaluation.categories.POLITICAL_THEORY;
  const userIds = [...new Set(data.entries.flatMap((e) => [e.decidedById, e.voidedById, e.submittedById]).filter((id): id is string => !!id))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, person: { select: { name: true } } } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.person.name]));
  const bySource = HOURS_SOURCES.map((source) => ({
    source,
    professional: pro.bySource[source].credited,
    political: pol.bySource[source].credited,
    capped: pro.bySource[source].capped + pol.bySource[source].capped,
    pending: pro.bySource[source].pending + pol.bySource[source].pending,
  })).filter((s) => s.professional || s.political || s.capped || s.pending);
  const entries = data.entries.map((e) => ({
    id: e.id,
    title: e.title,
    activityDate: e.activityDate.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    year: e.year,
    hours: e.hours,
    credited: e.credited,
    capped: e.capped,
    category: e.category as HoursCategory,
    source: e.source as HoursSource,
    status: e.status as "PENDING" | "APPROVED" | "REJECTED" | "VOIDED",
    quantity: e.quantity,
    quantityUnit: e.quantityUnit,
    note: e.note,
    hasEvidence: !!e.evidenceFile,
    evidenceName: e.evidenceName,
    decidedBy: e.decidedById ? (nameOf.get(e.decidedById) ?? null) : null,
    decidedAt: e.decidedAt?.toISOString() ?? null,
    decisionNote: e.decisionNote,
    voidReason: e.voidReason,
    voidedBy: e.voidedById ? (nameOf.get(e.voidedById) ?? null) : null,
    voidedAt: e.voidedAt?.toISOString() ?? null,
    correctsEntryId: e.correctsEntryId,
    imported: !!e.importBatchId,
  }));
  return {
    person: { id: data.person.id, name: data.person.name, staffNo: data.person.staffNo, unitName: data.person.unitName },
    year: data.year,
    professional: { required: pro.requirement, credited: pro.credited, carriedIn: pro.carriedIn, capped: pro.capped, pending: pro.pending, met: pro.met, shortfall: pro.shortfall, carryOut: pro.carryOut },
    political: { required: pol.requirement, credited: pol.credited, capped: pol.capped, pending: pol.pending, met: pol.met, shortfall: pol.shortfall },
    projection,
    bySource,
    rules: {
      national: rules.national?.version ?? null,
      provincial: rules.provincial?.version ?? null,
      offPostHoursPerDay: rules.rules.offPostHoursPerDay,
      teachingMultiplier: rules.rules.teachingMultiplier,
      caps: rules.rules.capsPerSource,
      carryOver: rules.rules.carryOverSurplus,
    },
    entries,
    pending: entries.filter((e) => e.status === "PENDING"),
  };
}

/** Years to offer in the selector: this year and every year the person has entries in, newest first. */
async function yearsOf(personId: string, current: number): Promise<number[]> {
  const rows = await db.hoursEntry.findMany({ where: { personId }, distinct: ["year"], select: { year: true } });
  return [...new Set([current, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
}

/** A year from the query string, or the current Shanghai year. */
export function yearParam(value: string | null, now = new Date()): number {
  const current = shanghaiYear(now);
  if (!value || !/^\d{4}$/.test(value)) return current;
  const year = Number(value);
  return year >= FIRST_YEAR && year <= current + 1 ? year : current;
}

export async function myHours(actor: Actor, year: number) {
  const [view, years] = await Promise.all([personYear(actor.personId, year).then(yearView), yearsOf(actor.personId, shanghaiYear(new Date()))]);
  return { ...view, years };
}

/** HR's view of one person's year: hours.view or hours.approve over the person's unit, else 404. */
export async function personHours(actor: Actor, personId: string, year: number) {
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, unit: { select: { path: true } } } });
  if (!person) notFound();
  const canView = can(actor, "hours.view", person.unit.path) || can(actor, "hours.approve", person.unit.path);
  if (!canView) notFound();
  const [view, years] = await Promise.all([personYear(personId, year).then(yearView), yearsOf(personId, shanghaiYear(new Date()))]);
  return { ...view, years, canApprove: can(actor, "hours.approve", person.unit.path) && personId !== actor.personId };
}

// ---------------------------------------------------------------------------
// Submitting an entry
// ---------------------------------------------------------------------------

export type SubmitResult = { ok: true; id: string; status: "PENDING" | "APPROVED"; personId: string } | { ok: false; errors: Record<string, string> };

/**
 * An officer's own entry goes in PENDING (HR in scope approves it). HR with hours.approve
 * over a person may enter hours for them (by staff number): APPROVED at once. A staff
 * number out of the actor's scope is refused like an unknown one. Nobody approves their
 * own hours, so HR entering for themselves is PENDING too.
 */
export async function submitEntry(actor: Actor, input: SubmitEntryInput, evidence: { name: string; bytes: Buffer } | null, now = new Date()): Promise<SubmitResult> {
  const staffNo = input.staffNo?.trim();
  let person = { id: actor.personId, unitId: actor.unitId, unitPath: actor.unitPath };
  let forOther = false;
  if (staffNo && staffNo !== actor.staffNo) {
    const found = await db.person.findUnique({ where: { staffNo }, select: { id: true, unitId: true, unit: { select: { path: true } } } });
    if (!found || !can(actor, "hours.approve", found.unit.path)) return { ok: false, errors: { staffNo: "ledger.errors.staffNoNotFound" } };
    person = { id: found.id, unitId: found.unitId, unitPath: found.unit.path };
    forOther = true;
  }
  if (input.activityDate > isoDateInShanghai(now)) return { ok: false, errors: { activityDate: "ledger.errors.dateFuture" } };
  const activityDate = activityDateToUtc(input.activityDate);
  const year = shanghaiYear(activityDate);
  if (year < shanghaiYear(now) - 1 && !forOther) return { ok: false, errors: { activityDate: "ledger.errors.dateTooOld" } };

  let stored: { file: string; name: string } | null = null;
  if (evidence) {
    const checked = checkEvidence(evidence.bytes);
    if (!checked.ok) return { ok: false, errors: { evidence: checked.error } };
    stored = { file: storeEvidence(EVIDENCE_FOLDER, evidence.bytes, checked.ext), name: evidenceDisplayName(evidence.name, checked.ext) };
  }

  const inForce = await rulesInForce(db, year, person.unitPath);
  const hours = creditedHoursFor(input.source, input.quantity, inForce.rules);
  const converts = input.source === "TEACHING" || input.source === "OFF_POST_TRAINING";
  const status = forOther ? "APPROVED" : "PENDING";
  const id = await write(async (tx) => {
    const entry = await addEntry(tx, {
      personId: person.id,
      activityDate,
      year,
      hours,
      category: input.category,
      source: input.source,
      title: input.title,
      quantity: input.quantity,
      quantityUnit: quantityUnitFor(input.source),
      ruleSetId: converts ? (inForce.provincial?.id ?? inForce.national?.id ?? null) : null,
      evidenceName: stored?.name,
      evidenceFile: stored?.file,
      note: input.note ?? "",
      status,
      submittedById: actor.userId,
      decidedById: forOther ? actor.userId : null,
    });
    await audit(tx, actorAudit(actor), {
      action: forOther ? "hours.enter" : "hours.submit",
      objectType: "HoursEntry",
      objectId: entry.id,
      unitId: person.unitId,
      after: { personId: person.id, year, hours, category: input.category, source: input.source, status, evidence: !!stored },
    });
    return entry.id;
  });
  return { ok: true, id, status, personId: person.id };
}

// ---------------------------------------------------------------------------
// Evidence files
// ---------------------------------------------------------------------------

/** Hours evidence lives in evidence/ beside the database (existing files stay where they are). */
const EVIDENCE_FOLDER = "evidence";

/** The evidence of an entry, for its owner or hours.view/approve over the owner's unit; 404 otherwise. */
export async function entryEvidence(actor: Actor, entryId: string): Promise<EvidenceFile> {
  const entry = await db.hoursEntry.findUnique({ where: { id: entryId }, select: { personId: true, evidenceFile: true, evidenceName: true } });
  if (!entry) notFound();
  if (entry.personId !== actor.personId) {
    const person = await db.person.findUniqueOrThrow({ where: { id: entry.personId }, select: { unit: { select: { path: true } } } });
    if (!can(actor, "hours.view", person.unit.path) && !can(actor, "hours.approve", person.unit.path)) notFound();
  }
  return readEvidence(EVIDENCE_FOLDER, entry.evidenceFile, entry.evidenceName) ?? notFound();
}

/** What the submission form needs: today's date in China and the conversions in force for the actor this year. */
export async function submitFormContext(actor: Actor, now = new Date()) {
  const inForce = await rulesInForce(db, shanghaiYear(now), actor.unitPath);
  return {
    today: isoDateInShanghai(now),
    offPostHoursPerDay: inForce.rules.offPostHoursPerDay,
    teachingMultiplier: inForce.rules.teachingMultiplier,
    canEnterForOthers: canAnywhere(actor, "hours.approve"),
  };
}
