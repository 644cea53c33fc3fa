import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import { evidenceDisplayName } from "~/lib/evidence";
import { readEvidence, storeEvidence, type EvidenceFile } from "~/lib/evidence.server";
import { notFound } from "~/lib/request.server";
import { can, covers } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { factsOf } from "./facts.server";
import { checkCredentialEvidence, generateVerifyCode } from "./evidence";
import {
  allowedTransitions,
  canTransition,
  displayStatus,
  eligibilityOf,
  formatNumber,
  holderRuleSchema,
  LIVE_STATUSES,
  numberSeqKey,
  parseType,
  provinceCode2,
  reasonSchema,
  renewalOf,
  renewedValidUntil,
  shanghaiDayStart,
  shanghaiYear,
  validUntilFor,
  type DisplayStatus,
  type ParsedType,
  type PersonFacts,
  type Transition,
  type Unmet,
} from "./rules";

/*
 * The credential lifecycle (证件生命周期): apply or be nominated → eligibility computed →
 * HR in scope issues (number per type, province and year; verification code; status-list
 * index; validity from the type) → active → expiring (renewal window) → renewed, or expired
 * after the grace period; suspended and reinstated, revoked, rejected, withdrawn.
 *
 * - Every change is one CredentialEvent plus one audit event, in the same transaction.
 *   Credentials and events are never deleted (DB triggers); a number never changes.
 * - Scope: a credential's scope is its holder's current unit path. HR actions need
 *   `credential.issue` over it; seeing another person's credential `credential.view`.
 *   Out of scope reads answer 404; out-of-scope writes answer `credentials.errors.notFound`.
 * - HR may not issue to an ineligible person: the refusal carries every unmet reason.
 * - Renewal extends from the old last day (not from today) by the type's validity.
 * - Types changed later never touch issued credentials (dates are fixed when written).
 */

export type Ok = { ok: true; id: string };
export type Fail = { ok: false; error: string; unmet?: Unmet[] };
export type Result = Ok | Fail;

const fail = (error: string, unmet?: Unmet[]): Fail => (unmet ? { ok: false, error, unmet } : { ok: false, error });

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

const personSelect = {
  id: true,
  staffNo: true,
  name: true,
  category: true,
  post: true,
  status: true,
  inEnforcementSystem: true,
  unitId: true,
  unit: { select: { id: true, name: true, code: true, level: true, path: true } },
} as const;

async function holderOf(personId: string) {
  return db.person.findUnique({ where: { id: personId }, select: personSelect });
}

async function typeByCode(code: string): Promise<ParsedType | null> {
  const row = await db.credentialType.findUnique({ where: { code } });
  return row ? parseType(row) : null;
}

async function loadCredential(id: string) {
  const credential = await db.credential.findUnique({ where: { id }, include: { type: true } });
  if (!credential) return null;
  const holder = await holderOf(credential.personId);
  if (!holder) return null;
  return { credential, type: parseType(credential.type), holder };
}

/** The most specific of the actor's units where they hold credential.issue over the holder. */
function issuingUnitOf(actor: Actor, holderPath: string): string {
  const grants = actor.grants.filter((g) => covers(g.unitPath, holderPath) && can({ grants: [g] }, "credential.issue", holderPath));
  grants.sort((a, b) => b.unitPath.length - a.unitPath.length);
  return grants[0]?.unitId ?? actor.unitId;
}

