import ExcelJS from "exceljs";
import type { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n";
import { revealIdCard } from "~/modules/people/people.server";
import { IMPORT_COLUMNS, PEOPLE_COLUMNS } from "~/modules/people/spreadsheet";
import { exportPeople, importPeople, importTemplate, readPeopleWorkbook } from "~/modules/people/xlsx.server";
import { idCard } from "./support/helpers";

type Cells = Partial<Record<(typeof IMPORT_COLUMNS)[number]["key"], string | number>>;

let hr: Actor;
let admin: Actor;

beforeAll(async () => {
  await seed({ officers: 40, questionBank: false });
  [hr, admin] = await Promise.all([cliActor("HR330001"), cliActor("ADMIN001")]);
});

/** One spreadsheet row with sensible defaults (Chinese labels, as the template suggests). */
function row(staffNo: string, cells: Cells = {}): Cells {
  return {
    name: "导入测试",
    staffNo,
    unitCode: "330106",
    category: "执法人员",
    post: "执法队员",
    inEnforcementSystem: "是",
    hireDate: "2019-07-01",
    education: "本科",
    phone: "13800000000",
    idCard: "",
    ...cells,
  };
}

/** The downloaded template with data rows typed in from row 2 on. */
async function filledTemplate(rows: Cells[], locale: Locale = "zh-CN"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await importTemplate(locale)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  rows.forEach((cells, i) => {
    const excelRow = sheet.getRow(i + 2);
    IMPORT_COLUMNS.forEach((column, c) => {
      const value = cells[column.key];
      if (value !== undefined && value !== "") excelRow.getCell(c + 1).value = value;
    });
    excelRow.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function counts() {
  return {
    people: await db.person.count(),
    imports: await db.auditEvent.count({ where: { action: "person.import" } }),
  };
}

async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe("importTemplate", () => {
  it("has the header row in the chosen language and no data", async () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await importTemplate(locale)) as unknown as ArrayBuffer);
      const headings = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
      expect(headings).toHaveLength(IMPORT_COLUMNS.length);
      expect(workbook.worksheets).toHaveLength(2); // the data sheet and the notes
      // The untouched template is "no rows", not an error about the header.
      expect(await readPeopleWorkbook(await importTemplate(locale))).toEqual({ error: { row: 0, message: "people.import.errors.empty" } });
    }
    const zh = new ExcelJS.Workbook();
    await zh.xlsx.load((await importTemplate("zh-CN")) as unknown as ArrayBuffer);
    expect(zh.worksheets[0].getRow(1).getCell(1).value).toBe("姓名");
  });
});

