import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, type RoleKey } from "./permissions";
import { can, canAnywhere, canGrantRole, covers, roleKeys, scopePaths, type Grant } from "./rules";

// Unit paths as the database materialises them: "/<national>/<province>/<city>/<county>/".
const NATIONAL = "/n/";
const ZHEJIANG = "/n/zj/";
const HANGZHOU = "/n/zj/hz/";
const XIHU = "/n/zj/hz/xh/";
const JIANGSU = "/n/js/";

function actor(...grants: [RoleKey, string][]): { grants: Grant[] } {
  return { grants: grants.map(([roleKey, unitPath], i) => ({ roleKey, unitPath, unitId: `u${i}` })) };
}

describe("covers", () => {
  it("covers the unit itself and every unit below it", () => {
    expect(covers(ZHEJIANG, ZHEJIANG)).toBe(true);
    expect(covers(ZHEJIANG, HANGZHOU)).toBe(true);
    expect(covers(ZHEJIANG, XIHU)).toBe(true);
  });

  it("does not cover parents, siblings or ids that merely share a prefix", () => {
    expect(covers(HANGZHOU, ZHEJIANG)).toBe(false);
    expect(covers(ZHEJIANG, JIANGSU)).toBe(false);
    // "/n/zj/" must not cover "/n/zjx/": the trailing slash separates ids.
    expect(covers(ZHEJIANG, "/n/zjx/")).toBe(false);
  });
});

describe("can", () => {
  it("grants a role's permissions over the granted unit and its subtree only", () => {
    const hr = actor(["hr", ZHEJIANG]);
    expect(can(hr, "person.manage", ZHEJIANG)).toBe(true);
    expect(can(hr, "person.manage", XIHU)).toBe(true);
    expect(can(hr, "person.manage", JIANGSU)).toBe(false);
    expect(can(hr, "person.manage", NATIONAL)).toBe(false);
  });

  it("does not give a role permissions it lacks", () => {
    const hr = actor(["hr", ZHEJIANG]);
    expect(can(hr, "org.manage", HANGZHOU)).toBe(false);
    expect(can(hr, "audit.view", HANGZHOU)).toBe(false);
    const learner = actor(["learner", ZHEJIANG]);
    for (const permission of PERMISSIONS) expect(can(learner, permission, HANGZHOU)).toBe(permission === "syllabus.view");
  });

  it("combines grants: a permission from one grant applies where that grant reaches", () => {
    const a = actor(["programAdmin", NATIONAL], ["hr", ZHEJIANG]);
    expect(can(a, "person.manage", HANGZHOU)).toBe(true);
    expect(can(a, "person.manage", JIANGSU)).toBe(false);
    expect(can(a, "person.view", JIANGSU)).toBe(true);
  });

  it("an actor without grants can do nothing", () => {
    expect(can({ grants: [] }, "org.view", NATIONAL)).toBe(false);
    expect(canAnywhere({ grants: [] }, "org.view")).toBe(false);
  });

  it("a sysadmin at the root holds every permission everywhere", () => {
    const admin = actor(["sysadmin", NATIONAL]);
    for (const permission of PERMISSIONS) expect(can(admin, permission, XIHU)).toBe(true);
  });
});

describe("canAnywhere and roleKeys", () => {
  it("reports permissions held through any grant", () => {
    const a = actor(["learner", XIHU], ["hr", ZHEJIANG]);
    expect(canAnywhere(a, "person.import")).toBe(true);
    expect(canAnywhere(a, "org.manage")).toBe(false);
  });

  it("lists each role once", () => {
    expect(roleKeys(actor(["learner", XIHU], ["hr", ZHEJIANG], ["hr", JIANGSU])).sort()).toEqual(["hr", "learner"]);
  });
});

