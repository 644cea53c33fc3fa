import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { write } from "~/lib/db.server";
import { isoDateInShanghai, translator, type Locale } from "~/lib/i18n";
import { actorAudit } from "~/modules/org/org.server";
import { allPeople, classStats, dashboard } from "./compliance.server";
import { allMissing, rotationCoverage } from "./rotation.server";
import type { PeopleFilter, PlanPeriod } from "./rules";

/*
 * .xlsx exports of every compliance list. Lists of people stream (exceljs
 * WorkbookWriter, batches of 2,000, waiting for the reader between batches) so a
 * national list does not sit in memory; the unit and class tables are small.
 * Exports of people are audited (who exported which list, how many rows).
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Column = { key: string; header: string; width: number };

const pct = (value: number | null) => (value === null ? "" : Math.round(value * 1000) / 10);

/** Streams a workbook; `fill` adds rows (committing each) and returns what to audit. */
function streamWorkbook(fill: (workbook: ExcelJS.stream.xlsx.WorkbookWriter, pause: () => Promise<void>) => Promise<() => Promise<unknown>>) {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const pause = async () => {
    // exceljs does not apply backpressure: let the reader drain before the next batch.
    await new Promise((resolve) => setImmediate(resolve));
    if (stream.readableLength > stream.readableHighWaterMark) await once(stream, "drain");
  };
  const done = (async () => {
    const after = await fill(workbook, pause);
    await workbook.commit();
    await after();
  })();
  done.catch((error) => stream.destroy(error));
  return stream;
}

function sheetWith(workbook: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook, name: string, columns: Column[]) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  return sheet;
}

/** Officers of a subtree with their hours for the year (behind pace / not met / all). */
export async function peopleWorkbook(actor: Actor, options: { unitId?: string | null; year: number; filter: PeopleFilter }, locale: Locale) {
  const t = translator(locale);
  const columns: Column[] = [
    { key: "staffNo", header: t("compliance.columns.staffNo"), width: 14 },
    { key: "name", header: t("compliance.columns.name"), width: 12 },
    { key: "unit", header: t("compliance.columns.unit"), width: 24 },
    { key: "total", header: t("compliance.columns.hours"), width: 10 },
    { key: "carriedIn", header: t("compliance.columns.carriedIn"), width: 10 },
    { key: "required", header: t("compliance.columns.required"), width: 10 },
    { key: "projected", header: t("compliance.columns.projected"), width: 12 },
    { key: "status", header: t("compliance.columns.status"), width: 12 },
    { key: "political", header: t("compliance.columns.political"), width: 12 },
    { key: "pending", header: t("compliance.columns.pending"), width: 10 },
  ];
  // The scope check happens before the response starts (a 404 must not become a broken download).
  const batches = allPeople(actor, options);
  const first = await batches.next();
  return streamWorkbook(async (workbook, pause) => {
    const sheet = sheetWith(workbook, t(`compliance.people.filters.${options.filter}`), columns);
    let rows = 0;
    let unitId = actor.unitId;
    for (let step = first; !step.done; step = await batches.next()) {
      unitId = step.value.unit.id;
      for (const p of step.value.batch) {
        sheet
          .addRow({
            staffNo: p.staffNo,
            name: p.name,
            unit: p.unitName,
            total: p.total,
            carriedIn: p.carriedIn,
            required: p.required,
            projected: p.projected ?? "",
            status: p.met ? t("compliance.status.met") : p.behind ? t("compliance.status.behind") : t("compliance.status.onPace"),
            political: p.politicalCredited,
            pending: p.pendingHours,
          })
          .commit();
        rows++;
      }
      await pause();
    }
    sheet.commit();
    return () => write((tx) => audit(tx, actorAudit(actor), { action: "compliance.export", objectType: "HoursList", objectId: options.filter, unitId, after: { year: options.year, rows } }));
  });
}

