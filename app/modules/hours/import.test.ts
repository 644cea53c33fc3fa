import { describe, expect, it } from "vitest";
import {
  decodeCsv,
  guessMapping,
  mappingErrors,
  mappingFromForm,
  parseCategory,
  parseCsv,
  parseDate,
  parseHours,
  toSheet,
  validateImport,
  type ImportMapping,
  type PersonMatch,
  type Sheet,
} from "./import";

const HEADERS = ["工号", "学时", "日期", "课程名称", "类别", "备注"];
const MAP: ImportMapping = { staffNo: 0, hours: 1, date: 2, title: 3, category: 4, note: 5 };
const PEOPLE = new Map<string, PersonMatch>([
  ["A001", { personId: "pa", inScope: true }],
  ["B001", { personId: "pb", inScope: true }],
  ["OUT1", { personId: "po", inScope: false }],
  ["ME01", { personId: "pm", inScope: true, own: true }],
]);
const TODAY = "2025-06-30";

function sheet(...rows: string[][]): Sheet {
  return { headers: HEADERS, rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })) };
}

describe("CSV", () => {
  it("reads quoted fields, escaped quotes, commas and line breaks inside quotes, CRLF and a BOM", () => {
    const text = '\uFEFF工号,课程名称,学时\r\nA001,"执法程序, 第一讲",2\r\nB001,"他说""好""\n第二行",1.5\r\n';
    expect(parseCsv(text)).toEqual([
      ["工号", "课程名称", "学时"],
      ["A001", "执法程序, 第一讲", "2"],
      ["B001", '他说"好"\n第二行', "1.5"],
    ]);
  });

  it("detects tab and semicolon separated files", () => {
    expect(parseCsv("a\tb\n1\t2")).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsv("a;b\n1;2")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("keeps a last line without a newline and empty fields", () => {
    expect(parseCsv("a,b,c\n1,,3")).toEqual([["a", "b", "c"], ["1", "", "3"]]);
  });

  it("accepts UTF-8 and refuses GBK bytes", () => {
    expect(decodeCsv(Buffer.from("\uFEFF工号,学时", "utf8"))).toEqual({ ok: true, text: "工号,学时" });
    // "工号" in GBK: B9 A4 BA C5
    expect(decodeCsv(Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0x31]))).toEqual({ ok: false, error: "ledger.import.errors.notUtf8" });
  });

  it("turns a table into a sheet with the spreadsheet's row numbers, skipping blank lines", () => {
    const result = toSheet([["工号", "学时"], ["A001", "1"], ["", ""], ["B001", "2"]]);
    expect(result).toEqual({ ok: true, sheet: { headers: ["工号", "学时"], rows: [{ rowNumber: 2, cells: ["A001", "1"] }, { rowNumber: 4, cells: ["B001", "2"] }] } });
    expect(toSheet([["工号"]])).toEqual({ ok: false, error: "ledger.import.errors.empty" });
    expect(toSheet([])).toEqual({ ok: false, error: "ledger.import.errors.empty" });
  });
});

describe("mapping", () => {
  it("guesses columns from common Chinese and English headings", () => {
    expect(guessMapping(HEADERS)).toEqual(MAP);
    expect(guessMapping(["Staff No", "Course Title", "Hours", "Completion Date"])).toEqual({ staffNo: 0, title: 1, hours: 2, date: 3 });
    expect(guessMapping(["学时（小时）", "x"])).toEqual({ hours: 0 });
  });

  it("reads the mapping from form values", () => {
    const form: Record<string, string> = { map_staffNo: "0", map_hours: "3", map_title: "", map_note: "x" };
    expect(mappingFromForm((n) => form[n])).toEqual({ staffNo: 0, hours: 3 });
  });

  it("refuses an unmapped required field, a column used twice and a column that does not exist", () => {
    const errors = mappingErrors({ staffNo: 0, hours: 0, date: 9 }, 6);
    expect(errors).toEqual([
      { row: 0, field: "title", message: "ledger.import.errors.unmapped" },
      { row: 0, field: "hours", message: "ledger.import.errors.columnTwice" },
      { row: 0, field: "date", message: "ledger.import.errors.noSuchColumn" },
    ]);
    expect(validateImport(sheet(["A001", "1", "2025-01-01", "x"]), { staffNo: 0 }, PEOPLE, { today: TODAY }).rows).toEqual([]);
  });
});

