import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { requireAnyScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import { isoDateInShanghai, translator, type Locale } from "~/lib/i18n";
import { discardUpload, readUpload, stashUpload } from "~/lib/uploads.server";
import { can, canAnywhere, covers } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { generateVerifyCode } from "./evidence";
import { IMPORT_COLUMNS, insertOrder, mapHeadings, MAX_IMPORT_ROWS, validateImport, type ImportError, type ImportPerson, type ImportType, type ValidRow } from "./import";
import { LIVE_STATUSES, parseShanghaiDate } from "./rules";

/*
 * Importing existing credentials (credential.issue over every holder). Two steps on the
 * web — check (the whole file, every error with its row; nothing written) then import
 * (checked again, then every row in ONE transaction) — with the file kept between them by
 * stashUpload; one step on the command line (importCredentialsFile).
 *
 * Each imported credential gets a verification code and a status-list index like an issued
 * one, issuedAt = validFrom = the issued date, and a RECORDED event with data
 * { source: "import", file, row, status }. The issuing unit is the importer's most specific
 * unit with credential.issue over the holder. Numbers are kept as given; the core's number
 * sequence skips numbers already taken, so later issues cannot collide with imported ones.
 */

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export type ImportSummary = { rows: number; people: number; byType: Record<string, number>; byStatus: Record<string, number> };
export type CheckResult = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] };

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  // Excel dates carry no zone; exceljs reads them as UTC, so the date part is the day typed.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return String(value);
  return cell.text.trim();
}

/** The first sheet as header + rows (blank rows skipped, numbers kept); or a file error. */
export async function readSheet(bytes: Buffer): Promise<{ ok: true; headers: string[]; rows: { row: number; cells: string[] }[] } | { ok: false; error: ImportError }> {
  const fileError = (key: string, params?: Record<string, number>) => ({ ok: false as const, error: { row: 0, message: `credentialViews.import.errors.${key}`, ...(params ? { params } : {}) } });
  if (bytes.length === 0) return fileError("empty");
  if (!XLSX_MAGIC.every((b, i) => bytes[i] === b)) return fileError("notXlsx");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fileError("notXlsx");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fileError("empty");
  const table: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell)));
    table.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? "") });
  });
  const header = table.find((r) => r.cells.some((c) => c !== ""));
  if (!header) return fileError("empty");
  const rows = table.filter((r) => r.row > header.row && r.cells.some((c) => c !== ""));
  if (rows.length === 0) return fileError("empty");
  if (rows.length > MAX_IMPORT_ROWS) return fileError("tooManyRows", { max: MAX_IMPORT_ROWS });
  return { ok: true, headers: header.cells, rows };
}

type Checked = { ok: true; rows: ValidRow[]; units: Map<string, { unitId: string; path: string }> } | { ok: false; errors: ImportError[] };

