import { describe, expect, it } from "vitest";
import {
  hireDateToUtc,
  idCardCheckChar,
  isValidIdCardNumber,
  maskIdCard,
  movementSchema,
  parsePeopleFilter,
  personFormSchema,
  personInputSchema,
} from "./rules";

// Real-format numbers with correct check characters (ISO 7064 MOD 11-2).
const VALID = "330106199003071236";
const VALID_X = "11010519960229002X"; // born on a leap day, check character X

describe("idCardCheckChar", () => {
  it("computes the ISO 7064 MOD 11-2 check character", () => {
    expect(idCardCheckChar(VALID.slice(0, 17))).toBe("6");
    expect(idCardCheckChar(VALID_X.slice(0, 17))).toBe("X");
  });
});

describe("isValidIdCardNumber", () => {
  it("accepts numbers with a real birth date and the right check character", () => {
    expect(isValidIdCardNumber(VALID)).toBe(true);
    expect(isValidIdCardNumber(VALID_X)).toBe(true);
  });

  it("accepts a lower-case x and surrounding spaces", () => {
    expect(isValidIdCardNumber(" 11010519960229002x ")).toBe(true);
  });

  it("rejects a wrong check character", () => {
    expect(isValidIdCardNumber("330106199003071237")).toBe(false);
    expect(isValidIdCardNumber("110105199602290021")).toBe(false); // should end in X
  });

  it("rejects the wrong length, letters inside, or a leading zero", () => {
    expect(isValidIdCardNumber(VALID.slice(0, 17))).toBe(false);
    expect(isValidIdCardNumber(`${VALID}0`)).toBe(false);
    expect(isValidIdCardNumber("33010619900307X236")).toBe(false);
    const leadingZero = "03010619900307123";
    expect(isValidIdCardNumber(leadingZero + idCardCheckChar(leadingZero))).toBe(false);
  });

  it("rejects birth dates that do not exist, even with a matching check character", () => {
    for (const first17 of [
      "11010519970229001", // 29 February in a common year
      "11010519900431001", // 31 April
      "11010519901301001", // month 13
      "11010519900100001", // day 0
      "11010518991231001", // before 1900
    ]) {
      expect(isValidIdCardNumber(first17 + idCardCheckChar(first17)), first17).toBe(false);
    }
  });

  it("rejects a birth date in the future", () => {
    const first17 = "11010520300101001";
    expect(isValidIdCardNumber(first17 + idCardCheckChar(first17))).toBe(false);
    expect(isValidIdCardNumber(VALID_X, new Date("1996-02-28T00:00:00Z"))).toBe(false);
    expect(isValidIdCardNumber(VALID_X, new Date("1996-03-01T00:00:00Z"))).toBe(true);
  });
});

describe("maskIdCard", () => {
  it("keeps the region prefix and the last four characters only", () => {
    expect(maskIdCard("110105194912310021")).toBe("110***********0021");
    expect(maskIdCard(VALID)).toHaveLength(18);
    expect(maskIdCard(VALID)).not.toContain("19900307");
  });

  it("normalises a lower-case x", () => {
    expect(maskIdCard("11010519960229002x")).toBe("110***********002X");
  });
});

describe("hireDateToUtc", () => {
  it("stores a calendar date as midnight in China", () => {
    expect(hireDateToUtc("2018-07-01")?.toISOString()).toBe("2018-06-30T16:00:00.000Z");
    expect(hireDateToUtc(undefined)).toBeNull();
  });
});

