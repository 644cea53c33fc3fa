import { createId } from "@paralleldrive/cuid2";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, rawQuery, rawWriteStatement, sqliteTime, write, writeRaw, type Tx } from "~/lib/db.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import {
  correctionOf,
  DEFAULT_RULES,
  evaluateYear,
  mergeRules,
  offPostHours,
  projectYearEnd,
  roundHours,
  ruleOverrideSchema,
  ruleSchema,
  shanghaiYear,
  voidOf,
  type CreditRules,
  type HoursCategory,
  type HoursSource,
  type LedgerEntry,
  type RulesOverride,
  type YearEvaluation,
  type YearEndProjection,
} from "./rules";

/*
 * The study-hours ledger: entries in, evaluated years out.
 *
 * Entries are facts and never change (database triggers hold the figures fixed and let
 * the status only move forward). What a year is worth is an evaluation of those facts
 * under the rules in force for that year and the person's province; it is cached per
 * person and year in HoursYearSummary, which is rebuilt whenever an entry of that
 * person-year changes status or the year's rules change. Dashboards read the cache.
 */

type Reader = Tx | typeof db;

export type RuleVersionRef = { id: string; version: number };
export type RulesInForce = {
  rules: CreditRules;
  national: RuleVersionRef | null;
  provincial: (RuleVersionRef & { unitId: string }) | null;
};

/** The province of a unit path `/national/province/…/` (null for the national unit itself). */
export function provinceIdOf(unitPath: string): string | null {
  return unitPath.split("/").filter(Boolean)[1] ?? null;
}

/** Rule sets are append-only, so a parsed version never goes stale: parse each once. */
const parsedRules = new Map<string, CreditRules | RulesOverride>();

function parsedRuleSet(row: { id: string; scope: string; rules: string }): CreditRules | RulesOverride {
  let parsed = parsedRules.get(row.id);
  if (!parsed) {
    parsed = row.scope === "NATIONAL" ? ruleSchema.parse(JSON.parse(row.rules)) : ruleOverrideSchema.parse(JSON.parse(row.rules));
    parsedRules.set(row.id, parsed);
  }
  return parsed;
}

/** The newest national rules of the year with the province's newest override on top. */
export async function rulesInForce(reader: Reader, year: number, unitPath: string): Promise<RulesInForce> {
  const rows = await reader.hoursRuleSet.findMany({ where: { year }, select: { id: true, scope: true, version: true } });
  return rulesFromList(reader, year, unitPath, rows.map((r) => [r.id, r.scope, r.version]));
}

// ---------------------------------------------------------------------------
// Writing entries
// ---------------------------------------------------------------------------

export type EntryInput = {
  personId: string;
  activityDate: Date;
  /** Defaults to the Shanghai calendar year of the activity. */
  year?: number;
  hours: number;
  category: HoursCategory;
  source: HoursSource;
  title: string;
  refType?: string;
  refId?: string;
  /** Automatic postings only: the same key twice is one entry. */
  postingKey?: string;
  quantity?: number;
  quantityUnit?: "MINUTES" | "DAYS" | "HOURS";
  ruleSetId?: string | null;
  evidenceName?: string;
  evidenceFile?: string;
  note?: string;
  importBatchId?: string;
  correctsEntryId?: string;
  status: "PENDING" | "APPROVED";
  submittedById?: string | null;
  decidedById?: string | null;
};

function entryData(input: EntryInput, now: Date) {
  if (!(input.hours > 0) || !Number.isFinite(input.hours)) throw new Error(`Ledger entries need positive hours (got ${input.hours})`);
  return {
    id: createId(),
    personId: input.personId,
    year: input.year ?? shanghaiYear(input.activityDate),
    hours: roundHours(input.hours),
    category: input.category,
    source: input.source,
    title: input.title,
    refType: input.refType ?? null,
    refId: input.refId ?? null,
    postingKey: input.postingKey ?? null,
    quantity: input.quantity ?? null,
    quantityUnit: input.quantityUnit ?? null,
    ruleSetId: input.ruleSetId ?? null,
    activityDate: input.activityDate,
    evidenceName: input.evidenceName ?? null,
    evidenceFile: input.evidenceFile ?? null,
    note: input.note ?? "",
    status: input.status,
    submittedById: input.submittedById ?? null,
    decidedById: input.status === "APPROVED" ? (input.decidedById ?? null) : null,
    decidedAt: input.status === "APPROVED" ? now : null,
    importBatchId: input.importBatchId ?? null,
    correctsEntryId: input.correctsEntryId ?? null,
    recordedAt: now,
  };
}

