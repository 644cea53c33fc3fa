import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { can } from "~/modules/access/rules";
import { auditMany, audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import type { Actor } from "~/lib/actor.server";
import { decryptPersonal, lookupHash } from "~/lib/secrets.server";
import { isoDateInShanghai, translator, type Locale } from "~/lib/i18n";
import { actorAudit } from "~/modules/org/org.server";
import { peopleWhere, personData, type PeopleFilter } from "./people.server";
import { normalizeIdCard, personInputSchema, type PersonInput } from "./rules";
import {
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  PEOPLE_COLUMNS,
  booleanFromCell,
  categoryFromCell,
  educationFromCell,
  type RawRow,
  type RowError,
} from "./spreadsheet";

const translators = [translator("zh-CN"), translator("en")];

function header(locale: Locale, columns: readonly { key: string }[]) {
  const t = translator(locale);
  return columns.map((c) => t(`people.columns.${c.key}`));
}

/** The import template: header row, one example row, dropdowns, text-formatted ID column. */
export async function importTemplate(locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("people.import.sheetName"));
  sheet.columns = IMPORT_COLUMNS.map((c, i) => ({ header: header(locale, IMPORT_COLUMNS)[i], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Text format keeps leading zeros and all 18 digits of ID numbers (Excel numbers hold 15).
  for (const key of ["staffNo", "unitCode", "idCard", "phone", "hireDate"]) sheet.getColumn(key).numFmt = "@";
  const categories = ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "OTHER"].map((c) => t(`people.category.${c}`));
  const education = ["HIGH_SCHOOL", "ASSOCIATE", "BACHELOR", "MASTER", "DOCTORATE"].map((c) => t(`people.education.${c}`));
  for (let row = 2; row <= 1000; row++) {
    sheet.getCell(row, 4).dataValidation = { type: "list", allowBlank: false, formulae: [`"${categories.join(",")}"`] };
    sheet.getCell(row, 6).dataValidation = { type: "list", allowBlank: true, formulae: [`"${t("common.yes")},${t("common.no")}"`] };
    sheet.getCell(row, 8).dataValidation = { type: "list", allowBlank: true, formulae: [`"${education.join(",")}"`] };
  }
  const notes = workbook.addWorksheet(t("people.import.notesSheet"));
  notes.getColumn(1).width = 100;
  for (const line of t("people.import.notes", { returnObjects: true }) as unknown as string[]) notes.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(cell: ExcelJS.Cell): { text: string; numeric: boolean } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: "", numeric: false };
  if (value instanceof Date) {
    // Excel dates carry no time zone; exceljs reads them as UTC midnight.
    return { text: value.toISOString().slice(0, 10), numeric: false };
  }
  return { text: cell.text.trim(), numeric: typeof value === "number" };
}

/** Reads the first sheet. Returns rows keyed by column, or a file-level error. */
export async function readPeopleWorkbook(data: Buffer): Promise<{ rows: RawRow[] } | { error: RowError }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { error: { row: 0, message: "people.import.errors.notXlsx" } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { error: { row: 0, message: "people.import.errors.notXlsx" } };
  // Columns are found by their heading, so an export (which adds unit name and status
  // between them) can be edited and imported again.
  const headings: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headings[col] = cellText(cell).text));
  const expected = [header("zh-CN", IMPORT_COLUMNS), header("en", IMPORT_COLUMNS)];
  const names = expected.find((candidate) => candidate.every((name) => headings.includes(name)));
  if (!names) return { error: { row: 1, message: "people.import.errors.headerMismatch" } };
  const position = names.map((name) => headings.indexOf(name));
  const rows: RawRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    IMPORT_COLUMNS.forEach((column, i) => {
      const { text, numeric } = cellText(row.getCell(position[i]));
      // An 18-digit ID typed as a number has already lost digits: refuse it, do not guess.
      cells[column.key] = column.key === "idCard" && numeric && text.length > 15 ? "#NUMERIC#" : text;
      if (text) any = true;
    });
    if (!any) return;
    if (rows.length >= MAX_IMPORT_ROWS) tooMany = true;
    else rows.push({ rowNumber, cells });
  });
  if (tooMany) return { error: { row: 0, message: "people.import.errors.tooManyRows", params: { max: MAX_IMPORT_ROWS } } };
  if (rows.length === 0) return { error: { row: 0, message: "people.import.errors.empty" } };
  return { rows };
}

