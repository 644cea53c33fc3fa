import { describe, expect, it } from "vitest";
import { insertOrder, mapHeadings, parseImportDate, parseStatus, validateImport, type ImportContext } from "./import";

const HEADERS = ["工号", "证件类型代码", "证件编号", "发证日期", "有效期至", "状态", "外部证书编号"];
const columns = (() => {
  const m = mapHeadings(HEADERS);
  if (!m.ok) throw new Error("headings");
  return m.columns;
})();

function ctx(overrides: Partial<ImportContext> = {}): ImportContext {
  return {
    people: new Map([
      ["A1", { personId: "pa", inScope: true }],
      ["B1", { personId: "pb", inScope: true }],
      ...["C1", "D1", "E1", "F1", "G1", "H1"].map((n) => [n, { personId: `p${n}`, inScope: true }] as const),
      ["JS1", { personId: "pj", inScope: false }],
    ]),
    types: new Map([
      ["ENFORCEMENT", { id: "tE", code: "ENFORCEMENT", kind: "ISSUED", validityMonths: 60 }],
      ["LEGAL_PROFESSIONAL", { id: "tL", code: "LEGAL_PROFESSIONAL", kind: "EXTERNAL", validityMonths: null }],
    ]),
    numbersTaken: new Set(["ZF330000001"]),
    liveTaken: new Set(),
    today: "2026-11-28",
    ...overrides,
  };
}

const rows = (...cells: string[][]) => cells.map((c, i) => ({ row: i + 2, cells: c }));

describe("headings", () => {
  it("maps Chinese and English headings in any order", () => {
    const m = mapHeadings(["Valid until", "Staff No.", "Type code", "Issued", "Credential number"]);
    expect(m).toEqual({ ok: true, columns: { validUntil: 0, staffNo: 1, typeCode: 2, issuedAt: 3, number: 4 } });
    expect(mapHeadings(["工号（必填）", "证件类型", "发证日期"])).toMatchObject({ ok: true, columns: { staffNo: 0, typeCode: 1, issuedAt: 2 } });
  });
  it("reports missing and repeated headings on row 1", () => {
    const m = mapHeadings(["工号", "工号", "发证日期"]);
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.errors).toContainEqual({ row: 1, column: "staffNo", message: "credentialViews.import.errors.headingTwice" });
      expect(m.errors).toContainEqual({ row: 1, column: "typeCode", message: "credentialViews.import.errors.headingMissing" });
    }
  });
});

describe("dates and statuses", () => {
  it("reads common date forms and refuses impossible days", () => {
    expect(parseImportDate("2024-03-01")).toBe("2024-03-01");
    expect(parseImportDate("2024/3/1")).toBe("2024-03-01");
    expect(parseImportDate("2024.03.01")).toBe("2024-03-01");
    expect(parseImportDate("2024年3月1日")).toBe("2024-03-01");
    expect(parseImportDate("45352")).toBe("2024-03-01"); // Excel serial
    expect(parseImportDate("2024-02-29")).toBe("2024-02-29");
    expect(parseImportDate("2023-02-29")).toBeNull();
    expect(parseImportDate("2024-13-01")).toBeNull();
    expect(parseImportDate("01/03/2024")).toBeNull();
  });
  it("reads statuses", () => {
    expect(parseStatus("")).toBe("ACTIVE");
    expect(parseStatus("revoked")).toBe("REVOKED");
    expect(parseStatus("暂扣")).toBe("SUSPENDED");
    expect(parseStatus("EXPIRED")).toBeUndefined();
  });
});