function dateOnly(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

const HOLDER_NOTICES = new Set(["ISSUED", "RENEWED", "SUSPENDED", "REINSTATED", "REVOKED", "REJECTED", "RECORDED"]);

async function event(
  tx: Tx,
  actor: Actor,
  credential: { id: string; personId: string },
  unitId: string,
  input: { action: string; reason?: string | null; effectiveDate?: Date | null; data?: Record<string, unknown>; before?: unknown; after?: unknown },
  now: Date,
) {
  await tx.credentialEvent.create({
    data: {
      credentialId: credential.id,
      action: input.action,
      at: now,
      effectiveDate: input.effectiveDate ?? null,
      reason: input.reason ?? null,
      actorId: actor.userId,
      data: JSON.stringify(input.data ?? {}),
    },
  });
  // The holder hears of every decision about their credential (shown from credentials.notices.*).
  if (HOLDER_NOTICES.has(input.action) && credential.personId !== actor.personId) {
    await tx.notice.create({
      data: { personId: credential.personId, kind: `credentials.${input.action.toLowerCase()}`, params: JSON.stringify({ reason: input.reason ?? "" }), link: `/credentials/${credential.id}`, createdAt: now },
    });
  }
  await audit(tx, actorAudit(actor), {
    action: `credential.${input.action.toLowerCase()}`,
    objectType: "Credential",
    objectId: credential.id,
    unitId,
    before: input.before,
    after: { personId: credential.personId, ...(input.after as object | undefined), reason: input.reason ?? undefined },
  });
}

/** The "one live credential per person and type" trigger fired (the adapter reports it under meta). */
function isLiveTrigger(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { meta?: unknown }).meta;
  return `${error.message} ${meta ? JSON.stringify(meta) : ""}`.includes("already has this credential");
}

async function liveCredential(personId: string, typeId: string) {
  return db.credential.findFirst({ where: { personId, typeId, status: { in: [...LIVE_STATUSES] } }, select: { id: true } });
}

/** A calendar date given by a form (Date at Shanghai midnight) or today's. */
function calendarDay(value: Date | null | undefined, now: Date): Date {
  return shanghaiDayStart(value ?? now);
}

// ---------------------------------------------------------------------------
// Apply and nominate
// ---------------------------------------------------------------------------

function holderProblem(type: ParsedType, facts: PersonFacts): string | null {
  if (!type.active) return "credentials.errors.typeInactive";
  if (type.kind === "EXTERNAL") return "credentials.errors.externalType";
  if (facts.status !== "ACTIVE") return "credentials.errors.personNotActive";
  const holders = holderRuleSchema.parse(type.holders);
  if (!holders.categories.includes(facts.category as never)) return "credentials.errors.notHolder";
  if (holders.inEnforcementSystemOnly && !facts.inEnforcementSystem) return "credentials.errors.notHolder";
  return null;
}