/** The whole file validated against the registry and the database (reads only). */
async function check(actor: Actor, bytes: Buffer, now: Date): Promise<Checked> {
  const sheet = await readSheet(bytes);
  if (!sheet.ok) return { ok: false, errors: [sheet.error] };
  const mapped = mapHeadings(sheet.headers);
  if (!mapped.ok) return { ok: false, errors: mapped.errors };
  const staffCol = mapped.columns.staffNo!;
  const staffNos = [...new Set(sheet.rows.map((r) => (r.cells[staffCol] ?? "").trim()).filter(Boolean))];
  const people = new Map<string, ImportPerson>();
  const units = new Map<string, { unitId: string; path: string }>();
  for (let i = 0; i < staffNos.length; i += 500) {
    const found = await db.person.findMany({ where: { staffNo: { in: staffNos.slice(i, i + 500) } }, select: { id: true, staffNo: true, unitId: true, unit: { select: { path: true } } } });
    for (const p of found) {
      people.set(p.staffNo, { personId: p.id, inScope: can(actor, "credential.issue", p.unit.path) });
      units.set(p.id, { unitId: p.unitId, path: p.unit.path });
    }
  }
  const types = new Map<string, ImportType>((await db.credentialType.findMany()).map((t) => [t.code, { id: t.id, code: t.code, kind: t.kind, validityMonths: t.validityMonths }]));
  const numberCol = mapped.columns.number;
  const numbers = numberCol === undefined ? [] : [...new Set(sheet.rows.map((r) => (r.cells[numberCol] ?? "").trim()).filter(Boolean))];
  const numbersTaken = new Set<string>();
  for (let i = 0; i < numbers.length; i += 500) {
    for (const c of await db.credential.findMany({ where: { number: { in: numbers.slice(i, i + 500) } }, select: { number: true } })) numbersTaken.add(c.number!);
  }
  const personIds = [...people.values()].map((p) => p.personId);
  const liveTaken = new Set<string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const live = await db.credential.findMany({ where: { personId: { in: personIds.slice(i, i + 500) }, status: { in: [...LIVE_STATUSES] } }, select: { personId: true, typeId: true } });
    for (const c of live) liveTaken.add(`${c.personId}:${c.typeId}`);
  }
  const result = validateImport(sheet.rows, mapped.columns, { people, types, numbersTaken, liveTaken, today: isoDateInShanghai(now) });
  if (result.errors.length) return { ok: false, errors: result.errors };
  return { ok: true, rows: result.rows, units };
}

function summarise(rows: ValidRow[]): ImportSummary {
  const count = (key: (r: ValidRow) => string) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }), {});
  return { rows: rows.length, people: new Set(rows.map((r) => r.personId)).size, byType: count((r) => r.typeCode), byStatus: count((r) => r.status) };
}

/** The most specific unit of the actor with credential.issue over the holder. */
function issuingUnit(actor: Actor, holderPath: string): string {
  const grants = actor.grants.filter((g) => covers(g.unitPath, holderPath) && can({ grants: [g] }, "credential.issue", holderPath));
  grants.sort((a, b) => b.unitPath.length - a.unitPath.length);
  return grants[0]?.unitId ?? actor.unitId;
}