describe("cells", () => {
  it("hours: positive quarter hours up to 100", () => {
    expect(parseHours("2.5")).toEqual({ ok: true, hours: 2.5 });
    expect(parseHours("0.25")).toEqual({ ok: true, hours: 0.25 });
    expect(parseHours("3学时")).toEqual({ ok: true, hours: 3 });
    expect(parseHours("100")).toEqual({ ok: true, hours: 100 });
    for (const bad of ["0", "-1", "0.3", "abc", "", "1,5"]) expect(parseHours(bad)).toEqual({ ok: false, error: "ledger.import.errors.hours" });
    expect(parseHours("100.25")).toEqual({ ok: false, error: "ledger.import.errors.hoursTooMany" });
  });

  it("dates in the usual Chinese spreadsheet forms", () => {
    expect(parseDate("2025-03-01")).toBe("2025-03-01");
    expect(parseDate("2025/3/1")).toBe("2025-03-01");
    expect(parseDate("2025.3.1")).toBe("2025-03-01");
    expect(parseDate("2025年3月1日")).toBe("2025-03-01");
    expect(parseDate("20250301")).toBe("2025-03-01");
    expect(parseDate("2025-03-01 14:30")).toBe("2025-03-01");
    for (const bad of ["2025-02-30", "2025-13-01", "03/01/2025", "昨天", ""]) expect(parseDate(bad)).toBeNull();
  });

  it("categories by code or label; empty means the default", () => {
    expect(parseCategory("")).toBeUndefined();
    expect(parseCategory("专业知识和法律法规")).toBe("PROFESSIONAL_LEGAL");
    expect(parseCategory("政治理论")).toBe("POLITICAL_THEORY");
    expect(parseCategory("POLITICAL_THEORY")).toBe("POLITICAL_THEORY");
    expect(parseCategory("Political theory and party spirit")).toBe("POLITICAL_THEORY");
    expect(parseCategory("体育")).toBeNull();
  });
});

describe("whole-file validation", () => {
  it("returns every valid row when nothing is wrong, with the default category", () => {
    const result = validateImport(sheet(["A001", "2", "2025-03-01", "行政处罚", "", "省网院"], ["B001", "1.5", "2025/4/2", "党史", "政治理论", ""]), MAP, PEOPLE, { today: TODAY });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { rowNumber: 2, staffNo: "A001", personId: "pa", hours: 2, date: "2025-03-01", title: "行政处罚", category: "PROFESSIONAL_LEGAL", note: "省网院" },
      { rowNumber: 3, staffNo: "B001", personId: "pb", hours: 1.5, date: "2025-04-02", title: "党史", category: "POLITICAL_THEORY", note: "" },
    ]);
  });

  it("reports every error kind with its row number, and no rows at all", () => {
    const result = validateImport(
      sheet(
        ["A001", "2", "2025-03-01", "行政处罚", "", ""], // 2: fine
        ["", "1", "2025-03-01", "x", "", ""], // 3: staff number missing
        ["Z999", "1", "2025-03-01", "x", "", ""], // 4: unknown
        ["OUT1", "1", "2025-03-01", "x", "", ""], // 5: out of scope
        ["A001", "0.3", "2025-03-01", "x", "", ""], // 6: not a quarter hour
        ["A001", "120", "2025-03-01", "x", "", ""], // 7: over 100
        ["A001", "1", "2025-02-30", "x", "", ""], // 8: bad date
        ["A001", "1", "2025-12-01", "x", "", ""], // 9: future
        ["A001", "1", "2025-03-01", "", "", ""], // 10: no title
        ["A001", "1", "2025-03-01", "x", "体育", ""], // 11: bad category
        ["A001", "2", "2025/3/1", "行政处罚", "", "again"], // 12: duplicate of row 2
        ["ME01", "1", "2025-03-01", "x", "", ""], // 13: own hours
        ["A001", "1", "2025-03-02", "已导入", "", ""], // 14: already in the ledger
      ),
      MAP,
      PEOPLE,
      { today: TODAY, inLedger: new Set(["A001\u00012025-03-02\u0001已导入\u00011\u0001PROFESSIONAL_LEGAL"]) },
    );
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.field ?? null, e.message])).toEqual([
      [3, "staffNo", "ledger.import.errors.staffNoMissing"],
      [4, "staffNo", "ledger.import.errors.unknownStaffNo"],
      [5, "staffNo", "ledger.import.errors.unknownStaffNo"],
      [6, "hours", "ledger.import.errors.hours"],
      [7, "hours", "ledger.import.errors.hoursTooMany"],
      [8, "date", "ledger.import.errors.date"],
      [9, "date", "ledger.import.errors.dateFuture"],
      [10, "title", "ledger.import.errors.titleMissing"],
      [11, "category", "ledger.import.errors.category"],
      [12, null, "ledger.import.errors.duplicate"],
      [13, "staffNo", "ledger.import.errors.ownRow"],
      [14, null, "ledger.import.errors.alreadyImported"],
    ]);
    expect(result.errors.find((e) => e.row === 12)?.params).toEqual({ first: 2 });
    expect(result.errors.find((e) => e.row === 4)?.params).toEqual({ staffNo: "Z999" });
  });

  it("reports several problems of one row together", () => {
    const result = validateImport(sheet(["Z999", "abc", "someday", "", "", ""]), MAP, PEOPLE, { today: TODAY });
    expect(result.errors.map((e) => e.field)).toEqual(["staffNo", "hours", "date", "title"]);
  });

  it("refuses an over-long title", () => {
    const result = validateImport(sheet(["A001", "1", "2025-03-01", "长".repeat(201), "", ""]), MAP, PEOPLE, { today: TODAY });
    expect(result.errors).toEqual([{ row: 2, field: "title", message: "ledger.import.errors.titleLong", params: { max: 200 } }]);
  });
});
