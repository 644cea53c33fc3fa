import ExcelJS from "exceljs";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { rawQuery, sqliteTime, write } from "~/lib/db.server";
import { translator, type Locale } from "~/lib/i18n";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { childOnPath, holds, monthStart, nextMonths, rate, shanghaiMonth } from "./report-rules";
import { credentialTypes, prefixEnd, reportUnit, subtree, type ScopeUnit } from "./reports.server";
import { shanghaiDayStart, type ParsedType } from "./rules";

/*
 * Joint holding (持证统计) over a unit's subtree (credential.view; out of scope → 404):
 *  - monitoring staff (category MONITORING, in the enforcement system, ACTIVE) holding the
 *    enforcement credential (执法证), and enforcement officers (category ENFORCEMENT, same
 *    conditions) holding the on-site monitoring credential (现场监测上岗证): counts and rates,
 *    for the unit's own staff, each child unit (drill down) and the whole subtree;
 *  - the legal-qualification check: every CITY-level unit of the subtree, how many active
 *    staff of the city's subtree hold the legal professional qualification (法律职业资格);
 *    cities with none are flagged;
 *  - credentials (ACTIVE) reaching their last valid day in each of the next 12 months.
 * "Holding" means valid now: ACTIVE or EXPIRING (report-rules.holds) — not in grace, not
 * suspended. The page says so.
 */

export const JOINT_TYPES = { enforcement: "ENFORCEMENT", monitoring: "MONITORING_ONSITE", legal: "LEGAL_PROFESSIONAL" } as const;

type Pair = { staff: number; holding: number };
export type Coverage = {
  /** Monitoring staff holding the enforcement credential. */
  monitoringWithEnforcement: Pair & { rate: number | null };
  /** Enforcement officers holding the on-site monitoring credential. */
  enforcementWithMonitoring: Pair & { rate: number | null };
};
export type CoverageRow = Coverage & { unitId: string; name: string; code: string; level: string; self: boolean; drillable: boolean };

type Counts = { mon: number; monHold: number; enf: number; enfHold: number };
const emptyCounts = (): Counts => ({ mon: 0, monHold: 0, enf: 0, enfHold: 0 });

function coverage(c: Counts): Coverage {
  return {
    monitoringWithEnforcement: { staff: c.mon, holding: c.monHold, rate: rate(c.monHold, c.mon) },
    enforcementWithMonitoring: { staff: c.enf, holding: c.enfHold, rate: rate(c.enfHold, c.enf) },
  };
}

const ROSTER = `p."status" = 'ACTIVE' AND p."inEnforcementSystem" = 1`;
const IN_SUBTREE = `o."path" >= @from AND o."path" < @to`;

/** Per unit id: roster counts by category, and holders of `type` among `category`. */
function countsByUnit(unit: ScopeUnit, types: { enforcement?: ParsedType; monitoring?: ParsedType }, asOf: Date): Map<string, Counts> {
  const range = { from: unit.path, to: prefixEnd(unit.path) };
  const byUnit = new Map<string, Counts>();
  const get = (unitId: string) => {
    let c = byUnit.get(unitId);
    if (!c) byUnit.set(unitId, (c = emptyCounts()));
    return c;
  };
  const roster = rawQuery(
    `SELECT p."unitId", p."category", COUNT(*) AS "n" FROM "Person" p JOIN "OrgUnit" o ON o."id" = p."unitId"
      WHERE ${IN_SUBTREE} AND ${ROSTER} AND p."category" IN ('MONITORING', 'ENFORCEMENT') GROUP BY p."unitId", p."category"`,
  ).all(range) as { unitId: string; category: string; n: number }[];
  for (const r of roster) {
    if (r.category === "MONITORING") get(r.unitId).mon += r.n;
    else get(r.unitId).enf += r.n;
  }
  const holders = (type: ParsedType | undefined, category: string) => {
    if (!type) return [] as { unitId: string; status: string; validUntil: string | null }[];
    return rawQuery(
      `SELECT p."unitId", c."status", c."validUntil" FROM "Credential" c JOIN "Person" p ON p."id" = c."personId" JOIN "OrgUnit" o ON o."id" = p."unitId"
        WHERE ${IN_SUBTREE} AND ${ROSTER} AND p."category" = @category AND c."typeId" = @typeId AND c."status" = 'ACTIVE'
          AND (c."validUntil" IS NULL OR c."validUntil" >= @since)`,
    ).all({ ...range, category, typeId: type.id, since: sqliteTime(new Date(asOf.getTime() - 3 * 86_400_000)) }) as { unitId: string; status: string; validUntil: string | null }[];
  };
  for (const h of holders(types.enforcement, "MONITORING")) {
    if (holds({ status: h.status, validUntil: h.validUntil ? new Date(h.validUntil) : null }, types.enforcement!, asOf)) get(h.unitId).monHold++;
  }
  for (const h of holders(types.monitoring, "ENFORCEMENT")) {
    if (holds({ status: h.status, validUntil: h.validUntil ? new Date(h.validUntil) : null }, types.monitoring!, asOf)) get(h.unitId).enfHold++;
  }
  return byUnit;
}