async function writeAll(tx: Tx, actor: Actor, rows: ValidRow[], units: Map<string, { unitId: string; path: string }>, fileName: string, now: Date): Promise<string[]> {
  const max = await tx.credential.aggregate({ _max: { statusIndex: true } });
  let statusIndex = (max._max.statusIndex ?? -1) + 1;
  const ids: string[] = [];
  for (const r of insertOrder(rows)) {
    const issuedAt = parseShanghaiDate(r.issuedAt)!;
    const validUntil = r.validUntil ? parseShanghaiDate(r.validUntil)! : null;
    const holder = units.get(r.personId)!;
    const created = await tx.credential.create({
      data: {
        typeId: r.typeId,
        personId: r.personId,
        status: r.status,
        number: r.number,
        externalNumber: r.externalNumber,
        verifyCode: generateVerifyCode(),
        statusIndex: statusIndex++,
        issuingUnitId: issuingUnit(actor, holder.path),
        issuedAt,
        validFrom: issuedAt,
        validUntil,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.credentialEvent.create({
      data: {
        credentialId: created.id,
        action: "RECORDED",
        at: now,
        effectiveDate: issuedAt,
        actorId: actor.userId,
        data: JSON.stringify({ source: "import", file: fileName, row: r.row, status: r.status, number: r.number, externalNumber: r.externalNumber, issuedAt: r.issuedAt, validUntil: r.validUntil }),
      },
    });
    ids.push(created.id);
  }
  await audit(tx, actorAudit(actor), {
    action: "credential.import",
    objectType: "CredentialImport",
    objectId: fileName.slice(0, 200),
    unitId: actor.unitId,
    after: { file: fileName, ...summarise(rows) },
  });
  return ids;
}

/** Checks again and writes everything in one transaction; nothing on any error. */
async function commit(actor: Actor, bytes: Buffer, fileName: string, now: Date): Promise<{ ok: true; summary: ImportSummary; ids: string[] } | { ok: false; errors: ImportError[] }> {
  const checked = await check(actor, bytes, now);
  if (!checked.ok) return checked;
  try {
    const ids = await write((tx) => writeAll(tx, actor, checked.rows, checked.units, fileName, now), { timeoutMs: 120_000 });
    return { ok: true, summary: summarise(checked.rows), ids };
  } catch (error) {
    // Someone changed the registry between the check and the write: nothing was written.
    const message = error instanceof Error ? error.message : "";
    if (message.includes("already has this credential") || (error as { code?: string }).code === "P2002") {
      return { ok: false, errors: [{ row: 0, message: "credentialViews.import.errors.changedMeanwhile" }] };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Web: upload + check, then import
// ---------------------------------------------------------------------------

export type StagedCheck = { ok: true; token: string; fileName: string; summary: ImportSummary } | { ok: false; errors: ImportError[] };

/** Step 1: keep the file and check it whole. */
export async function checkUpload(actor: Actor, fileName: string, bytes: Buffer, now = new Date()): Promise<StagedCheck> {
  requireAnyScope(actor, "credential.issue");
  const checked = await check(actor, bytes, now);
  if (!checked.ok) return checked;
  const token = stashUpload(actor.userId, fileName, bytes);
  return { ok: true, token, fileName, summary: summarise(checked.rows) };
}

/** Step 2: import the kept file. */
export async function commitUpload(actor: Actor, token: string, now = new Date()): Promise<{ ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] }> {
  requireAnyScope(actor, "credential.issue");
  const upload = readUpload(actor.userId, token);
  if (!upload) return { ok: false, errors: [{ row: 0, message: "credentialViews.import.errors.expired" }] };
  const result = await commit(actor, upload.bytes, upload.fileName, now);
  if (!result.ok) return result;
  discardUpload(token);
  return { ok: true, summary: result.summary };
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

/**
 * `credentials:import <file.xlsx> --as <staffNo>`: the whole file checked, then written in
 * one transaction. Errors are dictionary keys with row numbers (the CLI may print them with
 * translator("zh-CN")).
 */
export async function importCredentialsFile(actor: Actor, path: string, now = new Date()): Promise<{ ok: true; imported: number; summary: ImportSummary } | { ok: false; errors: ImportError[] }> {
  if (!canAnywhere(actor, "credential.issue")) {
    return { ok: false, errors: [{ row: 0, message: "credentialViews.import.errors.notAllowed" }] };
  }
  const result = await commit(actor, readFileSync(path), basename(path), now);
  if (!result.ok) return result;
  return { ok: true, imported: result.ids.length, summary: result.summary };
}

/** Errors as terminal lines, translated. */
export function formatImportErrors(errors: ImportError[], locale: Locale = "zh-CN"): string {
  const t = translator(locale);
  return errors
    .map((e) => `${e.row > 0 ? `${t("credentialViews.import.row")} ${e.row}` : t("credentialViews.import.fileLevel")}${e.column ? ` · ${t(`credentialViews.import.columns.${e.column}`)}` : ""}: ${t(e.message, e.params ?? {})}`)
    .join("\n");
}

/** The template: the headings, one example row per type kind, and a notes sheet. */
export async function importTemplate(locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("credentialViews.import.sheetName"));
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: t(`credentialViews.import.columns.${c}`), key: c, width: c === "externalNumber" || c === "number" ? 20 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({ staffNo: "33000001", typeCode: "ENFORCEMENT", number: "ZF332400123", issuedAt: "2024-03-01", validUntil: "2029-03-01", status: "ACTIVE", externalNumber: "" });
  sheet.addRow({ staffNo: "33000002", typeCode: "LEGAL_PROFESSIONAL", number: "", issuedAt: "2019-09-20", validUntil: "", status: "ACTIVE", externalNumber: "A20193301000123" });
  const notes = workbook.addWorksheet(t("credentialViews.import.notesSheet"));
  notes.getColumn(1).width = 100;
  for (const key of ["note1", "note2", "note3", "note4", "note5"]) notes.addRow([t(`credentialViews.import.notes.${key}`)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