/** The rotation coverage per unit and the officers still missing post training in the period. */
export async function rotationWorkbook(actor: Actor, options: { unitId?: string | null; period: PlanPeriod }, locale: Locale) {
  const t = translator(locale);
  const coverage = await rotationCoverage(actor, options);
  const batches = allMissing(actor, options);
  const due = isoDateInShanghai(new Date(coverage.dueDate));
  return streamWorkbook(async (workbook, pause) => {
    const units = sheetWith(workbook, t("compliance.rotation.unitsSheet"), [
      { key: "unit", header: t("compliance.columns.unit"), width: 24 },
      { key: "officers", header: t("compliance.columns.officers"), width: 10 },
      { key: "covered", header: t("compliance.columns.covered"), width: 10 },
      { key: "missing", header: t("compliance.columns.missing"), width: 10 },
      { key: "rate", header: t("compliance.columns.coverageRate"), width: 12 },
    ]);
    for (const u of coverage.units) units.addRow({ unit: u.self ? t("compliance.ownStaff", { unit: u.name }) : u.name, officers: u.officers, covered: u.covered, missing: u.missing, rate: pct(u.rate) }).commit();
    units.addRow({ unit: t("compliance.total"), officers: coverage.totals.officers, covered: coverage.totals.covered, missing: coverage.totals.missing, rate: pct(coverage.totals.rate) }).commit();
    units.commit();
    const sheet = sheetWith(workbook, t("compliance.rotation.missingSheet"), [
      { key: "staffNo", header: t("compliance.columns.staffNo"), width: 14 },
      { key: "name", header: t("compliance.columns.name"), width: 12 },
      { key: "unit", header: t("compliance.columns.unit"), width: 24 },
      { key: "post", header: t("compliance.columns.post"), width: 16 },
      { key: "due", header: t("compliance.columns.dueDate"), width: 12 },
    ]);
    let rows = 0;
    for await (const { batch } of batches) {
      for (const p of batch) {
        sheet.addRow({ staffNo: p.staffNo, name: p.name, unit: p.unitName, post: p.post, due }).commit();
        rows++;
      }
      await pause();
    }
    sheet.commit();
    return () =>
      write((tx) => audit(tx, actorAudit(actor), { action: "compliance.export", objectType: "RotationList", objectId: options.period.key, unitId: coverage.unit.id, after: { rows } }));
  });
}

/** The per-unit table of the dashboard (small: one row per child unit). */
export async function unitsWorkbook(actor: Actor, options: { unitId?: string | null; year: number }, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const d = await dashboard(actor, options);
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetWith(workbook, `${d.unit.name} ${d.year}`.slice(0, 31), [
    { key: "unit", header: t("compliance.columns.unit"), width: 24 },
    { key: "officers", header: t("compliance.columns.officers"), width: 10 },
    { key: "met", header: t("compliance.columns.met"), width: 10 },
    { key: "metRate", header: t("compliance.columns.metRate"), width: 12 },
    { key: "behind", header: t("compliance.columns.behind"), width: 10 },
    { key: "average", header: t("compliance.columns.averageHours"), width: 12 },
  ]);
  for (const u of d.units) sheet.addRow({ unit: u.self ? t("compliance.ownStaff", { unit: u.name }) : u.name, officers: u.officers, met: u.met, metRate: pct(u.metRate), behind: u.behind, average: u.averageHours ?? "" });
  sheet.addRow({ unit: t("compliance.total"), officers: d.totals.officers, met: d.totals.met, metRate: pct(d.totals.metRate), behind: d.totals.behind, average: d.totals.averageHours ?? "" });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Classes organised in the subtree in the year, with fill and attendance. */
export async function classesWorkbook(actor: Actor, options: { unitId?: string | null; year: number }, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const stats = await classStats(actor, options);
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetWith(workbook, t("compliance.classes.sheet"), [
    { key: "code", header: t("compliance.columns.classCode"), width: 14 },
    { key: "title", header: t("compliance.columns.classTitle"), width: 30 },
    { key: "unit", header: t("compliance.columns.organiser"), width: 20 },
    { key: "dates", header: t("compliance.columns.dates"), width: 24 },
    { key: "capacity", header: t("compliance.columns.capacity"), width: 10 },
    { key: "seated", header: t("compliance.columns.seated"), width: 10 },
    { key: "fill", header: t("compliance.columns.fill"), width: 10 },
    { key: "sessions", header: t("compliance.columns.sessionsHeld"), width: 10 },
    { key: "attendance", header: t("compliance.columns.attendance"), width: 10 },
  ]);
  for (const c of stats.items) {
    sheet.addRow({
      code: c.code,
      title: c.title,
      unit: c.unitName,
      dates: `${isoDateInShanghai(new Date(c.startDate))} – ${isoDateInShanghai(new Date(c.endDate))}`,
      capacity: c.capacity,
      seated: c.seated,
      fill: pct(c.fill),
      sessions: `${c.sessionsHeld}/${c.sessions}`,
      attendance: pct(c.attendance),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
