import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { createUnit, getUnit, listUnits, moveUnit, renameUnit, setUnitActive } from "~/modules/org/org.server";
import { searchPeople } from "~/modules/people/people.server";
import { expectNotFound } from "./support/helpers";

let programAdmin: Actor;
let hrZhejiang: Actor;
let hrJiangsu: Actor;

beforeAll(async () => {
  await seed({ officers: 80, questionBank: false });
  [programAdmin, hrZhejiang, hrJiangsu] = await Promise.all(["PA100001", "HR330001", "HR320001"].map((s) => cliActor(s)));
});

const unit = (code: string) => db.orgUnit.findUniqueOrThrow({ where: { code } });

/** Every staff number the actor can list under a unit, across all pages. */
async function staffUnder(actor: Actor, unitId: string): Promise<string[]> {
  const all: string[] = [];
  let after: string | undefined;
  do {
    const page = await searchPeople(actor, { unitId }, after);
    all.push(...page.people.map((p) => p.staffNo));
    after = page.nextAfter ?? undefined;
  } while (after);
  return all;
}

describe("listUnits", () => {
  it("lists the actor's subtree in tree order with active head counts", async () => {
    const units = await listUnits(hrZhejiang);
    const zhejiang = await unit("330000");
    expect(units[0].code).toBe("330000");
    expect(units.every((u) => u.path.startsWith(zhejiang.path))).toBe(true);
    // Depth-first: every unit comes after its parent, and a city's counties follow it directly.
    const index = new Map(units.map((u, i) => [u.id, i]));
    for (const u of units.slice(1)) expect(index.get(u.parentId!)!).toBeLessThan(index.get(u.id)!);
    const hangzhou = units.findIndex((u) => u.code === "330100");
    expect(units.slice(hangzhou + 1, hangzhou + 5).map((u) => u.level)).toEqual(["COUNTY", "COUNTY", "COUNTY", "COUNTY"]);

    const counted = units.reduce((s, u) => s + u.peopleCount, 0);
    expect(counted).toBe(await db.person.count({ where: { status: "ACTIVE", unit: { path: { startsWith: zhejiang.path } } } }));
  });
});

describe("createUnit", () => {
  it("creates a county under a city, with its path, depth and an audit event", async () => {
    const hangzhou = await unit("330100");
    const result = await createUnit(programAdmin, { parentId: hangzhou.id, code: "330110", name: "余杭区" });
    expect(result.ok).toBe(true);
    const created = await unit("330110");
    expect(created).toMatchObject({ level: "COUNTY", parentId: hangzhou.id, depth: hangzhou.depth + 1, path: `${hangzhou.path}${created.id}/`, active: true });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "org.create", objectId: created.id } });
    expect(event.actorLabel).toBe("PA100001");
  });

  it("refuses a unit under a county", async () => {
    const county = await unit("330106");
    expect(await createUnit(programAdmin, { parentId: county.id, code: "330199", name: "某街道" })).toEqual({
      ok: false,
      error: "org.errors.noChildLevel",
      field: "parentId",
    });
    expect(await db.orgUnit.count({ where: { code: "330199" } })).toBe(0);
  });

  it("refuses a code already in use, and writes no audit event", async () => {
    const hangzhou = await unit("330100");
    const events = await db.auditEvent.count();
    expect(await createUnit(programAdmin, { parentId: hangzhou.id, code: "330106", name: "重复区" })).toEqual({
      ok: false,
      error: "org.errors.codeTaken",
      field: "code",
    });
    expect(await db.auditEvent.count()).toBe(events);
  });

  it("is refused to hr, who may view units but not manage them", async () => {
    const hangzhou = await unit("330100");
    await expectNotFound(createUnit(hrZhejiang, { parentId: hangzhou.id, code: "330111", name: "临平区" }));
    expect((await getUnit(hrZhejiang, hangzhou.id)).code).toBe("330100");
  });
});

describe("scope", () => {
  it("answers a unit outside the actor's scope with 404", async () => {
    const jiangsu = await unit("320000");
    await expectNotFound(getUnit(hrZhejiang, jiangsu.id));
    await expectNotFound(getUnit(hrZhejiang, "no-such-unit"));
    expect(await listUnits(await cliActor("LE330101"))).toEqual([]);
  });

  it("a provincial unit manager cannot move a unit out of the province", async () => {
    const manager = { ...programAdmin, grants: [{ roleKey: "programAdmin" as const, unitId: "zj", unitPath: (await unit("330000")).path }] };
    const hangzhou = await unit("330100");
    await expectNotFound(moveUnit(manager, hangzhou.id, (await unit("320000")).id));
    await expectNotFound(renameUnit(manager, (await unit("320100")).id, "改名"));
    expect((await unit("330100")).path).toBe(hangzhou.path);
  });
});