describe("importPeople", () => {
  it("imports every row of a valid file and audits each person", async () => {
    const before = await counts();
    const number = idCard("330106", "19880412", 31);
    const file = await filledTemplate([
      row("IMP00001", { idCard: number }),
      row("IMP00002", { unitCode: "330100", category: "MONITORING", inEnforcementSystem: "否", education: "", hireDate: "" }),
      row("IMP00003", { unitCode: "330000", category: "领导干部", post: "处长", phone: "" }),
    ]);
    expect(await importPeople(hr, file)).toEqual({ ok: true, imported: 3 });

    const people = await db.person.findMany({ where: { staffNo: { startsWith: "IMP0000" } }, include: { unit: true }, orderBy: { staffNo: "asc" } });
    expect(people.map((p) => [p.staffNo, p.unit.code, p.category, p.inEnforcementSystem, p.education])).toEqual([
      ["IMP00001", "330106", "ENFORCEMENT", true, "BACHELOR"],
      ["IMP00002", "330100", "MONITORING", false, null],
      ["IMP00003", "330000", "LEADERSHIP", true, "BACHELOR"],
    ]);
    expect(people[0].hireDate?.toISOString()).toBe("2019-06-30T16:00:00.000Z");
    expect(people[0].idCardMasked).toBe(`330***********${number.slice(-4)}`);
    expect(people[0].idCardCipher).not.toContain(number);
    expect(await revealIdCard(hr, people[0].id)).toBe(number);

    const after = await counts();
    expect(after.people).toBe(before.people + 3);
    expect(after.imports).toBe(before.imports + 3);
    const events = await db.auditEvent.findMany({ where: { action: "person.import", objectId: { in: people.map((p) => p.id) } } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.actorLabel === "HR330001")).toBe(true);
  });

  it("reads the English template with English labels", async () => {
    const file = await filledTemplate(
      [row("IMPEN001", { category: "Monitoring", inEnforcementSystem: "No", education: "Master" })],
      "en",
    );
    expect(await importPeople(hr, file)).toEqual({ ok: true, imported: 1 });
    expect(await db.person.findUniqueOrThrow({ where: { staffNo: "IMPEN001" } })).toMatchObject({
      category: "MONITORING",
      inEnforcementSystem: false,
      education: "MASTER",
    });
  });

  it("imports nothing when one row is bad, and names the row and column", async () => {
    const before = await counts();
    const good = idCard("330106", "19900101", 1);
    const badChecksum = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    const file = await filledTemplate([row("BAD00001"), row("BAD00002", { idCard: badChecksum }), row("BAD00003")]);
    expect(await importPeople(hr, file)).toEqual({
      ok: false,
      errors: [{ row: 3, column: "idCard", message: "errors.idCardInvalid" }],
    });
    expect(await counts()).toEqual(before);
    expect(await db.person.count({ where: { staffNo: { startsWith: "BAD0000" } } })).toBe(0);
  });

  it("reports every problem of every row, in row order", async () => {
    const file = await filledTemplate([
      row("ROW00002", { category: "警察" }),
      row("ROW00003", { inEnforcementSystem: "也许", education: "小学" }),
      row("ROW00004", { name: "", hireDate: "2019/07/01" }),
      row("R5", { unitCode: "3301" }),
    ]);
    const result = await importPeople(hr, file);
    expect(result.ok).toBe(false);
    expect((result as { errors: unknown[] }).errors).toEqual([
      { row: 2, column: "category", message: "errors.category" },
      { row: 3, column: "education", message: "errors.education" },
      { row: 3, column: "inEnforcementSystem", message: "errors.yesNo" },
      { row: 4, column: "name", message: "errors.nameLength" },
      { row: 4, column: "hireDate", message: "errors.dateFormat" },
      { row: 5, column: "staffNo", message: "errors.staffNoFormat" },
      { row: 5, column: "unitCode", message: "errors.unitCodeFormat" },
    ]);
  });

  it("reports duplicates inside the file with the row they repeat", async () => {
    const before = await counts();
    const shared = idCard("330106", "19910203", 5);
    const file = await filledTemplate([
      row("DUP00001", { idCard: shared }),
      row("DUP00002", { idCard: shared }),
      row("DUP00001"),
    ]);
    expect(await importPeople(hr, file)).toEqual({
      ok: false,
      errors: [
        { row: 3, column: "idCard", message: "people.import.errors.duplicateInFile", params: { other: 2 } },
        { row: 4, column: "staffNo", message: "people.import.errors.duplicateInFile", params: { other: 2 } },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("reports staff numbers and ID numbers already in the registry", async () => {
    const existing = await db.person.findFirstOrThrow({ where: { idCardCipher: { not: null }, unit: { code: { startsWith: "33" } } } });
    const existingNumber = await revealIdCard(hr, existing.id);
    const file = await filledTemplate([row("HR330001"), row("NEWID001", { idCard: existingNumber! })]);
    expect(await importPeople(hr, file)).toEqual({
      ok: false,
      errors: [
        { row: 2, column: "staffNo", message: "people.errors.staffNoTaken" },
        { row: 3, column: "idCard", message: "people.errors.idCardTaken" },
      ],
    });
  });

  it("reports unit codes outside the actor's scope exactly like unknown ones", async () => {
    const before = await counts();
    const file = await filledTemplate([row("SCOPE001", { unitCode: "320100" }), row("SCOPE002", { unitCode: "999999" }), row("SCOPE003")]);
    expect(await importPeople(hr, file)).toEqual({
      ok: false,
      errors: [
        { row: 2, column: "unitCode", message: "people.errors.unitNotInScope" },
        { row: 3, column: "unitCode", message: "people.errors.unitNotInScope" },
      ],
    });
    expect(await counts()).toEqual(before);
    // The same row is fine for someone whose scope includes 江苏.
    expect(await importPeople(admin, await filledTemplate([row("SCOPE001", { unitCode: "320100" })]))).toEqual({ ok: true, imported: 1 });
  });

  it("refuses an ID number Excel has turned into a number", async () => {
    const file = await filledTemplate([row("NUMID001", { idCard: 330106199003071236 })]);
    expect(await importPeople(hr, file)).toEqual({
      ok: false,
      errors: [{ row: 2, column: "idCard", message: "people.import.errors.idCardAsNumber" }],
    });
  });

  it("refuses a file that is not .xlsx", async () => {
    expect(await importPeople(hr, Buffer.from("name,staffNo\n张三,1234\n"))).toEqual({
      ok: false,
      errors: [{ row: 0, message: "people.import.errors.notXlsx" }],
    });
  });

  it("refuses a sheet whose header is not the template's", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("x");
    sheet.addRow(["工号", "姓名"]);
    sheet.addRow(["A1234", "张三"]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await importPeople(hr, file)).toEqual({ ok: false, errors: [{ row: 1, message: "people.import.errors.headerMismatch" }] });
  });
});

describe("exportPeople", () => {
  async function exportedRows(actor: Actor, fullIdCards = false) {
    const buffer = await streamToBuffer(await exportPeople(actor, {}, "zh-CN", fullIdCards));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows: Record<string, string>[] = [];
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      rows.push(Object.fromEntries(PEOPLE_COLUMNS.map((c, i) => [c.key, r.getCell(i + 1).text])));
    });
    return { buffer, header, rows };
  }

  it("exports everyone in scope with masked ID numbers, and audits the export", async () => {
    const { header, rows } = await exportedRows(hr);
    expect(header).toEqual(["姓名", "工号", "单位代码", "单位名称", "人员类别", "岗位", "纳入执法体系", "入职日期", "学历", "手机", "身份证号", "状态"]);

    const zhejiang = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
    const inScope = await db.person.findMany({ where: { unit: { path: { startsWith: zhejiang.path } } }, orderBy: { staffNo: "asc" } });
    expect(rows.map((r) => r.staffNo)).toEqual(inScope.map((p) => p.staffNo));
    expect(rows.map((r) => r.idCard)).toEqual(inScope.map((p) => p.idCardMasked ?? ""));
    expect(rows.every((r) => r.idCard === "" || /^\d{3}\*{11}[\dX]{4}$/.test(r.idCard))).toBe(true);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "person.export", actorLabel: "HR330001" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event.after!)).toMatchObject({ rows: inScope.length, unmaskedIdCards: 0 });
  });

  it("exports full ID numbers only when asked, and counts them in the audit trail", async () => {
    const { rows } = await exportedRows(hr, true);
    const withId = rows.filter((r) => r.idCard);
    expect(withId.length).toBeGreaterThan(0);
    expect(withId.every((r) => /^\d{17}[\dX]$/.test(r.idCard))).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "person.export", actorLabel: "HR330001" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event.after!)).toMatchObject({ unmaskedIdCards: withId.length });
  });

  it("produces a file the importer reads back: same people, found already registered", async () => {
    const { buffer, rows } = await exportedRows(hr, true);
    const read = await readPeopleWorkbook(buffer);
    expect(read).toHaveProperty("rows");
    const readRows = (read as { rows: { cells: Record<string, string> }[] }).rows;
    expect(readRows.map((r) => r.cells.staffNo)).toEqual(rows.map((r) => r.staffNo));
    expect(readRows.map((r) => r.cells.idCard)).toEqual(rows.map((r) => r.idCard));
    // Importing it again changes nothing: every row is already in the registry.
    const before = await counts();
    const result = await importPeople(hr, buffer);
    expect(result.ok).toBe(false);
    const errors = (result as { errors: { row: number; message: string }[] }).errors;
    expect(new Set(errors.filter((e) => e.message === "people.errors.staffNoTaken").map((e) => e.row)).size).toBe(rows.length);
    expect(await counts()).toEqual(before);
  });

  it("an edited export imports again; masked ID numbers are refused, never stored", async () => {
    const { buffer } = await exportedRows(hr);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(buffer as unknown as ArrayBuffer);
    const source = exported.worksheets[0];
    const col = (key: string) => PEOPLE_COLUMNS.findIndex((c) => c.key === key);
    const values = (r: number) => PEOPLE_COLUMNS.map((_, i) => source.getRow(r).getCell(i + 1).text);

    /** The export's header and two of its rows, as someone would edit them in Excel. */
    async function edited(rows: [staffNo: string, idCard: string][]) {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(source.name);
      sheet.addRow(values(1));
      rows.forEach(([staffNo, id], i) => {
        const cells = values(i + 2);
        cells[col("staffNo")] = staffNo;
        cells[col("idCard")] = id;
        sheet.addRow(cells);
      });
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }

    expect(await importPeople(hr, await edited([["EXPORT01", ""], ["EXPORT02", ""]]))).toEqual({ ok: true, imported: 2 });
    expect(await importPeople(hr, await edited([["EXPORT03", "330***********1234"]]))).toEqual({
      ok: false,
      errors: [{ row: 2, column: "idCard", message: "errors.idCardInvalid" }],
    });
  });
});