describe("scopePaths", () => {
  it("returns the units where the permission is held", () => {
    expect(scopePaths(actor(["hr", ZHEJIANG], ["hr", JIANGSU]), "person.view")).toEqual([JIANGSU, ZHEJIANG].sort());
  });

  it("drops paths already covered by a wider grant", () => {
    const a = actor(["hr", XIHU], ["hr", ZHEJIANG], ["hr", HANGZHOU], ["hr", JIANGSU]);
    expect(scopePaths(a, "person.view")).toEqual([JIANGSU, ZHEJIANG].sort());
  });

  it("lists the same unit once when several grants give the permission there", () => {
    const a = actor(["hr", ZHEJIANG], ["programAdmin", ZHEJIANG]);
    expect(scopePaths(a, "person.view")).toEqual([ZHEJIANG]);
  });

  it("ignores grants whose role lacks the permission", () => {
    const a = actor(["learner", NATIONAL], ["hr", ZHEJIANG]);
    expect(scopePaths(a, "person.view")).toEqual([ZHEJIANG]);
    expect(scopePaths(a, "org.manage")).toEqual([]);
  });

  it("keeps sibling paths that only share a text prefix", () => {
    const a = actor(["hr", ZHEJIANG], ["hr", "/n/zjx/"]);
    expect(scopePaths(a, "person.view")).toEqual(["/n/zj/", "/n/zjx/"]);
  });
});

describe("canGrantRole", () => {
  it("lets hr grant the roles whose permissions it already holds, inside its province", () => {
    const hr = actor(["hr", ZHEJIANG]);
    for (const role of ["learner", "reviewer", "hr"] as const) {
      expect(canGrantRole(hr, role, HANGZHOU), role).toBe(true);
    }
  });

  it("stops hr from appointing trainers, whose question-bank permissions it lacks", () => {
    expect(canGrantRole(actor(["hr", ZHEJIANG]), "trainer", HANGZHOU)).toBe(false);
    expect(canGrantRole(actor(["programAdmin", ZHEJIANG]), "trainer", HANGZHOU)).toBe(true);
  });

  it("stops hr from escalating to sysadmin or programAdmin", () => {
    const hr = actor(["hr", ZHEJIANG]);
    expect(canGrantRole(hr, "sysadmin", ZHEJIANG)).toBe(false);
    expect(canGrantRole(hr, "programAdmin", HANGZHOU)).toBe(false);
  });

  it("stops programAdmin from granting hr, which carries person.manage it lacks", () => {
    const pa = actor(["programAdmin", NATIONAL]);
    expect(ROLE_PERMISSIONS.programAdmin).not.toContain("person.manage");
    expect(canGrantRole(pa, "hr", ZHEJIANG)).toBe(false);
    expect(canGrantRole(pa, "programAdmin", ZHEJIANG)).toBe(true);
    expect(canGrantRole(pa, "learner", ZHEJIANG)).toBe(true);
    expect(canGrantRole(pa, "sysadmin", ZHEJIANG)).toBe(false);
  });

  it("lets a national sysadmin grant every role anywhere", () => {
    const admin = actor(["sysadmin", NATIONAL]);
    for (const role of ROLES) {
      expect(canGrantRole(admin, role, NATIONAL), role).toBe(true);
      expect(canGrantRole(admin, role, XIHU), role).toBe(true);
    }
  });

  it("refuses any grant outside the actor's subtree", () => {
    const hr = actor(["hr", ZHEJIANG]);
    expect(canGrantRole(hr, "learner", JIANGSU)).toBe(false);
    expect(canGrantRole(hr, "learner", NATIONAL)).toBe(false);
  });

  it("refuses everything to roles without role.grant", () => {
    for (const role of ["learner", "trainer", "reviewer"] as const) {
      expect(canGrantRole(actor([role, NATIONAL]), "learner", XIHU), role).toBe(false);
    }
  });

  it("checks each permission where the grant applies, not anywhere the actor has it", () => {
    // hr over 浙江 (person.manage) plus programAdmin nationally (role.grant): still no hr in 江苏.
    const a = actor(["hr", ZHEJIANG], ["programAdmin", NATIONAL]);
    expect(canGrantRole(a, "hr", HANGZHOU)).toBe(true);
    expect(canGrantRole(a, "hr", JIANGSU)).toBe(false);
  });
});