/** Adds one entry and refreshes the person's year. With a posting key, a repeat is a no-op. */
export async function addEntry(tx: Tx, input: EntryInput): Promise<{ id: string; created: boolean }> {
  if (input.postingKey) {
    const existing = await tx.hoursEntry.findUnique({ where: { postingKey: input.postingKey }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
  }
  const data = entryData(input, new Date());
  await tx.hoursEntry.create({ data });
  await refreshPersonYear(tx, data.personId, data.year);
  return { id: data.id, created: true };
}

/** Many entries at once (imports): one insert each, then each affected person-year refreshed once. */
export async function addEntries(tx: Tx, inputs: EntryInput[]): Promise<number> {
  const now = new Date();
  const rows = inputs.map((input) => entryData(input, now));
  for (let i = 0; i < rows.length; i += 500) await tx.hoursEntry.createMany({ data: rows.slice(i, i + 500) });
  const touched = new Map(rows.map((r) => [`${r.personId}:${r.year}`, r]));
  for (const r of touched.values()) await refreshPersonYear(tx, r.personId, r.year);
  return rows.length;
}

export async function postLessonRecord(
  tx: Tx,
  record: { id: string; personId: string; minutes: number; creditedHours: number; completedAt: Date },
  lesson: { title: string },
  ruleSetId: string | null,
): Promise<{ id: string; created: boolean } | null> {
  if (record.creditedHours <= 0) return null;
  return addEntry(tx, {
    personId: record.personId,
    activityDate: record.completedAt,
    hours: record.creditedHours,
    category: "PROFESSIONAL_LEGAL",
    source: "ONLINE_LESSON",
    title: lesson.title,
    refType: "LearningRecord",
    refId: record.id,
    postingKey: `lesson:${record.id}`,
    quantity: record.minutes,
    quantityUnit: "MINUTES",
    ruleSetId,
    status: "APPROVED",
  });
}

/**
 * A completed class's entry. Off-post (脱产) training earns its days under the rules in
 * force; any other class earns the credit hours it was announced with.
 */
export async function postClassCompletion(
  tx: Tx,
  c: { enrolmentId: string; personId: string; classTitle: string; classType: string; creditHours: number; category: HoursCategory; days: number; completedAt: Date; unitPath: string },
): Promise<{ id: string; created: boolean }> {
  const year = shanghaiYear(c.completedAt);
  const offPost = c.classType === "OFF_POST";
  const inForce = offPost ? await rulesInForce(tx, year, c.unitPath) : null;
  return addEntry(tx, {
    personId: c.personId,
    activityDate: c.completedAt,
    year,
    hours: offPost ? offPostHours(c.days, inForce!.rules) : c.creditHours,
    category: c.category,
    source: offPost ? "OFF_POST_TRAINING" : "OFFLINE_CLASS",
    title: c.classTitle,
    refType: "ClassEnrolment",
    refId: c.enrolmentId,
    postingKey: `class:${c.enrolmentId}`,
    quantity: offPost ? c.days : c.creditHours,
    quantityUnit: offPost ? "DAYS" : "HOURS",
    ruleSetId: inForce ? (inForce.provincial?.id ?? inForce.national?.id ?? null) : null,
    status: "APPROVED",
  });
}

// ---------------------------------------------------------------------------
// Evaluating a person's year (and caching it)
// ---------------------------------------------------------------------------

async function ledgerEntries(reader: Reader, personId: string, year: number): Promise<LedgerEntry[]> {
  const rows = await reader.hoursEntry.findMany({
    where: { personId, year },
    select: { id: true, personId: true, year: true, hours: true, category: true, source: true, status: true, recordedAt: true },
  });
  return rows as LedgerEntry[];
}

async function carriedInto(reader: Reader, personId: string, year: number): Promise<Partial<Record<HoursCategory, number>>> {
  const previous = await reader.hoursYearSummary.findUnique({ where: { personId_year: { personId, year: year - 1 } }, select: { carryOut: true } });
  // Only the professional/legal requirement carries (political theory has its own, usually none).
  return { PROFESSIONAL_LEGAL: previous?.carryOut ?? 0 };
}

async function evaluate(reader: Reader, personId: string, year: number, unitPath: string) {
  const [entries, inForce, carriedIn] = await Promise.all([ledgerEntries(reader, personId, year), rulesInForce(reader, year, unitPath), carriedInto(reader, personId, year)]);
  return { evaluation: evaluateYear(entries, inForce.rules, { carriedIn }), inForce, carriedIn };
}

type RosterFacts = { unitId: string; status: string; inEnforcementSystem: boolean | number };

function summaryRow(person: RosterFacts, evaluation: YearEvaluation, inForce: RulesInForce) {
  const pro = evaluation.categories.PROFESSIONAL_LEGAL;
  const pol = evaluation.categories.POLITICAL_THEORY;
  return {
    unitId: person.unitId,
    onRoster: person.status === "ACTIVE" && Boolean(person.inEnforcementSystem),
    professionalRequired: pro.requirement,
    professionalCarriedIn: pro.carriedIn,
    professionalCredited: pro.credited,
    politicalRequired: pol.requirement,
    politicalCredited: pol.credited,
    pendingHours: roundHours(pro.pending + pol.pending),
    carryOut: pro.carryOut,
    // "Met" is the 60-hour rule (professional and legal); political theory is reported apart.
    met: pro.met,
    ruleVersions: JSON.stringify({ national: inForce.national?.id ?? null, provincial: inForce.provincial?.id ?? null }),
    computedAt: new Date(),
  };
}

/** Everything a refresh reads, in one statement (a Prisma query costs far more than SQLite's work here). */
const REFRESH_READ = `
  SELECT p."unitId", p."status", p."inEnforcementSystem", u."path",
    (SELECT json_group_array(json_array(e."id", e."hours", e."category", e."source", e."status", e."recordedAt"))
       FROM "HoursEntry" e WHERE e."personId" = p."id" AND e."year" = ?) AS "entries",
    (SELECT json_group_array(json_array(s."year", s."carryOut"))
       FROM "HoursYearSummary" s WHERE s."personId" = p."id" AND s."year" BETWEEN ? AND ?) AS "summaries",
    (SELECT json_group_array(json_array(r."id", r."scope", r."version"))
       FROM "HoursRuleSet" r WHERE r."year" = ?) AS "ruleSets"
  FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId" WHERE p."id" = ?`;

const REFRESH_WRITE = `
  INSERT INTO "HoursYearSummary" ("personId", "year", "unitId", "onRoster", "professionalRequired", "professionalCarriedIn", "professionalCredited", "politicalRequired", "politicalCredited", "pendingHours", "carryOut", "met", "ruleVersions", "computedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("personId", "year") DO UPDATE SET "unitId" = excluded."unitId", "onRoster" = excluded."onRoster",
    "professionalRequired" = excluded."professionalRequired", "professionalCarriedIn" = excluded."professionalCarriedIn",
    "professionalCredited" = excluded."professionalCredited", "politicalRequired" = excluded."politicalRequired", "politicalCredited" = excluded."politicalCredited",
    "pendingHours" = excluded."pendingHours", "carryOut" = excluded."carryOut", "met" = excluded."met", "ruleVersions" = excluded."ruleVersions", "computedAt" = excluded."computedAt"`;

/** The rules in force from the year's rule-set list (id, scope, version); texts only for versions not parsed yet. */
async function rulesFromList(reader: Reader, year: number, unitPath: string, list: [string, string, number][]): Promise<RulesInForce> {
  const provinceId = provinceIdOf(unitPath);
  const newest = (scope: string) => list.filter((r) => r[1] === scope).sort((a, b) => b[2] - a[2])[0] ?? null;
  const national = newest("NATIONAL");
  const provincial = provinceId ? newest(provinceId) : null;
  const missing = [national, provincial].filter((r): r is [string, string, number] => !!r && !parsedRules.has(r[0]));
  if (missing.length) {
    for (const row of await reader.hoursRuleSet.findMany({ where: { id: { in: missing.map((r) => r[0]) } }, select: { id: true, scope: true, rules: true } })) parsedRuleSet(row);
  }
  const base = national ? (parsedRules.get(national[0]) as CreditRules) : DEFAULT_RULES(year);
  const override = provincial ? (parsedRules.get(provincial[0]) as RulesOverride) : null;
  return {
    rules: mergeRules({ ...base, year }, override),
    national: national ? { id: national[0], version: national[2] } : null,
    provincial: provincial ? { id: provincial[0], version: provincial[2], unitId: provincial[1] } : null,
  };
}

/**
 * Rebuilds a person's cached year. When the carry-out changes and the next year has been
 * started, that year is rebuilt too (carry-over chains forward, never back).
 * One read and one write: this runs inside every write that touches an entry.
 */
export async function refreshPersonYear(tx: Tx, personId: string, year: number): Promise<void> {
  const [found] = await tx.$queryRawUnsafe<{ unitId: string; status: string; inEnforcementSystem: number | boolean; path: string; entries: string; summaries: string; ruleSets: string }[]>(
    REFRESH_READ,
    year,
    year - 1,
    year + 1,
    year,
    personId,
  );
  if (!found) throw new Error(`No person ${personId}`);
  const entries: LedgerEntry[] = (JSON.parse(found.entries) as [string, number, HoursCategory, HoursSource, LedgerEntry["status"], string][]).map(([id, hours, category, source, status, recordedAt]) => ({
    id,
    personId,
    year,
    hours,
    category,
    source,
    status,
    recordedAt: new Date(recordedAt),
  }));
  const byYear = new Map((JSON.parse(found.summaries) as [number, number][]).map(([y, carryOut]) => [y, carryOut]));
  const inForce = await rulesFromList(tx, year, found.path, JSON.parse(found.ruleSets) as [string, string, number][]);
  const evaluation = evaluateYear(entries, inForce.rules, { carriedIn: { PROFESSIONAL_LEGAL: byYear.get(year - 1) ?? 0 } });
  const row = summaryRow(found, evaluation, inForce);
  await tx.$executeRawUnsafe(
    REFRESH_WRITE,
    personId,
    year,
    row.unitId,
    row.onRoster ? 1 : 0,
    row.professionalRequired,
    row.professionalCarriedIn,
    row.professionalCredited,
    row.politicalRequired,
    row.politicalCredited,
    row.pendingHours,
    row.carryOut,
    row.met ? 1 : 0,
    row.ruleVersions,
    sqliteTime(row.computedAt),
  );
  if ((byYear.get(year) ?? 0) !== row.carryOut && byYear.has(year + 1)) await refreshPersonYear(tx, personId, year + 1);
}

export type PersonYearEntry = Awaited<ReturnType<typeof db.hoursEntry.findMany>>[number] & { credited: number; capped: number };

export type PersonYear = {
  person: { id: string; staffNo: string; name: string; unitId: string; unitName: string; unitPath: string };
  year: number;
  evaluation: YearEvaluation;
  rules: RulesInForce;
  carriedIn: number;
  projection: YearEndProjection;
  entries: PersonYearEntry[];
};

/** Everything the "my hours" and HR person pages show. No scope check: callers decide who may see whom. */
export async function personYear(personId: string, year: number, asOf = new Date()): Promise<PersonYear> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { id: true, staffNo: true, name: true, unitId: true, unit: { select: { name: true, path: true } } } });
  const [{ evaluation, inForce }, rows] = await Promise.all([
    evaluate(db, personId, year, person.unit.path),
    db.hoursEntry.findMany({ where: { personId, year }, orderBy: [{ activityDate: "desc" }, { recordedAt: "desc" }] }),
  ]);
  const credits = new Map(evaluation.entries.map((c) => [c.entryId, c]));
  const pro = evaluation.categories.PROFESSIONAL_LEGAL;
  return {
    person: { id: person.id, staffNo: person.staffNo, name: person.name, unitId: person.unitId, unitName: person.unit.name, unitPath: person.unit.path },
    year,
    evaluation,
    rules: inForce,
    carriedIn: pro.carriedIn,
    projection: projectYearEnd(pro.credited, asOf, year, Math.max(0, pro.requirement - pro.carriedIn)),
    entries: rows.map((r) => ({ ...r, credited: credits.get(r.id)?.credited ?? 0, capped: credits.get(r.id)?.capped ?? 0 })),
  };
}