describe("personInputSchema", () => {
  const good = {
    name: "张伟",
    staffNo: "33000123",
    unitCode: "330100",
    category: "ENFORCEMENT",
    post: "执法队员",
    hireDate: "2018-07-01",
    education: "BACHELOR",
    phone: "13800138000",
    idCard: VALID,
  };

  function errors(input: Record<string, unknown>) {
    const result = personInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
  }

  it("accepts a complete row, trimming text and defaulting inEnforcementSystem", () => {
    const result = personInputSchema.parse({ ...good, name: "  张伟 ", staffNo: " 33000123 " });
    expect(result).toMatchObject({ name: "张伟", staffNo: "33000123", inEnforcementSystem: true, idCard: VALID });
  });

  it("treats empty optional fields as absent", () => {
    const result = personInputSchema.parse({ ...good, hireDate: "", phone: "", idCard: "", education: undefined });
    expect(result.hireDate).toBeUndefined();
    expect(result.phone).toBeUndefined();
    expect(result.idCard).toBeUndefined();
    expect(result.education).toBeUndefined();
  });

  it("reports each bad field with its dictionary key", () => {
    expect(
      errors({
        name: "张",
        staffNo: "a b",
        unitCode: "33010",
        category: "POLICE",
        post: " ",
        hireDate: "2018/07/01",
        education: "PHD",
        phone: "call me",
        idCard: "330106199003071237",
      }),
    ).toEqual({
      name: "errors.nameLength",
      staffNo: "errors.staffNoFormat",
      unitCode: "errors.unitCodeFormat",
      category: "errors.category",
      post: "errors.required",
      hireDate: "errors.dateFormat",
      education: "errors.education",
      phone: "errors.phoneFormat",
      idCard: "errors.idCardInvalid",
    });
  });

  it("requires name, staff number, unit code and post", () => {
    expect(errors({ category: "OTHER" })).toEqual({
      name: "errors.required",
      staffNo: "errors.required",
      unitCode: "errors.required",
      post: "errors.required",
    });
  });

  it("limits lengths", () => {
    expect(errors({ ...good, name: "张".repeat(41), post: "岗".repeat(41) })).toEqual({
      name: "errors.nameLength",
      post: "errors.tooLong",
    });
    expect(errors({ ...good, staffNo: "A".repeat(21) })).toEqual({ staffNo: "errors.staffNoFormat" });
  });

  it("rejects hire dates that do not exist instead of rolling them into the next month", () => {
    for (const hireDate of ["2021-02-29", "2020-02-30", "2020-04-31", "2020-13-01", "2020-00-10"]) {
      expect(errors({ ...good, hireDate }), hireDate).toEqual({ hireDate: "errors.dateFormat" });
    }
    expect(personInputSchema.parse({ ...good, hireDate: "2020-02-29" }).hireDate).toBe("2020-02-29");
  });
});

describe("personFormSchema", () => {
  it("reads an unticked checkbox as not in the enforcement system", () => {
    const base = { name: "张伟", staffNo: "33000123", unitCode: "330100", category: "ENFORCEMENT", post: "执法队员" };
    expect(personFormSchema.parse(base).inEnforcementSystem).toBe(false);
    expect(personFormSchema.parse({ ...base, inEnforcementSystem: true }).inEnforcementSystem).toBe(true);
  });
});

describe("movementSchema", () => {
  const good = { toUnitCode: "330200", toStatus: "ACTIVE", reason: "工作调动", effectiveDate: "2025-03-01" };

  it("accepts a transfer or a status change", () => {
    expect(movementSchema.parse(good)).toEqual(good);
    const { toUnitCode: _none, ...statusOnly } = good;
    expect(movementSchema.parse({ ...statusOnly, toStatus: "RETIRED" })).toEqual({ ...statusOnly, toStatus: "RETIRED" });
  });

  it("requires a reason and a real effective date", () => {
    const result = movementSchema.safeParse({ ...good, reason: " ", effectiveDate: "2025-02-30" });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]))).toEqual({
      reason: "errors.reasonRequired",
      effectiveDate: "errors.dateFormat",
    });
  });

  it("refuses unknown statuses", () => {
    expect(movementSchema.safeParse({ ...good, toStatus: "FIRED" }).success).toBe(false);
  });
});

describe("parsePeopleFilter", () => {
  it("keeps valid filters and drops empty or unknown values instead of failing", () => {
    const params = new URLSearchParams({ q: " 张 ", category: "MONITORING", status: "SLEEPING", unitId: "", after: "33000123" });
    expect(parsePeopleFilter(params)).toEqual({ q: "张", category: "MONITORING", after: "33000123" });
  });
});
