import ExcelJS from "exceljs";
import { requireAnyScope, requireScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, rawQuery, sqliteTime, write } from "~/lib/db.server";
import { isoDateInShanghai, translator, type Locale } from "~/lib/i18n";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { personFacts } from "./facts.server";
import {
  daysLeft,
  expiringWithin,
  lapseReason,
  matchesStatus,
  PAGE_SIZE,
  reminderAllowed,
  REPORT_STATUSES,
  storedStatusFor,
  windowBounds,
  type LapseReason,
  type ReportStatus,
  type SearchQuery,
} from "./report-rules";
import { displayStatus, eligibilityOf, parseType, type DisplayStatus, type ParsedType } from "./rules";

/*
 * HR views of credentials (credential.view over the unit subtree; a unit out of scope
 * answers 404): the search list and its .xlsx, and the to-do lists — expiring within
 * 30/60/90 days, eligible but not issued, expired (or never issued) on enforcement posts.
 *
 * A credential's scope is its holder's current unit. Credential has no Prisma relation to
 * Person, so lists join in SQL on the raw read connection (prepared statements); the exact
 * status shown is decided in JS with displayStatus() after an SQL prefilter, so every view
 * agrees with the detail page at the edges of a day.
 */

export type ScopeUnit = { id: string; code: string; name: string; level: string; parentId: string | null; path: string; depth: number };
const UNIT_COLUMNS = `"id", "code", "name", "level", "parentId", "path", "depth"`;

/** The smallest string after every string starting with `prefix` (paths end in "/", and "0" follows "/"). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** The units at the top of the actor's credential.view scope (404 when none). */
export function topUnits(actor: Actor): ScopeUnit[] {
  const paths = requireAnyScope(actor, "credential.view");
  return paths.map((path) => rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "path" = ?`).get(path) as ScopeUnit | undefined).filter((u): u is ScopeUnit => !!u);
}

/** The unit asked for (credential.view over it, else 404), or the actor's first top unit. */
export function reportUnit(actor: Actor, unitId: string | null | undefined): ScopeUnit {
  if (unitId) {
    const unit = rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "id" = ?`).get(unitId) as ScopeUnit | undefined;
    if (!unit) notFound();
    requireScope(actor, "credential.view", unit.path);
    return unit;
  }
  const top = topUnits(actor)[0];
  if (!top) notFound();
  return top;
}

/** The units a list covers: the one chosen, or every top unit of the actor's scope. */
export function listUnits(actor: Actor, unitId: string | null | undefined): ScopeUnit[] {
  return unitId ? [reportUnit(actor, unitId)] : topUnits(actor);
}