/**
 * Rebuilds every summary of a year (after its rules change), optionally for a subtree.
 * One streaming pass over the year's entries (ordered by person), evaluated in memory
 * with the rules of each person's province, written in batches of raw upserts: a rule
 * change for a province of 100,000 officers must not take refreshPersonYear × 100,000.
 * The previous year's summaries supply carry-in, so rebuild years oldest first.
 */
export async function recomputeYear(year: number, options: { unitPath?: string } = {}): Promise<{ people: number; ms: number }> {
  const started = performance.now();
  const pathPrefix = `${options.unitPath ?? "/"}%`;
  const people = rawQuery(
    `SELECT p."id", p."unitId", p."status", p."inEnforcementSystem", u."path" FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId"
      WHERE u."path" LIKE ? AND (EXISTS (SELECT 1 FROM "HoursEntry" e WHERE e."personId" = p."id" AND e."year" = ?)
                              OR EXISTS (SELECT 1 FROM "HoursYearSummary" s WHERE s."personId" = p."id" AND s."year" = ?))`,
  ).all(pathPrefix, year, year) as ({ id: string; path: string } & RosterFacts)[];
  const personById = new Map(people.map((p) => [p.id, p]));

  const rulesByProvince = new Map<string, RulesInForce>();
  const rulesFor = async (path: string) => {
    const key = provinceIdOf(path) ?? "";
    let found = rulesByProvince.get(key);
    if (!found) rulesByProvince.set(key, (found = await rulesInForce(db, year, path)));
    return found;
  };
  for (const p of people) await rulesFor(p.path);

  const carryIn = new Map(
    (rawQuery(`SELECT "personId", "carryOut" FROM "HoursYearSummary" WHERE "year" = ? AND "carryOut" > 0`).all(year - 1) as { personId: string; carryOut: number }[]).map((r) => [r.personId, r.carryOut]),
  );

  const rows: { personId: string; year: number; row: ReturnType<typeof summaryRow> }[] = [];
  const finish = (personId: string, entries: LedgerEntry[]) => {
    const person = personById.get(personId);
    if (!person) return;
    const inForce = rulesByProvince.get(provinceIdOf(person.path) ?? "")!;
    const evaluation = evaluateYear(entries, inForce.rules, { carriedIn: { PROFESSIONAL_LEGAL: carryIn.get(personId) ?? 0 } });
    rows.push({ personId, year, row: summaryRow(person, evaluation, inForce) });
    personById.delete(personId);
  };
  let current: string | null = null;
  let entries: LedgerEntry[] = [];
  const scan = rawQuery(`SELECT "id", "personId", "hours", "category", "source", "status", "recordedAt" FROM "HoursEntry" WHERE "year" = ? ORDER BY "personId"`);
  for (const e of scan.iterate(year) as Iterable<{ id: string; personId: string; hours: number; category: HoursCategory; source: HoursSource; status: LedgerEntry["status"]; recordedAt: string }>) {
    if (e.personId !== current) {
      if (current) finish(current, entries);
      current = e.personId;
      entries = [];
    }
    entries.push({ ...e, year, recordedAt: new Date(e.recordedAt) });
  }
  if (current) finish(current, entries);
  // People with a summary but no entries left in the year (all moved away by corrections).
  for (const personId of [...personById.keys()]) finish(personId, []);

  const upsertSql = `INSERT INTO "HoursYearSummary" ("personId", "year", "unitId", "onRoster", "professionalRequired", "professionalCarriedIn", "professionalCredited", "politicalRequired", "politicalCredited", "pendingHours", "carryOut", "met", "ruleVersions", "computedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT ("personId", "year") DO UPDATE SET "unitId" = excluded."unitId", "onRoster" = excluded."onRoster", "professionalRequired" = excluded."professionalRequired", "professionalCarriedIn" = excluded."professionalCarriedIn",
      "professionalCredited" = excluded."professionalCredited", "politicalRequired" = excluded."politicalRequired", "politicalCredited" = excluded."politicalCredited",
      "pendingHours" = excluded."pendingHours", "carryOut" = excluded."carryOut", "met" = excluded."met", "ruleVersions" = excluded."ruleVersions", "computedAt" = excluded."computedAt"`;
  for (let i = 0; i < rows.length; i += 2_000) {
    const batch = rows.slice(i, i + 2_000);
    await writeRaw(() => {
      const upsert = rawWriteStatement(upsertSql);
      for (const { personId, row } of batch) {
        upsert.run(personId, year, row.unitId, row.onRoster ? 1 : 0, row.professionalRequired, row.professionalCarriedIn, row.professionalCredited, row.politicalRequired, row.politicalCredited, row.pendingHours, row.carryOut, row.met ? 1 : 0, row.ruleVersions, sqliteTime(row.computedAt));
      }
    });
  }
  return { people: rows.length, ms: Math.round(performance.now() - started) };
}

