import { describe, expect, it } from "vitest";
import { childLevel, childPath, createUnitSchema, moveProblem, rebasePath, type UnitRef } from "./rules";

describe("childLevel", () => {
  it("steps one level down the hierarchy", () => {
    expect(childLevel("NATIONAL")).toBe("PROVINCE");
    expect(childLevel("PROVINCE")).toBe("CITY");
    expect(childLevel("CITY")).toBe("COUNTY");
  });

  it("gives counties no child level", () => {
    expect(childLevel("COUNTY")).toBeNull();
  });
});

describe("childPath", () => {
  it("appends the child id to the parent path", () => {
    expect(childPath("/n/zj/", "hz")).toBe("/n/zj/hz/");
  });
});

describe("moveProblem", () => {
  const zhejiang: UnitRef = { id: "zj", path: "/n/zj/", level: "PROVINCE" };
  const jiangsu: UnitRef = { id: "js", path: "/n/js/", level: "PROVINCE" };
  const hangzhou: UnitRef = { id: "hz", path: "/n/zj/hz/", level: "CITY" };
  const ningbo: UnitRef = { id: "nb", path: "/n/zj/nb/", level: "CITY" };
  const xihu: UnitRef = { id: "xh", path: "/n/zj/hz/xh/", level: "COUNTY" };

  it("allows moving a unit under a parent one level up", () => {
    expect(moveProblem(hangzhou, jiangsu)).toBeNull();
    expect(moveProblem(xihu, ningbo)).toBeNull();
  });

  it("refuses moving a unit under itself or its own subtree", () => {
    expect(moveProblem(hangzhou, hangzhou)).toBe("org.errors.moveIntoSelf");
    expect(moveProblem(zhejiang, hangzhou)).toBe("org.errors.moveIntoSelf");
    expect(moveProblem(zhejiang, xihu)).toBe("org.errors.moveIntoSelf");
  });

  it("refuses a parent of the wrong level", () => {
    expect(moveProblem(xihu, jiangsu)).toBe("org.errors.levelMismatch"); // county directly under a province
    expect(moveProblem(hangzhou, ningbo)).toBe("org.errors.levelMismatch"); // city under a city
    expect(moveProblem(hangzhou, { id: "n", path: "/n/", level: "NATIONAL" })).toBe("org.errors.levelMismatch");
  });

  it("does not mistake a sibling whose id shares a prefix for the subtree", () => {
    const hzx: UnitRef = { id: "hzx", path: "/n/zj/hzx/", level: "CITY" };
    expect(moveProblem({ id: "c", path: "/n/zj/hz/c/", level: "COUNTY" }, hzx)).toBeNull();
  });
});

describe("rebasePath", () => {
  it("replaces the moved ancestor's path prefix and keeps the rest", () => {
    expect(rebasePath("/n/zj/hz/", "/n/zj/hz/", "/n/js/hz/")).toBe("/n/js/hz/");
    expect(rebasePath("/n/zj/hz/xh/", "/n/zj/hz/", "/n/js/hz/")).toBe("/n/js/hz/xh/");
  });

  it("refuses a path outside the moved subtree", () => {
    expect(() => rebasePath("/n/zj/nb/", "/n/zj/hz/", "/n/js/hz/")).toThrow();
  });
});

describe("createUnitSchema", () => {
  it("accepts a six-digit code and a trimmed name", () => {
    expect(createUnitSchema.parse({ parentId: "p", code: " 330110 ", name: " 余杭区 " })).toEqual({
      parentId: "p",
      code: "330110",
      name: "余杭区",
    });
  });

  it("reports malformed codes and names", () => {
    const result = createUnitSchema.safeParse({ parentId: "p", code: "33011", name: "区" });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]))).toEqual({
      code: "errors.unitCodeFormat",
      name: "errors.unitNameLength",
    });
  });
});