describe("moveUnit", () => {
  it("refuses moving a unit under its own subtree or under the wrong level", async () => {
    const zhejiang = await unit("330000");
    const hangzhou = await unit("330100");
    const ningbo = await unit("330200");
    expect(await moveUnit(programAdmin, zhejiang.id, hangzhou.id)).toMatchObject({ ok: false, error: "org.errors.moveIntoSelf" });
    expect(await moveUnit(programAdmin, hangzhou.id, ningbo.id)).toMatchObject({ ok: false, error: "org.errors.levelMismatch" });
  });

  it("rewrites the paths of the whole subtree, and people follow their units", async () => {
    const hangzhou = await unit("330100");
    const zhejiang = await unit("330000");
    const jiangsu = await unit("320000");
    const subtree = await db.orgUnit.findMany({ where: { path: { startsWith: hangzhou.path } } });
    const people = (await staffUnder(programAdmin, hangzhou.id)).sort();
    expect(subtree.length).toBeGreaterThan(1);
    expect(people.length).toBeGreaterThan(0);
    expect(await staffUnder(hrZhejiang, zhejiang.id)).toEqual(expect.arrayContaining(people));

    expect(await moveUnit(programAdmin, hangzhou.id, jiangsu.id)).toEqual({ ok: true, id: hangzhou.id });

    const moved = await db.orgUnit.findMany({ where: { id: { in: subtree.map((u) => u.id) } } });
    const newRoot = `${jiangsu.path}${hangzhou.id}/`;
    for (const u of moved) {
      const before = subtree.find((b) => b.id === u.id)!;
      expect(u.path).toBe(newRoot + before.path.slice(hangzhou.path.length));
      expect(u.depth).toBe(before.depth);
    }
    expect((await unit("330100")).parentId).toBe(jiangsu.id);
    expect(await db.orgUnit.count({ where: { path: { startsWith: hangzhou.path } } })).toBe(0);

    // Subtree searches find the same people at the new place; scopes follow the tree.
    expect((await staffUnder(programAdmin, hangzhou.id)).sort()).toEqual(people);
    expect(await staffUnder(programAdmin, jiangsu.id)).toEqual(expect.arrayContaining(people));
    expect(await staffUnder(hrJiangsu, jiangsu.id)).toEqual(expect.arrayContaining(people));
    const zhejiangNow = await staffUnder(hrZhejiang, zhejiang.id);
    expect(people.filter((p) => zhejiangNow.includes(p))).toEqual([]);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "org.move", objectId: hangzhou.id } });
    expect(JSON.parse(event.after!)).toEqual({ parentId: jiangsu.id, units: subtree.length });

    // And back again.
    expect((await moveUnit(programAdmin, hangzhou.id, zhejiang.id)).ok).toBe(true);
    const restored = await db.orgUnit.findMany({ where: { id: { in: subtree.map((u) => u.id) } } });
    expect(restored.map((u) => [u.id, u.path]).sort()).toEqual(subtree.map((u) => [u.id, u.path]).sort());
  });
});

describe("setUnitActive", () => {
  it("refuses to deactivate a unit while active people remain in it or below it", async () => {
    const hangzhou = await unit("330100");
    expect(await setUnitActive(programAdmin, hangzhou.id, false)).toEqual({ ok: false, error: "org.errors.hasPeople" });
    expect((await unit("330100")).active).toBe(true);
  });

  it("refuses to deactivate a unit with active child units", async () => {
    // A new city with an empty county below it: no people, but a child.
    const zhejiang = await unit("330000");
    expect((await createUnit(programAdmin, { parentId: zhejiang.id, code: "330900", name: "舟山市" })).ok).toBe(true);
    const zhoushan = await unit("330900");
    expect((await createUnit(programAdmin, { parentId: zhoushan.id, code: "330902", name: "定海区" })).ok).toBe(true);
    expect(await setUnitActive(programAdmin, zhoushan.id, false)).toEqual({ ok: false, error: "org.errors.hasChildren" });
  });

  it("deactivates an empty unit, which then takes no new children and no reactivated children", async () => {
    const zhoushan = await unit("330900");
    const dinghai = await unit("330902");
    expect(await setUnitActive(programAdmin, dinghai.id, false)).toEqual({ ok: true, id: dinghai.id });
    expect(await setUnitActive(programAdmin, zhoushan.id, false)).toEqual({ ok: true, id: zhoushan.id });
    expect(await unit("330900")).toMatchObject({ active: false, deactivatedAt: expect.any(Date) });

    expect(await createUnit(programAdmin, { parentId: zhoushan.id, code: "330903", name: "普陀区" })).toMatchObject({
      ok: false,
      error: "org.errors.parentInactive",
    });
    expect(await setUnitActive(programAdmin, dinghai.id, true)).toEqual({ ok: false, error: "org.errors.parentInactive" });
    expect(await setUnitActive(programAdmin, zhoushan.id, true)).toEqual({ ok: true, id: zhoushan.id });
    expect(await unit("330900")).toMatchObject({ active: true, deactivatedAt: null });

    const actions = await db.auditEvent.findMany({ where: { objectId: zhoushan.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["org.create", "org.deactivate", "org.reactivate"]);
  });

  it("counts only active people: a unit whose people all left can be closed", async () => {
    const dinghai = await unit("330902");
    await write((tx) =>
      tx.person.create({ data: { staffNo: "LEFT0001", name: "已离职", unitId: dinghai.id, category: "OTHER", post: "科员", status: "LEFT" } }),
    );
    expect((await unit("330902")).active).toBe(false);
    expect(await setUnitActive(programAdmin, dinghai.id, true)).toEqual({ ok: true, id: dinghai.id });
    expect(await setUnitActive(programAdmin, dinghai.id, false)).toEqual({ ok: true, id: dinghai.id });
  });
});

describe("renameUnit", () => {
  it("renames and audits the old and new name", async () => {
    const hangzhou = await unit("330100");
    expect(await renameUnit(programAdmin, hangzhou.id, "杭州市（新）")).toEqual({ ok: true, id: hangzhou.id });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "org.rename", objectId: hangzhou.id } });
    expect(JSON.parse(event.before!)).toEqual({ name: "杭州市" });
    expect(JSON.parse(event.after!)).toEqual({ name: "杭州市（新）" });
  });
});