// ---------------------------------------------------------------------------
// Decisions, voids and corrections (HR in scope)
// ---------------------------------------------------------------------------

export type LedgerResult = { ok: true; id?: string } | { ok: false; error: string };

async function entryInScope(actor: Actor, entryId: string) {
  const entry = await db.hoursEntry.findUnique({ where: { id: entryId } });
  if (!entry) return null;
  const person = await db.person.findUniqueOrThrow({ where: { id: entry.personId }, select: { unitId: true, unit: { select: { path: true } } } });
  if (!can(actor, "hours.approve", person.unit.path)) return null;
  return { entry, unitId: person.unitId };
}

export async function decideEntry(actor: Actor, entryId: string, decision: "APPROVED" | "REJECTED", note?: string): Promise<LedgerResult> {
  const found = await entryInScope(actor, entryId);
  if (!found) return { ok: false, error: "hours.errors.notFound" };
  const { entry, unitId } = found;
  // Nobody approves their own hours.
  if (entry.personId === actor.personId) return { ok: false, error: "hours.errors.ownEntry" };
  if (entry.status !== "PENDING") return { ok: false, error: "hours.errors.notPending" };
  return write(async (tx) => {
    const changed = await tx.hoursEntry.updateMany({
      where: { id: entryId, status: "PENDING" },
      data: { status: decision, decidedById: actor.userId, decidedAt: new Date(), decisionNote: note?.trim() || null },
    });
    if (changed.count === 0) return { ok: false, error: "hours.errors.notPending" } as const;
    await refreshPersonYear(tx, entry.personId, entry.year);
    await audit(tx, actorAudit(actor), { action: decision === "APPROVED" ? "hours.approve" : "hours.reject", objectType: "HoursEntry", objectId: entryId, unitId, after: { hours: entry.hours, note } });
    return { ok: true } as const;
  });
}