describe("whole-file validation", () => {
  it("accepts a clean file", () => {
    const result = validateImport(
      rows(
        ["A1", "enforcement", "ZF332400001", "2024-03-01", "2029-02-28", "", ""],
        ["A1", "LEGAL_PROFESSIONAL", "", "2019-09-20", "", "ACTIVE", "A2019330100123"],
        ["B1", "ENFORCEMENT", "ZF331900007", "2019-01-01", "2023-12-31", "REVOKED", ""],
        ["B1", "ENFORCEMENT", "ZF332400002", "2024-01-01", "2029-01-01", "ACTIVE", ""],
      ),
      columns,
      ctx(),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(4);
    expect(result.rows[0]).toMatchObject({ personId: "pa", typeId: "tE", typeCode: "ENFORCEMENT", status: "ACTIVE", issuedAt: "2024-03-01", validUntil: "2029-02-28" });
    // Revoked rows go in before live ones (the one-live trigger).
    expect(insertOrder(result.rows).map((r) => r.row)).toEqual([4, 2, 3, 5]);
  });

  it("lists every error with its row and column", () => {
    const result = validateImport(
      rows(
        ["ZZ9", "ENFORCEMENT", "Z", "2024-03-01", "2029-03-01", "", ""], // 2: unknown staff; number too short
        ["JS1", "ENFORCEMENT", "ZF332400009", "2024-03-01", "2029-03-01", "", ""], // 3: out of scope
        ["A1", "PILOT", "X-1", "2024-03-01", "", "", ""], // 4: unknown type
        ["A1", "ENFORCEMENT", "ZF330000001", "2024-03-01", "2029-03-01", "", ""], // 5: number in DB
        ["B1", "ENFORCEMENT", "ZF332400010", "2024-13-01", "2029-03-01", "", ""], // 6: bad date
        ["C1", "ENFORCEMENT", "ZF332400011", "2024-03-01", "2024-02-01", "", ""], // 7: until before issued
        ["D1", "ENFORCEMENT", "ZF332400011", "2030-01-01", "2035-01-01", "LOST", ""], // 8: duplicate number, future, bad status
        ["E1", "ENFORCEMENT", "", "2024-03-01", "", "", ""], // 9: number + validUntil required
        ["F1", "LEGAL_PROFESSIONAL", "", "2020-01-01", "", "", ""], // 10: external number required
      ),
      columns,
      ctx(),
    );
    const at = (row: number) => result.errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message.split(".").pop()}`);
    expect(at(2)).toEqual(["staffNo:staffNotFound", "number:numberFormat"]);
    expect(at(3)).toEqual(["staffNo:staffNotFound"]);
    expect(at(4)).toEqual(["typeCode:typeNotFound"]);
    expect(at(5)).toEqual(["number:numberTaken"]);
    expect(at(6)).toEqual(["issuedAt:date"]);
    expect(at(7)).toEqual(["validUntil:validUntilBeforeIssued"]);
    expect(at(8)).toEqual(["status:status", "number:numberTwice", "issuedAt:issuedInFuture"]);
    expect(at(9)).toEqual(["number:numberRequired", "validUntil:validUntilRequired"]);
    expect(at(10)).toEqual(["externalNumber:externalRequired"]);
    expect(result.errors.find((e) => e.row === 8 && e.column === "number")?.params).toEqual({ number: "ZF332400011", first: 7 });
    // Unknown and out-of-scope staff numbers read the same.
    expect(result.errors.find((e) => e.row === 3)?.message).toBe(result.errors.find((e) => e.row === 2)?.message);
  });

  it("refuses a second live credential of a type, in the file or beside one in the database", () => {
    const twice = validateImport(
      rows(["A1", "ENFORCEMENT", "ZF332400001", "2024-03-01", "2029-03-01", "", ""], ["A1", "ENFORCEMENT", "ZF332400002", "2024-03-01", "2029-03-01", "SUSPENDED", ""]),
      columns,
      ctx(),
    );
    expect(twice.errors).toEqual([
      { row: 3, column: "staffNo", message: "credentialViews.import.errors.liveTwice", params: { staffNo: "A1", code: "ENFORCEMENT", first: 2 } },
    ]);
    const inDb = validateImport(rows(["A1", "ENFORCEMENT", "ZF332400001", "2019-03-01", "2024-03-01", "REVOKED", ""]), columns, ctx({ liveTaken: new Set(["pa:tE"]) }));
    expect(inDb.errors.map((e) => e.message)).toEqual(["credentialViews.import.errors.alreadyLive"]);
  });
});