type ValidRow = { rowNumber: number; input: PersonInput; unitId: string };

/** Checks every row (format, duplicates in the file and in the database, unit scope). */
export async function validatePeopleRows(actor: Actor, rows: RawRow[]): Promise<{ valid: ValidRow[]; errors: RowError[] }> {
  const errors: RowError[] = [];
  const parsed: { rowNumber: number; input: PersonInput }[] = [];
  for (const { rowNumber, cells } of rows) {
    const rowErrors: RowError[] = [];
    const category = categoryFromCell(cells.category, translators);
    const education = educationFromCell(cells.education, translators);
    const inSystem = booleanFromCell(cells.inEnforcementSystem);
    if (category === null) rowErrors.push({ row: rowNumber, column: "category", message: "errors.category" });
    if (education === null) rowErrors.push({ row: rowNumber, column: "education", message: "errors.education" });
    if (inSystem === null) rowErrors.push({ row: rowNumber, column: "inEnforcementSystem", message: "errors.yesNo" });
    if (cells.idCard === "#NUMERIC#") rowErrors.push({ row: rowNumber, column: "idCard", message: "people.import.errors.idCardAsNumber" });
    const result = personInputSchema.safeParse({
      name: cells.name,
      staffNo: cells.staffNo,
      unitCode: cells.unitCode,
      category: category ?? cells.category,
      post: cells.post,
      inEnforcementSystem: inSystem ?? true,
      hireDate: cells.hireDate,
      education: education ?? undefined,
      phone: cells.phone,
      idCard: cells.idCard === "#NUMERIC#" ? undefined : cells.idCard,
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? "");
        if (!rowErrors.some((e) => e.column === column)) rowErrors.push({ row: rowNumber, column, message: issue.message });
      }
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (result.success) parsed.push({ rowNumber, input: result.data });
  }

  // Duplicates inside the file.
  const seenStaff = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (const { rowNumber, input } of parsed) {
    const staffRow = seenStaff.get(input.staffNo);
    if (staffRow) errors.push({ row: rowNumber, column: "staffNo", message: "people.import.errors.duplicateInFile", params: { other: staffRow } });
    else seenStaff.set(input.staffNo, rowNumber);
    if (input.idCard) {
      const id = normalizeIdCard(input.idCard);
      const idRow = seenId.get(id);
      if (idRow) errors.push({ row: rowNumber, column: "idCard", message: "people.import.errors.duplicateInFile", params: { other: idRow } });
      else seenId.set(id, rowNumber);
    }
  }

  // Against the database: existing staff numbers and ID numbers, unit codes and scope.
  const existingStaff = new Set(
    (await db.person.findMany({ where: { staffNo: { in: [...seenStaff.keys()] } }, select: { staffNo: true } })).map((p) => p.staffNo),
  );
  const hashes = new Map([...seenId.keys()].map((id) => [lookupHash(id), id]));
  const existingIds = new Set(
    (await db.person.findMany({ where: { idCardHash: { in: [...hashes.keys()] } }, select: { idCardHash: true } })).map(
      (p) => hashes.get(p.idCardHash!)!,
    ),
  );
  const units = new Map(
    (await db.orgUnit.findMany({ where: { code: { in: [...new Set(parsed.map((p) => p.input.unitCode))] } } })).map((u) => [u.code, u]),
  );
  const valid: ValidRow[] = [];
  for (const { rowNumber, input } of parsed) {
    const before = errors.length;
    if (existingStaff.has(input.staffNo)) errors.push({ row: rowNumber, column: "staffNo", message: "people.errors.staffNoTaken" });
    if (input.idCard && existingIds.has(normalizeIdCard(input.idCard)))
      errors.push({ row: rowNumber, column: "idCard", message: "people.errors.idCardTaken" });
    const unit = units.get(input.unitCode);
    if (!unit || !can(actor, "person.manage", unit.path))
      errors.push({ row: rowNumber, column: "unitCode", message: "people.errors.unitNotInScope" });
    else if (!unit.active) errors.push({ row: rowNumber, column: "unitCode", message: "people.errors.unitInactive" });
    if (errors.length === before && unit) valid.push({ rowNumber, input, unitId: unit.id });
  }
  errors.sort((a, b) => a.row - b.row);
  return { valid, errors };
}