export async function voidEntry(actor: Actor, entryId: string, reason: string): Promise<LedgerResult> {
  const found = await entryInScope(actor, entryId);
  if (!found) return { ok: false, error: "hours.errors.notFound" };
  const { entry, unitId } = found;
  if (entry.personId === actor.personId) return { ok: false, error: "hours.errors.ownEntry" };
  const voided = voidOf(entry as LedgerEntry, { reason, at: new Date() });
  if (!voided.ok) return { ok: false, error: voided.reason === "ALREADY_VOIDED" ? "hours.errors.alreadyVoided" : "hours.errors.reasonRequired" };
  if (entry.status === "REJECTED") return { ok: false, error: "hours.errors.rejected" };
  return write(async (tx) => {
    const changed = await tx.hoursEntry.updateMany({
      where: { id: entryId, status: entry.status },
      data: { status: "VOIDED", voidReason: voided.void.reason, voidedById: actor.userId, voidedAt: voided.void.voidedAt },
    });
    if (changed.count === 0) return { ok: false, error: "hours.errors.changedMeanwhile" } as const;
    await refreshPersonYear(tx, entry.personId, entry.year);
    await audit(tx, actorAudit(actor), { action: "hours.void", objectType: "HoursEntry", objectId: entryId, unitId, before: { status: entry.status, hours: entry.hours }, after: { reason: voided.void.reason } });
    return { ok: true } as const;
  });
}