function add(into: Counts, c: Counts) {
  into.mon += c.mon;
  into.monHold += c.monHold;
  into.enf += c.enf;
  into.enfHold += c.enfHold;
}

export type CityCheck = { unitId: string; name: string; code: string; provinceName: string | null; holders: number };

/** Every CITY-level unit of the subtree with the number of active staff of its subtree holding the legal qualification. */
function cityLegalCheck(unit: ScopeUnit, units: ScopeUnit[], legal: ParsedType | undefined, asOf: Date): CityCheck[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const cities = units.filter((u) => u.level === "CITY");
  const counts = new Map<string, number>();
  if (legal && cities.length > 0) {
    const rows = rawQuery(
      `SELECT o."path", c."status", c."validUntil" FROM "Credential" c JOIN "Person" p ON p."id" = c."personId" JOIN "OrgUnit" o ON o."id" = p."unitId"
        WHERE ${IN_SUBTREE} AND p."status" = 'ACTIVE' AND c."typeId" = @typeId AND c."status" = 'ACTIVE'`,
    ).all({ from: unit.path, to: prefixEnd(unit.path), typeId: legal.id }) as { path: string; status: string; validUntil: string | null }[];
    const cityIds = new Set(cities.map((c) => c.id));
    for (const r of rows) {
      if (!holds({ status: r.status, validUntil: r.validUntil ? new Date(r.validUntil) : null }, legal, asOf)) continue;
      const city = r.path.split("/").filter(Boolean).find((id) => cityIds.has(id));
      if (city) counts.set(city, (counts.get(city) ?? 0) + 1);
    }
  }
  return cities.map((c) => ({
    unitId: c.id,
    name: c.name,
    code: c.code,
    provinceName: unit.level === "NATIONAL" && c.parentId ? (byId.get(c.parentId)?.name ?? null) : null,
    holders: counts.get(c.id) ?? 0,
  }));
}

export type MonthRow = { month: string; byType: Record<string, number>; total: number };

/** ACTIVE credentials of active people in the subtree whose last valid day falls from today to the end of the 12th month (Shanghai), by month. */
function expiriesByMonth(unit: ScopeUnit, types: ParsedType[], asOf: Date): MonthRow[] {
  const months = nextMonths(asOf, 12);
  const after = nextMonths(monthStart(months[months.length - 1]), 2)[1];
  const rows = rawQuery(
    `SELECT c."typeId", c."validUntil" FROM "Credential" c JOIN "Person" p ON p."id" = c."personId" JOIN "OrgUnit" o ON o."id" = p."unitId"
      WHERE ${IN_SUBTREE} AND p."status" = 'ACTIVE' AND c."status" = 'ACTIVE' AND c."validUntil" >= @start AND c."validUntil" < @end`,
  ).all({ from: unit.path, to: prefixEnd(unit.path), start: sqliteTime(shanghaiDayStart(asOf)), end: sqliteTime(monthStart(after)) }) as { typeId: string; validUntil: string }[];
  const codeOf = new Map(types.map((t) => [t.id, t.code]));
  const table = new Map(months.map((m) => [m, { month: m, byType: Object.fromEntries(types.map((t) => [t.code, 0])) as Record<string, number>, total: 0 }]));
  for (const r of rows) {
    const row = table.get(shanghaiMonth(new Date(r.validUntil)));
    const code = codeOf.get(r.typeId);
    if (!row || !code) continue;
    row.byType[code] = (row.byType[code] ?? 0) + 1;
    row.total++;
  }
  return [...table.values()];
}

/** Ancestors of the unit the actor may also look at (breadcrumb), root first. */
function breadcrumb(actor: Actor, unit: ScopeUnit): { id: string; name: string }[] {
  const ids = unit.path.split("/").filter(Boolean).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = rawQuery(`SELECT "id", "name", "path" FROM "OrgUnit" WHERE "id" IN (SELECT "value" FROM json_each(?))`).all(JSON.stringify(ids)) as { id: string; name: string; path: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is { id: string; name: string; path: string } => !!r && can(actor, "credential.view", r.path))
    .map((r) => ({ id: r.id, name: r.name }));
}