/** Every unit of the subtree (the unit included), by path. */
export function subtree(unit: Pick<ScopeUnit, "path">): ScopeUnit[] {
  return rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "path" >= ? AND "path" < ? ORDER BY "path"`).all(unit.path, prefixEnd(unit.path)) as ScopeUnit[];
}

/** SQL on OrgUnit `o` for the subtrees of `units`, with named params prefixed `u`. */
export function subtreeSql(units: Pick<ScopeUnit, "path">[]): { sql: string; params: Record<string, string> } {
  if (units.length === 0) return { sql: "0", params: {} };
  const params: Record<string, string> = {};
  const terms = units.map((u, i) => {
    params[`uf${i}`] = u.path;
    params[`ut${i}`] = prefixEnd(u.path);
    return `(o."path" >= @uf${i} AND o."path" < @ut${i})`;
  });
  return { sql: `(${terms.join(" OR ")})`, params };
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export async function credentialTypes(): Promise<ParsedType[]> {
  const rows = await db.credentialType.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(parseType);
}

export type TypeOption = { id: string; code: string; name: string; nameEn: string; kind: string };

export async function typeOptions(): Promise<TypeOption[]> {
  return (await credentialTypes()).map((t) => ({ id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, kind: t.kind }));
}

const date = (value: string | null): Date | null => (value ? new Date(value) : null);

// ---------------------------------------------------------------------------
// Search list
// ---------------------------------------------------------------------------

export type CredentialRow = {
  id: string;
  typeCode: string;
  typeName: string;
  typeNameEn: string;
  status: DisplayStatus;
  number: string | null;
  externalNumber: string | null;
  issuedAt: Date | null;
  validUntil: Date | null;
  daysLeft: number | null;
  personId: string;
  staffNo: string;
  name: string;
  unitName: string;
};

type LightRow = { id: string; typeId: string; status: string; validUntil: string | null };

function searchSql(actor: Actor, query: SearchQuery, types: ParsedType[], asOf: Date) {
  const units = listUnits(actor, query.unit);
  const scope = subtreeSql(units);
  const params: Record<string, string | number> = { ...scope.params };
  const where = [scope.sql];
  if (query.type) {
    const type = types.find((t) => t.code === query.type);
    if (!type) return null;
    where.push(`c."typeId" = @typeId`);
    params.typeId = type.id;
  }
  if (query.status) {
    where.push(`c."status" = @status`);
    params.status = storedStatusFor(query.status);
  } else {
    where.push(`c."status" IN (${REPORT_STATUSES.filter((s) => storedStatusFor(s) === s).map((s) => `'${s}'`).join(", ")})`);
  }
  if (query.window) {
    const b = windowBounds(asOf, query.window);
    where.push(`c."status" = 'ACTIVE' AND c."validUntil" >= @wFrom AND c."validUntil" <= @wTo`);
    params.wFrom = sqliteTime(b.from);
    params.wTo = sqliteTime(b.to);
  }
  if (query.q) {
    where.push(`(p."staffNo" = @q OR c."number" = @q OR c."externalNumber" = @q OR p."name" LIKE @qLike ESCAPE '\\')`);
    params.q = query.q;
    params.qLike = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  }
  const from = `FROM "Credential" c JOIN "Person" p ON p."id" = c."personId" JOIN "OrgUnit" o ON o."id" = p."unitId" WHERE ${where.join(" AND ")}`;
  const order = query.window ? `c."validUntil", p."staffNo"` : `o."path", p."staffNo", c."typeId", c."createdAt"`;
  return { from, order, params, units };
}

/** The exact test behind the SQL prefilter (expiry states and windows are derived). */
function exactFilter(query: SearchQuery, typeById: Map<string, ParsedType>, asOf: Date) {
  const needs = !!query.window || (query.status !== undefined && storedStatusFor(query.status) !== query.status) || query.status === "ACTIVE";
  if (!needs) return null;
  return (r: LightRow) => {
    const type = typeById.get(r.typeId);
    if (!type) return false;
    const c = { status: r.status, validUntil: date(r.validUntil) };
    if (query.status && !matchesStatus(c, type, asOf, query.status)) return false;
    if (query.window && !expiringWithin(c, type, asOf, query.window)) return false;
    return true;
  };
}

async function detailRows(ids: string[], typeById: Map<string, ParsedType>, asOf: Date): Promise<CredentialRow[]> {
  if (ids.length === 0) return [];
  const rows = rawQuery(
    `SELECT c."id", c."typeId", c."status", c."number", c."externalNumber", c."issuedAt", c."validUntil",
            p."id" AS "personId", p."staffNo", p."name", o."name" AS "unitName"
       FROM "Credential" c JOIN "Person" p ON p."id" = c."personId" JOIN "OrgUnit" o ON o."id" = p."unitId"
      WHERE c."id" IN (SELECT "value" FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as {
    id: string;
    typeId: string;
    status: string;
    number: string | null;
    externalNumber: string | null;
    issuedAt: string | null;
    validUntil: string | null;
    personId: string;
    staffNo: string;
    name: string;
    unitName: string;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is (typeof rows)[number] => !!r)
    .map((r) => {
      const type = typeById.get(r.typeId);
      const validUntil = date(r.validUntil);
      return {
        id: r.id,
        typeCode: type?.code ?? "",
        typeName: type?.name ?? "",
        typeNameEn: type?.nameEn ?? "",
        status: type ? displayStatus({ status: r.status, validUntil }, type, asOf) : (r.status as DisplayStatus),
        number: r.number,
        externalNumber: r.externalNumber,
        issuedAt: date(r.issuedAt),
        validUntil,
        daysLeft: validUntil && r.status === "ACTIVE" ? daysLeft(validUntil, asOf) : null,
        personId: r.personId,
        staffNo: r.staffNo,
        name: r.name,
        unitName: r.unitName,
      };
    });
}

/** Ids of every credential matching the filter, in list order. */
async function matchingIds(actor: Actor, query: SearchQuery, asOf: Date, types: ParsedType[], page?: { offset: number; limit: number }) {
  const typeById = new Map(types.map((t) => [t.id, t]));
  const sql = searchSql(actor, query, types, asOf);
  if (!sql) return { ids: [] as string[], total: 0, typeById };
  const exact = exactFilter(query, typeById, asOf);
  if (!exact && page) {
    const total = (rawQuery(`SELECT COUNT(*) AS "n" ${sql.from}`).get(sql.params) as { n: number }).n;
    const rows = rawQuery(`SELECT c."id" ${sql.from} ORDER BY ${sql.order} LIMIT @limit OFFSET @offset`).all({ ...sql.params, limit: page.limit, offset: page.offset }) as { id: string }[];
    return { ids: rows.map((r) => r.id), total, typeById };
  }
  const light = rawQuery(`SELECT c."id", c."typeId", c."status", c."validUntil" ${sql.from} ORDER BY ${sql.order}`).all(sql.params) as LightRow[];
  const kept = exact ? light.filter(exact) : light;
  const ids = kept.map((r) => r.id);
  return { ids: page ? ids.slice(page.offset, page.offset + page.limit) : ids, total: kept.length, typeById };
}

/** One page of the search list. */
export async function searchCredentials(actor: Actor, query: SearchQuery, asOf = new Date()) {
  const types = await credentialTypes();
  const pageNo = query.page ?? 1;
  const { ids, total, typeById } = await matchingIds(actor, query, asOf, types, { offset: (pageNo - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const items = await detailRows(ids, typeById, asOf);
  return { items, total, page: pageNo, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MAX_EXPORT_ROWS = 100_000;

/** The whole filtered list as .xlsx (audited: who exported, which filter, how many rows). */
export async function searchWorkbook(actor: Actor, query: SearchQuery, locale: Locale, asOf = new Date()): Promise<Buffer> {
  const t = translator(locale);
  const types = await credentialTypes();
  const { ids, typeById } = await matchingIds(actor, { ...query, page: undefined }, asOf, types);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("credentialViews.export.sheet"));
  sheet.columns = [
    { header: t("credentialViews.columns.staffNo"), key: "staffNo", width: 14 },
    { header: t("credentialViews.columns.name"), key: "name", width: 12 },
    { header: t("credentialViews.columns.unit"), key: "unit", width: 24 },
    { header: t("credentialViews.columns.type"), key: "type", width: 20 },
    { header: t("credentialViews.columns.number"), key: "number", width: 18 },
    { header: t("credentialViews.columns.externalNumber"), key: "externalNumber", width: 20 },
    { header: t("credentialViews.columns.status"), key: "status", width: 10 },
    { header: t("credentialViews.columns.issuedAt"), key: "issuedAt", width: 12 },
    { header: t("credentialViews.columns.validUntil"), key: "validUntil", width: 12 },
    { header: t("credentialViews.columns.daysLeft"), key: "daysLeft", width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  for (let i = 0; i < Math.min(ids.length, MAX_EXPORT_ROWS); i += 1_000) {
    for (const r of await detailRows(ids.slice(i, i + 1_000), typeById, asOf)) {
      sheet.addRow({
        staffNo: r.staffNo,
        name: r.name,
        unit: r.unitName,
        type: locale === "en" ? r.typeNameEn : r.typeName,
        number: r.number ?? "",
        externalNumber: r.externalNumber ?? "",
        status: t(`credentialViews.status.${r.status}`),
        issuedAt: r.issuedAt ? isoDateInShanghai(r.issuedAt) : "",
        validUntil: r.validUntil ? isoDateInShanghai(r.validUntil) : "",
        daysLeft: r.daysLeft ?? "",
      });
      rows++;
    }
  }
  await write((tx) =>
    audit(tx, actorAudit(actor), { action: "credential.export", objectType: "CredentialList", objectId: "search", unitId: query.unit ?? actor.unitId, after: { filter: { ...query, page: undefined }, rows } }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------
// To-do lists
// ---------------------------------------------------------------------------

function paginate<T>(all: T[], page: number) {
  const pageCount = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pageCount);
  return { items: all.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE), total: all.length, page: p, pageCount };
}

export type ExpiringRow = CredentialRow & { lastRemindedAt: Date | null; remindable: boolean };

/** Credentials expiring within `days` (30/60/90), soonest first, with the last reminder sent. */
export async function expiringCredentials(actor: Actor, options: { unit?: string; type?: string; days: number }, asOf = new Date()): Promise<ExpiringRow[]> {
  const types = await credentialTypes();
  const { ids, typeById } = await matchingIds(actor, { unit: options.unit, type: options.type, window: options.days as 30 | 60 | 90 }, asOf, types);
  const rows = await detailRows(ids, typeById, asOf);
  const reminded = new Map<string, Date>();
  for (let i = 0; i < ids.length; i += 500) {
    const events = rawQuery(
      `SELECT "credentialId", MAX("at") AS "at" FROM "CredentialEvent" WHERE "action" = 'REMINDED' AND "credentialId" IN (SELECT "value" FROM json_each(?)) GROUP BY "credentialId"`,
    ).all(JSON.stringify(ids.slice(i, i + 500))) as { credentialId: string; at: string }[];
    for (const e of events) reminded.set(e.credentialId, new Date(e.at));
  }
  return rows.map((r) => {
    const last = reminded.get(r.id) ?? null;
    return { ...r, lastRemindedAt: last, remindable: reminderAllowed(last, asOf) };
  });
}

export async function expiringPage(actor: Actor, options: { unit?: string; type?: string; days: number; page: number }, asOf = new Date()) {
  return paginate(await expiringCredentials(actor, options, asOf), options.page);
}

export type EligibleRow = {
  personId: string;
  staffNo: string;
  name: string;
  unitName: string;
  category: string;
  typeCode: string;
  typeName: string;
  typeNameEn: string;
  /** A pending application or nomination of this type, if any (awaiting issue). */
  pendingId: string | null;
  pendingStatus: string | null;
};

/** Categories the eligible-not-issued list looks at: people on enforcement and monitoring posts. */
const POST_CATEGORIES = ["ENFORCEMENT", "MONITORING"];
const FACTS_BATCH = 500;

/**
 * People of the subtrees on enforcement/monitoring posts who meet a type's eligibility rule
 * and hold no issued credential of it (ACTIVE or SUSPENDED, expired included: those renew).
 * Someone who applied or was nominated is listed with the pending application — eligible
 * and still not issued. Only active ISSUED types; EXTERNAL ones are recorded, not issued.
 */
export async function eligibleNotIssuedIn(units: Pick<ScopeUnit, "path">[], typeCode: string | undefined, asOf: Date): Promise<{ rows: EligibleRow[]; counts: { type: ParsedType; candidates: number; eligible: number; pending: number }[] }> {
  const types = (await credentialTypes()).filter((t) => t.active && t.kind === "ISSUED" && (!typeCode || t.code === typeCode));
  const scope = subtreeSql(units);
  const rows: EligibleRow[] = [];
  const counts: { type: ParsedType; candidates: number; eligible: number; pending: number }[] = [];
  for (const type of types) {
    const categories = type.holders.categories.filter((c) => POST_CATEGORIES.includes(c));
    if (categories.length === 0) {
      counts.push({ type, candidates: 0, eligible: 0, pending: 0 });
      continue;
    }
    const candidates = rawQuery(
      `SELECT p."id", p."staffNo", p."name", p."category", o."name" AS "unitName",
              (SELECT c2."id" FROM "Credential" c2 WHERE c2."personId" = p."id" AND c2."typeId" = @typeId AND c2."status" IN ('APPLIED', 'NOMINATED')) AS "pendingId",
              (SELECT c2."status" FROM "Credential" c2 WHERE c2."personId" = p."id" AND c2."typeId" = @typeId AND c2."status" IN ('APPLIED', 'NOMINATED')) AS "pendingStatus"
         FROM "Person" p JOIN "OrgUnit" o ON o."id" = p."unitId"
        WHERE ${scope.sql} AND p."status" = 'ACTIVE' AND p."category" IN (SELECT "value" FROM json_each(@categories))
          ${type.holders.inEnforcementSystemOnly ? `AND p."inEnforcementSystem" = 1` : ""}
          AND NOT EXISTS (SELECT 1 FROM "Credential" c WHERE c."personId" = p."id" AND c."typeId" = @typeId AND c."status" IN ('ACTIVE', 'SUSPENDED'))
        ORDER BY o."path", p."staffNo"`,
    ).all({ ...scope.params, typeId: type.id, categories: JSON.stringify(categories) }) as {
      id: string;
      staffNo: string;
      name: string;
      category: string;
      unitName: string;
      pendingId: string | null;
      pendingStatus: string | null;
    }[];
    let eligible = 0;
    let pending = 0;
    for (let i = 0; i < candidates.length; i += FACTS_BATCH) {
      const batch = candidates.slice(i, i + FACTS_BATCH);
      const facts = await personFacts(
        batch.map((c) => c.id),
        asOf,
      );
      for (const c of batch) {
        const f = facts.get(c.id);
        if (!f || !eligibilityOf(type, f, asOf).eligible) continue;
        eligible++;
        if (c.pendingId) pending++;
        rows.push({
          personId: c.id,
          staffNo: c.staffNo,
          name: c.name,
          unitName: c.unitName,
          category: c.category,
          typeCode: type.code,
          typeName: type.name,
          typeNameEn: type.nameEn,
          pendingId: c.pendingId,
          pendingStatus: c.pendingStatus,
        });
      }
    }
    counts.push({ type, candidates: candidates.length, eligible, pending });
  }
  return { rows, counts };
}

export async function eligiblePage(actor: Actor, options: { unit?: string; type?: string; page: number }, asOf = new Date()) {
  const { rows } = await eligibleNotIssuedIn(listUnits(actor, options.unit), options.type, asOf);
  return paginate(rows, options.page);
}

export type LapsedRow = {
  personId: string;
  staffNo: string;
  name: string;
  unitName: string;
  post: string;
  reason: LapseReason;
  /** The newest credential of the type (expired or revoked), if any. */
  credentialId: string | null;
  number: string | null;
  validUntil: Date | null;
};

export const ENFORCEMENT_TYPE = "ENFORCEMENT";

/**
 * People on enforcement posts (category ENFORCEMENT, in the enforcement system, ACTIVE)
 * whose enforcement credential has expired (past its grace period) or was revoked, or who
 * never had one. Those valid, in grace or suspended are not listed.
 */
export async function lapsedOnEnforcementPosts(actor: Actor, options: { unit?: string }, asOf = new Date()): Promise<LapsedRow[]> {
  const type = (await credentialTypes()).find((t) => t.code === ENFORCEMENT_TYPE);
  if (!type) return [];
  const scope = subtreeSql(listUnits(actor, options.unit));
  // Prefilter: anyone with a suspended credential, or an ACTIVE one still valid today, is fine.
  const people = rawQuery(
    `SELECT p."id", p."staffNo", p."name", p."post", o."name" AS "unitName"
       FROM "Person" p JOIN "OrgUnit" o ON o."id" = p."unitId"
      WHERE ${scope.sql} AND p."status" = 'ACTIVE' AND p."category" = 'ENFORCEMENT' AND p."inEnforcementSystem" = 1
        AND NOT EXISTS (SELECT 1 FROM "Credential" c WHERE c."personId" = p."id" AND c."typeId" = @typeId
                         AND (c."status" = 'SUSPENDED' OR (c."status" = 'ACTIVE' AND (c."validUntil" IS NULL OR c."validUntil" >= @asOf))))
      ORDER BY o."path", p."staffNo"`,
  ).all({ ...scope.params, typeId: type.id, asOf: sqliteTime(asOf) }) as { id: string; staffNo: string; name: string; post: string; unitName: string }[];
  const credentials = new Map<string, { id: string; status: string; number: string | null; validUntil: string | null; createdAt: string }[]>();
  for (let i = 0; i < people.length; i += 500) {
    const rows = rawQuery(
      `SELECT "id", "personId", "status", "number", "validUntil", "createdAt" FROM "Credential" WHERE "typeId" = ? AND "personId" IN (SELECT "value" FROM json_each(?)) ORDER BY "createdAt"`,
    ).all(type.id, JSON.stringify(people.slice(i, i + 500).map((p) => p.id))) as { id: string; personId: string; status: string; number: string | null; validUntil: string | null; createdAt: string }[];
    for (const r of rows) credentials.set(r.personId, [...(credentials.get(r.personId) ?? []), r]);
  }
  const out: LapsedRow[] = [];
  for (const p of people) {
    const own = credentials.get(p.id) ?? [];
    const reason = lapseReason(
      own.map((c) => ({ status: c.status, validUntil: date(c.validUntil) })),
      type,
      asOf,
    );
    if (!reason) continue;
    const last = [...own].reverse().find((c) => c.status === "ACTIVE" || c.status === "REVOKED") ?? null;
    out.push({
      personId: p.id,
      staffNo: p.staffNo,
      name: p.name,
      unitName: p.unitName,
      post: p.post,
      reason,
      credentialId: reason === "NONE" ? null : (last?.id ?? null),
      number: reason === "NONE" ? null : (last?.number ?? null),
      validUntil: reason === "NONE" ? null : date(last?.validUntil ?? null),
    });
  }
  return out;
}

export async function lapsedPage(actor: Actor, options: { unit?: string; page: number }, asOf = new Date()) {
  return paginate(await lapsedOnEnforcementPosts(actor, options, asOf), options.page);
}

// ---------------------------------------------------------------------------
// Command line: eligibility of a unit
// ---------------------------------------------------------------------------

export type EligibilityReport = {
  unit: { code: string; name: string };
  asOf: string;
  types: { code: string; name: string; candidates: number; eligible: number; pendingApplications: number }[];
};

/**
 * `credentials:eligibility <unitCode> --as <staffNo>`: for each active issued type, how many
 * people of the unit's subtree (enforcement/monitoring posts, no issued credential of it)
 * are now eligible, and how many of those already applied or were nominated. Writes nothing.
 */
export async function recomputeEligibility(actor: Actor, unitCode: string, asOf = new Date()): Promise<EligibilityReport> {
  const unit = rawQuery(`SELECT ${UNIT_COLUMNS} FROM "OrgUnit" WHERE "code" = ?`).get(unitCode) as ScopeUnit | undefined;
  if (!unit || !can(actor, "credential.view", unit.path)) throw new Error(`no unit ${unitCode} in the scope of ${actor.staffNo}`);
  const { counts } = await eligibleNotIssuedIn([unit], undefined, asOf);
  return {
    unit: { code: unit.code, name: unit.name },
    asOf: asOf.toISOString(),
    types: counts.map((c) => ({ code: c.type.code, name: c.type.name, candidates: c.candidates, eligible: c.eligible, pendingApplications: c.pending })),
  };
}

/** The report as lines for the terminal. */
export function formatEligibilityReport(report: EligibilityReport): string {
  const lines = [`${report.unit.name} (${report.unit.code}) — ${report.asOf}`];
  for (const t of report.types) {
    lines.push(`${t.code}\t${t.name}\tchecked ${t.candidates}\teligible, not issued ${t.eligible}\tof which applied/nominated ${t.pendingApplications}`);
  }
  return lines.join("\n");
}

export type { ReportStatus };