/** Voids the entry and adds its corrected replacement (approved: the corrector holds hours.approve). */
export async function correctEntry(
  actor: Actor,
  entryId: string,
  changes: { hours?: number; year?: number; category?: HoursCategory; source?: HoursSource },
  reason: string,
): Promise<LedgerResult> {
  const found = await entryInScope(actor, entryId);
  if (!found) return { ok: false, error: "hours.errors.notFound" };
  const { entry, unitId } = found;
  // A correction is approved at once: correcting one's own hours would be approving them.
  if (entry.personId === actor.personId) return { ok: false, error: "hours.errors.ownEntry" };
  if (entry.status === "REJECTED") return { ok: false, error: "hours.errors.rejected" };
  const correction = correctionOf(entry as LedgerEntry, { ...changes, status: "APPROVED" }, { reason, at: new Date() });
  if (!correction.ok) {
    const error = { ALREADY_VOIDED: "hours.errors.alreadyVoided", REASON_REQUIRED: "hours.errors.reasonRequired", INVALID_HOURS: "hours.errors.hours" }[correction.reason];
    return { ok: false, error };
  }
  const replacement = correction.replacement;
  return write(async (tx) => {
    const changed = await tx.hoursEntry.updateMany({
      where: { id: entryId, status: entry.status },
      data: { status: "VOIDED", voidReason: correction.void.reason, voidedById: actor.userId, voidedAt: correction.void.voidedAt },
    });
    if (changed.count === 0) return { ok: false, error: "hours.errors.changedMeanwhile" } as const;
    const id = createId();
    await tx.hoursEntry.create({
      data: {
        id,
        personId: replacement.personId,
        year: replacement.year,
        hours: roundHours(replacement.hours),
        category: replacement.category,
        source: replacement.source,
        title: entry.title,
        refType: entry.refType,
        refId: entry.refId,
        quantity: entry.quantity,
        quantityUnit: entry.quantityUnit,
        ruleSetId: entry.ruleSetId,
        activityDate: entry.activityDate,
        evidenceName: entry.evidenceName,
        evidenceFile: entry.evidenceFile,
        note: entry.note,
        status: "APPROVED",
        submittedById: actor.userId,
        decidedById: actor.userId,
        decidedAt: new Date(),
        decisionNote: correction.void.reason,
        correctsEntryId: entry.id,
        importBatchId: entry.importBatchId,
        // Same activity, same place in the order caps apply (see correctionOf).
        recordedAt: replacement.recordedAt,
      },
    });
    await refreshPersonYear(tx, entry.personId, entry.year);
    if (replacement.year !== entry.year) await refreshPersonYear(tx, entry.personId, replacement.year);
    await audit(tx, actorAudit(actor), {
      action: "hours.correct",
      objectType: "HoursEntry",
      objectId: entryId,
      unitId,
      before: { hours: entry.hours, year: entry.year, category: entry.category, source: entry.source },
      after: { replacement: id, hours: replacement.hours, year: replacement.year, category: replacement.category, source: replacement.source, reason: correction.void.reason },
    });
    return { ok: true, id } as const;
  });
}