/** The joint-holding view of a unit (default: the actor's top unit of scope). */
export async function jointHolding(actor: Actor, unitId: string | null | undefined, asOf = new Date()) {
  const unit = reportUnit(actor, unitId);
  const units = subtree(unit);
  const types = await credentialTypes();
  const byCode = new Map(types.map((t) => [t.code, t]));
  const enforcement = byCode.get(JOINT_TYPES.enforcement);
  const monitoring = byCode.get(JOINT_TYPES.monitoring);
  const legal = byCode.get(JOINT_TYPES.legal);

  const perUnit = countsByUnit(unit, { enforcement, monitoring }, asOf);
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const total = emptyCounts();
  const self = emptyCounts();
  const children = new Map<string, Counts>();
  for (const [id, c] of perUnit) {
    const path = pathOf.get(id);
    if (!path) continue;
    add(total, c);
    const child = childOnPath(path, unit.depth);
    if (!child) add(self, c);
    else {
      const into = children.get(child) ?? emptyCounts();
      add(into, c);
      children.set(child, into);
    }
  }
  const rows: CoverageRow[] = [];
  if (self.mon + self.enf > 0) rows.push({ unitId: unit.id, name: unit.name, code: unit.code, level: unit.level, self: true, drillable: false, ...coverage(self) });
  for (const u of units.filter((x) => x.parentId === unit.id)) {
    rows.push({ unitId: u.id, name: u.name, code: u.code, level: u.level, self: false, drillable: true, ...coverage(children.get(u.id) ?? emptyCounts()) });
  }
  const cities = cityLegalCheck(unit, units, legal, asOf);
  return {
    unit: { id: unit.id, name: unit.name, code: unit.code, level: unit.level },
    breadcrumb: breadcrumb(actor, unit),
    totals: coverage(total),
    units: rows,
    cities,
    citiesWithout: cities.filter((c) => c.holders === 0),
    months: expiriesByMonth(unit, types.filter((t) => t.validityMonths !== null), asOf),
    monthTypes: types.filter((t) => t.validityMonths !== null).map((t) => ({ code: t.code, name: t.name, nameEn: t.nameEn })),
    typeNames: {
      enforcement: enforcement ? { name: enforcement.name, nameEn: enforcement.nameEn } : null,
      monitoring: monitoring ? { name: monitoring.name, nameEn: monitoring.nameEn } : null,
      legal: legal ? { name: legal.name, nameEn: legal.nameEn } : null,
    },
    asOf: asOf.toISOString(),
  };
}

export type JointView = Awaited<ReturnType<typeof jointHolding>>;

const pct = (value: number | null) => (value === null ? "" : Math.round(value * 1000) / 10);

/** The joint-holding view as .xlsx: units, cities, expiries by month (audited). */
export async function jointWorkbook(actor: Actor, unitId: string | null | undefined, locale: Locale, asOf = new Date()): Promise<Buffer> {
  const t = translator(locale);
  const view = await jointHolding(actor, unitId, asOf);
  const workbook = new ExcelJS.Workbook();
  const units = workbook.addWorksheet(t("credentialViews.joint.sheets.units"));
  units.columns = [
    { header: t("credentialViews.columns.unit"), key: "unit", width: 24 },
    { header: t("credentialViews.joint.columns.monitoringStaff"), key: "mon", width: 12 },
    { header: t("credentialViews.joint.columns.withEnforcement"), key: "monHold", width: 14 },
    { header: t("credentialViews.joint.columns.rate"), key: "monRate", width: 10 },
    { header: t("credentialViews.joint.columns.enforcementStaff"), key: "enf", width: 12 },
    { header: t("credentialViews.joint.columns.withMonitoring"), key: "enfHold", width: 14 },
    { header: t("credentialViews.joint.columns.rate"), key: "enfRate", width: 10 },
  ];
  units.getRow(1).font = { bold: true };
  const line = (name: string, c: Coverage) => ({
    unit: name,
    mon: c.monitoringWithEnforcement.staff,
    monHold: c.monitoringWithEnforcement.holding,
    monRate: pct(c.monitoringWithEnforcement.rate),
    enf: c.enforcementWithMonitoring.staff,
    enfHold: c.enforcementWithMonitoring.holding,
    enfRate: pct(c.enforcementWithMonitoring.rate),
  });
  for (const u of view.units) units.addRow(line(u.self ? t("credentialViews.joint.ownStaff", { unit: u.name }) : u.name, u));
  units.addRow(line(t("credentialViews.joint.total"), view.totals)).font = { bold: true };

  const cities = workbook.addWorksheet(t("credentialViews.joint.sheets.cities"));
  cities.columns = [
    { header: t("credentialViews.joint.columns.city"), key: "city", width: 20 },
    { header: t("credentialViews.joint.columns.code"), key: "code", width: 10 },
    { header: t("credentialViews.joint.columns.legalHolders"), key: "holders", width: 14 },
    { header: t("credentialViews.joint.columns.check"), key: "check", width: 14 },
  ];
  cities.getRow(1).font = { bold: true };
  for (const c of view.cities) cities.addRow({ city: c.name, code: c.code, holders: c.holders, check: c.holders > 0 ? t("credentialViews.joint.cityOk") : t("credentialViews.joint.cityNone") });

  const months = workbook.addWorksheet(t("credentialViews.joint.sheets.months"));
  months.columns = [
    { header: t("credentialViews.joint.columns.month"), key: "month", width: 10 },
    ...view.monthTypes.map((mt) => ({ header: locale === "en" ? mt.nameEn : mt.name, key: mt.code, width: 16 })),
    { header: t("credentialViews.joint.total"), key: "total", width: 10 },
  ];
  months.getRow(1).font = { bold: true };
  for (const m of view.months) months.addRow({ month: m.month, ...m.byType, total: m.total });

  await write((tx) => audit(tx, actorAudit(actor), { action: "credential.export", objectType: "CredentialCoverage", objectId: view.unit.id, unitId: view.unit.id, after: { units: view.units.length, cities: view.cities.length } }));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