async function openCredential(actor: Actor, personId: string, type: ParsedType, via: "APPLIED" | "NOMINATED", now: Date): Promise<Result> {
  const holder = await holderOf(personId);
  if (!holder) return fail("credentials.errors.personNotFound");
  const facts = await factsOf(personId, now);
  if (!facts) return fail("credentials.errors.personNotFound");
  const problem = holderProblem(type, facts);
  if (problem) return fail(problem);
  if (await liveCredential(personId, type.id)) return fail("credentials.errors.alreadyLive");
  const eligibility = eligibilityOf(type, facts, now);
  try {
    const id = await write(async (tx) => {
      const created = await tx.credential.create({ data: { typeId: type.id, personId, status: via, createdAt: now } });
      await event(tx, actor, created, holder.unitId, {
        action: via,
        data: { eligible: eligibility.eligible, unmet: eligibility.unmet },
        after: { type: type.code, status: via, eligible: eligibility.eligible },
      }, now);
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isLiveTrigger(error)) return fail("credentials.errors.alreadyLive");
    throw error;
  }
}

/** The signed-in officer applies for a credential of a type they may hold. */
export async function apply(actor: Actor, typeCode: string, now = new Date()): Promise<Result> {
  const type = await typeByCode(typeCode);
  if (!type) return fail("credentials.errors.typeNotFound");
  return openCredential(actor, actor.personId, type, "APPLIED", now);
}

/** HR (credential.issue over the person's unit) nominates a person by staff number. */
export async function nominate(actor: Actor, staffNo: string, typeCode: string, now = new Date()): Promise<Result> {
  const person = await db.person.findUnique({ where: { staffNo: staffNo.trim() }, select: { id: true, unit: { select: { path: true } } } });
  if (!person || !can(actor, "credential.issue", person.unit.path)) return fail("credentials.errors.personNotFound");
  const type = await typeByCode(typeCode);
  if (!type) return fail("credentials.errors.typeNotFound");
  return openCredential(actor, person.id, type, "NOMINATED", now);
}

/** What the nomination form shows for a staff number and type: the person and their eligibility. */
export async function nominationPreview(actor: Actor, staffNo: string, typeCode: string, now = new Date()) {
  const person = await db.person.findUnique({ where: { staffNo: staffNo.trim() }, select: personSelect });
  if (!person || !can(actor, "credential.issue", person.unit.path)) return { ok: false as const, error: "credentials.errors.personNotFound" };
  const type = await typeByCode(typeCode);
  if (!type) return { ok: false as const, error: "credentials.errors.typeNotFound" };
  const facts = (await factsOf(person.id, now))!;
  const live = await db.credential.findFirst({
    where: { personId: person.id, typeId: type.id, status: { in: [...LIVE_STATUSES] } },
    select: { id: true, status: true },
  });
  return {
    ok: true as const,
    person: { staffNo: person.staffNo, name: person.name, unitName: person.unit.name, category: person.category, post: person.post },
    type: { code: type.code, name: type.name, nameEn: type.nameEn },
    eligibility: eligibilityOf(type, facts, now),
    holderProblem: holderProblem(type, facts),
    live,
  };
}

// ---------------------------------------------------------------------------
// Issue, renew, suspend, reinstate, revoke, reject, withdraw
// ---------------------------------------------------------------------------

async function forHr(actor: Actor, id: string, action: Transition) {
  const loaded = await loadCredential(id);
  if (!loaded || !can(actor, "credential.issue", loaded.holder.unit.path)) return { error: fail("credentials.errors.notFound") };
  if (!canTransition(loaded.credential.status, action)) return { error: fail("credentials.errors.wrongStatus") };
  return { loaded };
}

/** HR issues an applied or nominated credential to an eligible holder. */
export async function issue(actor: Actor, credentialId: string, options: { validFrom?: Date | null } = {}, now = new Date()): Promise<Result> {
  const { loaded, error } = await forHr(actor, credentialId, "issue");
  if (error) return error;
  const { credential, type, holder } = loaded;
  if (type.kind === "EXTERNAL") return fail("credentials.errors.externalType");
  const facts = (await factsOf(holder.id, now))!;
  const eligibility = eligibilityOf(type, facts, now);
  if (!eligibility.eligible) return fail("credentials.errors.notEligible", eligibility.unmet);
  const validFrom = calendarDay(options.validFrom, now);
  if (validFrom.getTime() > shanghaiDayStart(now).getTime() + 366 * 86_400_000) return fail("credentials.errors.validFromTooFar");
  const validUntil = validUntilFor(validFrom, type.validityMonths);
  const province = provinceCode2(holder.unit);
  const year = shanghaiYear(now);
  const issuingUnitId = issuingUnitOf(actor, holder.unit.path);
  const verifyCode = generateVerifyCode();
  let issued = false;
  await write(async (tx) => {
    const fresh = await tx.credential.findUniqueOrThrow({ where: { id: credential.id }, select: { status: true } });
    if (fresh.status !== credential.status) return;
    issued = true;
    const number = await nextNumber(tx, type, province, year);
    const statusIndex = await nextStatusIndex(tx);
    await tx.credential.update({
      where: { id: credential.id },
      data: { status: "ACTIVE", number, verifyCode, statusIndex, issuingUnitId, issuedAt: now, validFrom, validUntil },
    });
    await event(tx, actor, credential, holder.unitId, {
      action: "ISSUED",
      effectiveDate: validFrom,
      data: { number, validFrom: dateOnly(validFrom), validUntil: dateOnly(validUntil), eligibility },
      before: { status: credential.status },
      after: { type: type.code, status: "ACTIVE", number, validFrom, validUntil },
    }, now);
  });
  return issued ? { ok: true, id: credential.id } : fail("credentials.errors.wrongStatus");
}

/** Next number of the type's pattern for province and year; skips numbers already taken (e.g. imported). */
async function nextNumber(tx: Tx, type: ParsedType, province: string, year: number): Promise<string> {
  const key = numberSeqKey(type.code, province, year);
  for (;;) {
    const row = await tx.credentialNumberSeq.upsert({ where: { key }, create: { key, next: 2 }, update: { next: { increment: 1 } } });
    const number = formatNumber(type.numberPattern, province, year, row.next - 1);
    const taken = await tx.credential.findUnique({ where: { number }, select: { id: true } });
    if (!taken) return number;
  }
}

async function nextStatusIndex(tx: Tx): Promise<number> {
  const max = await tx.credential.aggregate({ _max: { statusIndex: true } });
  return (max._max.statusIndex ?? -1) + 1;
}

/** HR renews an ACTIVE credential in its window or grace period when the renewal conditions are met. */
export async function renew(actor: Actor, id: string, now = new Date()): Promise<Result> {
  const { loaded, error } = await forHr(actor, id, "renew");
  if (error) return error;
  const { credential, type, holder } = loaded;
  if (!credential.validUntil || !type.validityMonths) return fail("credentials.errors.noExpiry");
  const facts = (await factsOf(holder.id, now))!;
  const renewal = renewalOf(type, credential, facts, now);
  if (!renewal.ready) return fail("credentials.errors.renewalNotReady", renewal.unmet);
  const oldValidUntil = credential.validUntil;
  const newValidUntil = renewedValidUntil(oldValidUntil, type.validityMonths);
  let changed = false;
  await write(async (tx) => {
    const res = await tx.credential.updateMany({
      where: { id: credential.id, status: "ACTIVE", validUntil: oldValidUntil },
      data: { validUntil: newValidUntil },
    });
    if (res.count !== 1) return;
    changed = true;
    await event(tx, actor, credential, holder.unitId, {
      action: "RENEWED",
      data: { oldValidUntil: dateOnly(oldValidUntil), newValidUntil: dateOnly(newValidUntil), renewal: { unmet: renewal.unmet } },
      before: { validUntil: oldValidUntil },
      after: { validUntil: newValidUntil },
    }, now);
  });
  return changed ? { ok: true, id } : fail("credentials.errors.wrongStatus");
}

/** A status change guarded by the status it starts from (a concurrent change makes it a no-op). */
async function changeStatus(
  actor: Actor,
  id: string,
  transition: Transition,
  to: string,
  action: string,
  input: { reason?: string | null; effectiveDate?: Date | null },
  now: Date,
): Promise<Result> {
  const { loaded, error } = await forHr(actor, id, transition);
  if (error) return error;
  return applyStatus(actor, loaded.credential, loaded.holder.unitId, to, action, input, now);
}

async function applyStatus(
  actor: Actor,
  credential: { id: string; personId: string; status: string },
  unitId: string,
  to: string,
  action: string,
  input: { reason?: string | null; effectiveDate?: Date | null },
  now: Date,
): Promise<Result> {
  let changed = false;
  await write(async (tx) => {
    const res = await tx.credential.updateMany({ where: { id: credential.id, status: credential.status }, data: { status: to } });
    if (res.count !== 1) return;
    changed = true;
    await event(tx, actor, credential, unitId, {
      action,
      reason: input.reason ?? null,
      effectiveDate: input.effectiveDate ?? null,
      data: { from: credential.status, to },
      before: { status: credential.status },
      after: { status: to, effectiveDate: input.effectiveDate ?? undefined },
    }, now);
  });
  return changed ? { ok: true, id: credential.id } : fail("credentials.errors.wrongStatus");
}

function reasonProblem(reason: string): string | null {
  const parsed = reasonSchema.safeParse(reason);
  return parsed.success ? null : parsed.error.issues[0].message;
}

/** Suspension from `effectiveDate` (a calendar date, not in the future; default today). */
export async function suspend(actor: Actor, id: string, reason: string, effectiveDate?: Date | null, now = new Date()): Promise<Result> {
  const problem = reasonProblem(reason);
  if (problem) return fail(problem);
  const day = calendarDay(effectiveDate, now);
  if (day.getTime() > shanghaiDayStart(now).getTime()) return fail("credentials.errors.effectiveInFuture");
  return changeStatus(actor, id, "suspend", "SUSPENDED", "SUSPENDED", { reason: reason.trim(), effectiveDate: day }, now);
}

export async function reinstate(actor: Actor, id: string, reason: string, now = new Date()): Promise<Result> {
  const problem = reasonProblem(reason);
  if (problem) return fail(problem);
  return changeStatus(actor, id, "reinstate", "ACTIVE", "REINSTATED", { reason: reason.trim(), effectiveDate: shanghaiDayStart(now) }, now);
}

export async function revoke(actor: Actor, id: string, reason: string, now = new Date()): Promise<Result> {
  const problem = reasonProblem(reason);
  if (problem) return fail(problem);
  return changeStatus(actor, id, "revoke", "REVOKED", "REVOKED", { reason: reason.trim(), effectiveDate: shanghaiDayStart(now) }, now);
}

export async function reject(actor: Actor, id: string, reason: string, now = new Date()): Promise<Result> {
  const problem = reasonProblem(reason);
  if (problem) return fail(problem);
  return changeStatus(actor, id, "reject", "REJECTED", "REJECTED", { reason: reason.trim() }, now);
}

/** The applicant withdraws their own application or nomination; HR in scope may withdraw one too. */
export async function withdraw(actor: Actor, id: string, now = new Date()): Promise<Result> {
  const loaded = await loadCredential(id);
  if (!loaded) return fail("credentials.errors.notFound");
  const own = loaded.credential.personId === actor.personId;
  if (!own && !can(actor, "credential.issue", loaded.holder.unit.path)) return fail("credentials.errors.notFound");
  if (!canTransition(loaded.credential.status, "withdraw")) return fail("credentials.errors.wrongStatus");
  return applyStatus(actor, loaded.credential, loaded.holder.unitId, "WITHDRAWN", "WITHDRAWN", {}, now);
}

// ---------------------------------------------------------------------------
// External credentials (法律职业资格 …)
// ---------------------------------------------------------------------------

export type RecordExternalInput = {
  staffNo: string;
  typeCode: string;
  externalNumber: string;
  /** Calendar date of issue (midnight Shanghai). */
  issuedAt: Date;
  /** Last day of validity; default: from the type's validity, or none. */
  validUntil?: Date | null;
  evidence?: { name: string; bytes: Buffer } | null;
};

/** HR records a credential issued outside the platform; it is ACTIVE from the date given. */
export async function recordExternal(actor: Actor, input: RecordExternalInput, now = new Date()): Promise<Result> {
  const person = await db.person.findUnique({ where: { staffNo: input.staffNo.trim() }, select: personSelect });
  if (!person || !can(actor, "credential.issue", person.unit.path)) return fail("credentials.errors.personNotFound");
  const type = await typeByCode(input.typeCode);
  if (!type) return fail("credentials.errors.typeNotFound");
  if (type.kind !== "EXTERNAL") return fail("credentials.errors.notExternalType");
  if (!type.active) return fail("credentials.errors.typeInactive");
  const externalNumber = input.externalNumber.trim();
  if (!/^[\p{L}\p{N}\-/() ]{2,60}$/u.test(externalNumber)) return fail("credentials.errors.externalNumber");
  const issuedAt = shanghaiDayStart(input.issuedAt);
  if (issuedAt.getTime() > now.getTime()) return fail("credentials.errors.issuedInFuture");
  const validUntil = input.validUntil ? shanghaiDayStart(input.validUntil) : validUntilFor(issuedAt, type.validityMonths);
  if (validUntil && validUntil.getTime() < issuedAt.getTime()) return fail("credentials.errors.validUntilBeforeIssue");
  if (await liveCredential(person.id, type.id)) return fail("credentials.errors.alreadyLive");
  let stored: { file: string; name: string } | null = null;
  if (input.evidence && input.evidence.bytes.length > 0) {
    const checked = checkCredentialEvidence(input.evidence.bytes);
    if (!checked.ok) return fail(checked.error);
    stored = { file: storeEvidence(EVIDENCE_FOLDER, input.evidence.bytes, checked.ext), name: evidenceDisplayName(input.evidence.name, checked.ext) };
  }
  const verifyCode = generateVerifyCode();
  const issuingUnitId = issuingUnitOf(actor, person.unit.path);
  try {
    const id = await write(async (tx) => {
      const statusIndex = await nextStatusIndex(tx);
      const created = await tx.credential.create({
        data: {
          typeId: type.id,
          personId: person.id,
          status: "ACTIVE",
          verifyCode,
          statusIndex,
          issuingUnitId,
          issuedAt,
          validFrom: issuedAt,
          validUntil,
          externalNumber,
          evidenceName: stored?.name ?? null,
          evidenceFile: stored?.file ?? null,
          createdAt: now,
        },
      });
      await event(tx, actor, created, person.unitId, {
        action: "RECORDED",
        effectiveDate: issuedAt,
        data: { externalNumber, issuedAt: dateOnly(issuedAt), validUntil: dateOnly(validUntil), evidence: !!stored },
        after: { type: type.code, status: "ACTIVE", externalNumber, issuedAt, validUntil, evidence: !!stored },
      }, now);
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isLiveTrigger(error)) return fail("credentials.errors.alreadyLive");
    throw error;
  }
}

/** Credential evidence lives in evidence/credentials/ beside the database (existing files stay where they are). */
const EVIDENCE_FOLDER = "evidence/credentials";

/** A credential's evidence file, for its holder or credential.view over the holder's unit; 404 otherwise. */
export async function credentialEvidence(actor: Actor, id: string): Promise<EvidenceFile> {
  const loaded = await loadCredential(id);
  if (!loaded) notFound();
  const { credential, holder } = loaded;
  if (credential.personId !== actor.personId && !can(actor, "credential.view", holder.unit.path)) notFound();
  return readEvidence(EVIDENCE_FOLDER, credential.evidenceFile, credential.evidenceName) ?? notFound();
}

// ---------------------------------------------------------------------------
// Reading: my credentials, one credential
// ---------------------------------------------------------------------------

export type CredentialSummary = {
  id: string;
  type: { code: string; name: string; nameEn: string; kind: string };
  status: string;
  displayStatus: DisplayStatus;
  number: string | null;
  externalNumber: string | null;
  issuedAt: Date | null;
  validFrom: Date | null;
  validUntil: Date | null;
  createdAt: Date;
};

function summary(c: { id: string; status: string; number: string | null; externalNumber: string | null; issuedAt: Date | null; validFrom: Date | null; validUntil: Date | null; createdAt: Date }, type: ParsedType, now: Date): CredentialSummary {
  return {
    id: c.id,
    type: { code: type.code, name: type.name, nameEn: type.nameEn, kind: type.kind },
    status: c.status,
    displayStatus: displayStatus(c, type, now),
    number: c.number,
    externalNumber: c.externalNumber,
    issuedAt: c.issuedAt,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    createdAt: c.createdAt,
  };
}

/**
 * The officer's page: every credential of theirs (newest first; renewal standing for the
 * ones with an expiry), and for each active type they may hold without a live credential,
 * their eligibility and whether they can apply.
 */
export async function myCredentials(actor: Actor, now = new Date()) {
  const [rows, typeRows, facts] = await Promise.all([
    db.credential.findMany({ where: { personId: actor.personId }, include: { type: true }, orderBy: { createdAt: "desc" } }),
    db.credentialType.findMany({ where: { active: true }, orderBy: { code: "asc" } }),
    factsOf(actor.personId, now),
  ]);
  const credentials = rows.map((row) => {
    const type = parseType(row.type);
    const s = summary(row, type, now);
    const renewal = facts && row.validUntil && type.validityMonths && (row.status === "ACTIVE" || row.status === "SUSPENDED") ? renewalOf(type, row, facts, now) : null;
    return { ...s, renewal };
  });
  const live = new Set(rows.filter((r) => (LIVE_STATUSES as readonly string[]).includes(r.status)).map((r) => r.typeId));
  const available = typeRows
    .map(parseType)
    .filter((type) => !live.has(type.id))
    .map((type) => {
      const eligibility = facts ? eligibilityOf(type, facts, now) : { eligible: false, unmet: [] as Unmet[] };
      const problem = facts ? holderProblem(type, facts) : "credentials.errors.personNotFound";
      return {
        type: { code: type.code, name: type.name, nameEn: type.nameEn, kind: type.kind },
        eligibility,
        canApply: problem === null,
        mayHold: problem === null || problem === "credentials.errors.externalType",
      };
    })
    .filter((a) => a.mayHold);
  return { credentials, available };
}

/** One credential with its whole history; 404 unless it is the actor's or in their credential.view scope. */
export async function credentialDetail(actor: Actor, id: string, now = new Date()) {
  const loaded = await loadCredential(id);
  if (!loaded) notFound();
  const { credential, type, holder } = loaded;
  const own = credential.personId === actor.personId;
  const canView = can(actor, "credential.view", holder.unit.path);
  if (!own && !canView) notFound();
  const canIssue = can(actor, "credential.issue", holder.unit.path);
  const [events, issuingUnit, facts] = await Promise.all([
    db.credentialEvent.findMany({ where: { credentialId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    credential.issuingUnitId ? db.orgUnit.findUnique({ where: { id: credential.issuingUnitId }, select: { name: true } }) : null,
    factsOf(holder.id, now),
  ]);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const users = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, person: { select: { name: true, staffNo: true } } } })
    : [];
  const who = new Map(users.map((u) => [u.id, u.person ? `${u.person.name}（${u.person.staffNo}）` : ""]));
  const pending = credential.status === "APPLIED" || credential.status === "NOMINATED";
  const eligibility = pending && facts ? eligibilityOf(type, facts, now) : null;
  const renewal = facts && credential.validUntil && type.validityMonths && (credential.status === "ACTIVE" || credential.status === "SUSPENDED") ? renewalOf(type, credential, facts, now) : null;
  const transitions = canIssue ? allowedTransitions(credential.status) : [];
  return {
    credential: {
      ...summary(credential, type, now),
      verifyCode: own || canView ? credential.verifyCode : null,
      hasEvidence: !!credential.evidenceFile,
      evidenceName: credential.evidenceName,
      issuingUnitName: issuingUnit?.name ?? null,
    },
    type: { code: type.code, name: type.name, nameEn: type.nameEn, kind: type.kind, validityMonths: type.validityMonths, graceDays: type.graceDays },
    holder: { staffNo: holder.staffNo, name: holder.name, unitName: holder.unit.name, category: holder.category, post: holder.post },
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      at: e.at,
      effectiveDate: e.effectiveDate,
      reason: e.reason,
      actor: e.actorId ? who.get(e.actorId) ?? "" : "",
      data: safeJson(e.data),
    })),
    eligibility,
    renewal,
    own,
    canIssue,
    /** Actions HR may take now (renew also needs renewal.ready; issue needs eligibility.eligible). */
    actions: transitions.filter((t) => t !== "withdraw" || pending),
    canWithdraw: pending && (own || canIssue),
  };
}

function safeJson(value: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(value);
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

/** Types offered on HR forms (nominate: ISSUED; record: EXTERNAL), active only. */
export async function typeOptions(kind: "ISSUED" | "EXTERNAL") {
  const rows = await db.credentialType.findMany({ where: { active: true, kind }, orderBy: { code: "asc" }, select: { code: true, name: true, nameEn: true } });
  return rows;
}