export type ImportResult = { ok: true; imported: number } | { ok: false; errors: RowError[] };

/** Validates the whole file first; writes all rows in one transaction only if every row is good. */
export async function importPeople(actor: Actor, data: Buffer): Promise<ImportResult> {
  const read = await readPeopleWorkbook(data);
  if ("error" in read) return { ok: false, errors: [read.error] };
  const { valid, errors } = await validatePeopleRows(actor, read.rows);
  if (errors.length) return { ok: false, errors };
  const records = valid.map((v) => personData(v.input, v.unitId));
  await write(
    async (tx) => {
      await tx.person.createMany({ data: records });
      const created = await tx.person.findMany({
        where: { staffNo: { in: records.map((r) => r.staffNo) } },
        select: { id: true, staffNo: true, unitId: true },
      });
      await auditMany(
        tx,
        actorAudit(actor),
        created.map((p) => ({ action: "person.import", objectType: "Person", objectId: p.id, unitId: p.unitId, after: { staffNo: p.staffNo } })),
      );
    },
    { timeoutMs: 120_000 },
  );
  return { ok: true, imported: records.length };
}

const EXPORT_BATCH = 2_000;

/**
 * Streams the filtered list as .xlsx in the import layout. ID numbers are masked
 * unless `fullIdCards` is asked for; then only rows the actor may see in full are
 * unmasked, and the export is audited.
 */
export async function exportPeople(actor: Actor, filter: PeopleFilter, locale: Locale, fullIdCards = false) {
  const t = translator(locale);
  const where = await peopleWhere(actor, filter, "person.export");
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet(t("people.import.sheetName"));
  sheet.columns = PEOPLE_COLUMNS.map((c, i) => ({ header: header(locale, PEOPLE_COLUMNS)[i], key: c.key, width: c.width }));
  let exported = 0;
  let unmasked = 0;
  const done = (async () => {
    let after: string | undefined;
    for (;;) {
      const batch = await db.person.findMany({
        where: after ? { AND: [where, { staffNo: { gt: after } }] } : where,
        orderBy: { staffNo: "asc" },
        take: EXPORT_BATCH,
        include: { unit: { select: { code: true, name: true, path: true } } },
      });
      for (const p of batch) {
        const full = fullIdCards && p.idCardCipher && can(actor, "person.viewIdCard", p.unit.path);
        if (full) unmasked++;
        sheet
          .addRow({
            name: p.name,
            staffNo: p.staffNo,
            unitCode: p.unit.code,
            unitName: p.unit.name,
            category: t(`people.category.${p.category}`),
            post: p.post,
            inEnforcementSystem: p.inEnforcementSystem ? t("common.yes") : t("common.no"),
            hireDate: p.hireDate ? isoDateInShanghai(p.hireDate) : "",
            education: p.education ? t(`people.education.${p.education}`) : "",
            phone: p.phone ?? "",
            idCard: full ? decryptPersonal(p.idCardCipher!) : (p.idCardMasked ?? ""),
            status: t(`people.status.${p.status}`),
          })
          .commit();
      }
      exported += batch.length;
      // exceljs does not apply backpressure: wait for the reader before the next batch,
      // or a large export piles up in memory.
      await new Promise((resolve) => setImmediate(resolve));
      if (stream.readableLength > stream.readableHighWaterMark) await once(stream, "drain");
      if (batch.length < EXPORT_BATCH) break;
      after = batch[batch.length - 1].staffNo;
    }
    await workbook.commit();
    await write((tx) =>
      audit(tx, actorAudit(actor), {
        action: "person.export",
        objectType: "PersonList",
        objectId: "-",
        unitId: filter.unitId ?? actor.unitId,
        after: { filter, rows: exported, unmaskedIdCards: unmasked },
      }),
    );
  })();
  done.catch((error) => stream.destroy(error));
  return stream;
}
