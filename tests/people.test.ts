import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import {
  PAGE_SIZE,
  createPerson,
  getPerson,
  headcount,
  recordMovement,
  revealIdCard,
  searchPeople,
  updatePerson,
} from "~/modules/people/people.server";
import { expectNotFound, idCard, personInput } from "./support/helpers";

let admin: Actor;
let hrZhejiang: Actor;
let hrJiangsu: Actor;
let trainer: Actor;
let programAdmin: Actor;
let zhejiangPath: string;

beforeAll(async () => {
  // Enough people for the national list to span several pages.
  await seed({ officers: 150, questionBank: false });
  [admin, hrZhejiang, hrJiangsu, trainer, programAdmin] = await Promise.all(
    ["ADMIN001", "HR330001", "HR320001", "TR330001", "PA100001"].map((staffNo) => cliActor(staffNo)),
  );
  zhejiangPath = (await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } })).path;
});

async function aPersonIn(provinceCode: string) {
  const province = await db.orgUnit.findUniqueOrThrow({ where: { code: provinceCode } });
  return db.person.findFirstOrThrow({ where: { status: "ACTIVE", user: null, unit: { path: { startsWith: province.path } } } });
}

/** Every staff number the actor can list, following nextAfter to the end. */
async function walkAllPages(actor: Actor, filter: Parameters<typeof searchPeople>[1] = {}) {
  const seen: string[] = [];
  const totals = new Set<number>();
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await searchPeople(actor, filter, after);
    pages++;
    totals.add(page.total);
    expect(page.people.length).toBeLessThanOrEqual(PAGE_SIZE);
    seen.push(...page.people.map((p) => p.staffNo));
    if (!page.nextAfter) break;
    expect(page.people).toHaveLength(PAGE_SIZE);
    after = page.nextAfter;
  }
  return { seen, totals: [...totals], pages };
}

describe("scope", () => {
  it("a provincial hr sees only people in units under the province", async () => {
    const { seen, totals } = await walkAllPages(hrZhejiang);
    const people = await db.person.findMany({ where: { staffNo: { in: seen } }, include: { unit: true } });
    expect(seen.length).toBeGreaterThan(0);
    for (const person of people) expect(person.unit.path.startsWith(zhejiangPath), person.unit.name).toBe(true);
    const expected = await db.person.count({ where: { unit: { path: { startsWith: zhejiangPath } } } });
    expect(seen).toHaveLength(expected);
    expect(totals).toEqual([expected]);
    expect(seen).toContain("HR330001");
    expect(seen).not.toContain("HR320001");
  });

  it("opens a person in scope", async () => {
    const person = await aPersonIn("330000");
    const shown = await getPerson(hrZhejiang, person.id);
    expect(shown.staffNo).toBe(person.staffNo);
    expect(shown.canManage).toBe(true);
  });

  it("answers a person of another province exactly like a missing one: 404", async () => {
    const jiangsu = await aPersonIn("320000");
    await expectNotFound(getPerson(hrZhejiang, jiangsu.id));
    await expectNotFound(getPerson(hrZhejiang, "no-such-person"));
    await expectNotFound(revealIdCard(hrZhejiang, jiangsu.id));
  });

  it("gives roles without person permissions nothing", async () => {
    const person = await aPersonIn("330000");
    await expectNotFound(getPerson(trainer, person.id));
    expect((await searchPeople(trainer, {})).total).toBe(0);
    expect(await headcount(trainer)).toEqual({});
  });

  it("refuses a unit filter outside the actor's scope", async () => {
    const jiangsu = await db.orgUnit.findUniqueOrThrow({ where: { code: "320000" } });
    await expectNotFound(searchPeople(hrZhejiang, { unitId: jiangsu.id }));
  });

  it("narrows by unit subtree, name and staff-number prefix", async () => {
    const hangzhou = await db.orgUnit.findUniqueOrThrow({ where: { code: "330100" } });
    const { seen } = await walkAllPages(hrZhejiang, { unitId: hangzhou.id });
    expect(seen).toHaveLength(await db.person.count({ where: { unit: { path: { startsWith: hangzhou.path } } } }));
    expect(seen).toContain("LE330101");

    const byPrefix = await searchPeople(admin, { q: "HR33" });
    expect(byPrefix.people.map((p) => p.staffNo)).toEqual(["HR330001"]);
    const byName = await searchPeople(admin, { q: "晓燕" });
    expect(byName.people.map((p) => p.staffNo)).toContain("HR330001");
  });
});

describe("keyset paging", () => {
  it("walking every page returns each person in scope exactly once, in staff-number order", async () => {
    const { seen, totals, pages } = await walkAllPages(admin);
    const all = await db.person.findMany({ select: { staffNo: true }, orderBy: { staffNo: "asc" } });
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.map((p) => p.staffNo));
    expect(totals).toEqual([all.length]);
  });

  it("pages a filtered list the same way", async () => {
    const { seen, totals } = await walkAllPages(admin, { category: "ENFORCEMENT" });
    expect(seen.length).toBeGreaterThan(PAGE_SIZE);
    expect(seen).toHaveLength(totals[0]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("reports no next page when exactly one full page remains", async () => {
    const all = (await db.person.findMany({ select: { staffNo: true }, orderBy: { staffNo: "asc" } })).map((p) => p.staffNo);
    const after = all[all.length - PAGE_SIZE - 1];
    const page = await searchPeople(admin, {}, after);
    expect(page.people.map((p) => p.staffNo)).toEqual(all.slice(-PAGE_SIZE));
    expect(page.nextAfter).toBeNull();
  });
});

describe("createPerson", () => {
  it("creates a person in scope and audits it without the ID number", async () => {
    const number = idCard("330106", "19900307", 123);
    const result = await createPerson(hrZhejiang, personInput({ staffNo: "ZJNEW001", idCard: number }));
    expect(result.ok).toBe(true);
    const id = (result as { id: string }).id;
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "person.create", objectId: id } });
    expect(event.actorLabel).toBe("HR330001");
    expect(event.after).not.toContain(number);
    expect(event.after).not.toContain("idCardCipher");
  });

  it("refuses a unit in another province as if it did not exist", async () => {
    expect(await createPerson(hrZhejiang, personInput({ staffNo: "ZJNEW002", unitCode: "320100" }))).toEqual({
      ok: false,
      errors: { unitCode: "people.errors.unitNotInScope" },
    });
    expect(await createPerson(hrZhejiang, personInput({ staffNo: "ZJNEW002", unitCode: "999999" }))).toEqual({
      ok: false,
      errors: { unitCode: "people.errors.unitNotInScope" },
    });
    expect(await db.person.count({ where: { staffNo: "ZJNEW002" } })).toBe(0);
  });

  it("refuses people management to a programAdmin, who may only view", async () => {
    expect(await createPerson(programAdmin, personInput({ staffNo: "PANEW001" }))).toEqual({
      ok: false,
      errors: { unitCode: "people.errors.unitNotInScope" },
    });
  });

  it("reports a staff number that is already taken", async () => {
    const events = await db.auditEvent.count();
    expect(await createPerson(hrZhejiang, personInput({ staffNo: "HR330001" }))).toEqual({
      ok: false,
      errors: { staffNo: "people.errors.staffNoTaken" },
    });
    expect(await db.auditEvent.count()).toBe(events);
  });

  it("reports an ID number already registered to someone else", async () => {
    const number = idCard("330106", "19850101", 44);
    expect((await createPerson(hrZhejiang, personInput({ staffNo: "ZJDUP001", idCard: number }))).ok).toBe(true);
    // Same number typed with a lower-case x or spaces is still the same number.
    expect(await createPerson(hrZhejiang, personInput({ staffNo: "ZJDUP002", idCard: ` ${number.toLowerCase()} ` }))).toEqual({
      ok: false,
      errors: { idCard: "people.errors.idCardTaken" },
    });
  });

  it("refuses a deactivated unit", async () => {
    const county = await db.orgUnit.findUniqueOrThrow({ where: { code: "330127" } });
    await write((tx) => tx.orgUnit.update({ where: { id: county.id }, data: { active: false } }));
    try {
      expect(await createPerson(hrZhejiang, personInput({ staffNo: "ZJNEW003", unitCode: "330127" }))).toEqual({
        ok: false,
        errors: { unitCode: "people.errors.unitInactive" },
      });
    } finally {
      await write((tx) => tx.orgUnit.update({ where: { id: county.id }, data: { active: true } }));
    }
  });
});

describe("ID numbers", () => {
  const number = idCard("330106", "19920815", 77);
  let personId: string;

  beforeAll(async () => {
    const result = await createPerson(hrZhejiang, personInput({ staffNo: "ZJID0001", idCard: number }));
    personId = (result as { id: string }).id;
  });

  it("are stored encrypted, with a masked copy for lists", async () => {
    const row = await db.person.findUniqueOrThrow({ where: { id: personId } });
    expect(row.idCardCipher).toBeTruthy();
    expect(row.idCardCipher).not.toContain(number);
    expect(row.idCardCipher).toMatch(/^v1:/);
    expect(row.idCardHash).not.toContain(number);
    expect(row.idCardMasked).toBe(`330***********${number.slice(-4)}`);
  });

  it("are never part of a person's page or list", async () => {
    const shown = await getPerson(hrZhejiang, personId);
    expect(shown).not.toHaveProperty("idCardCipher");
    expect(shown).not.toHaveProperty("idCardHash");
    expect(JSON.stringify(shown)).not.toContain(number);
    expect(shown.canViewIdCard).toBe(true);
    const list = await searchPeople(hrZhejiang, { q: "ZJID0001" });
    expect(JSON.stringify(list)).not.toContain(number);
  });

  it("are revealed in full to someone allowed, and every view is audited", async () => {
    const before = await db.auditEvent.count({ where: { action: "person.viewIdCard", objectId: personId } });
    expect(await revealIdCard(hrZhejiang, personId)).toBe(number);
    expect(await revealIdCard(admin, personId)).toBe(number);
    const events = await db.auditEvent.findMany({ where: { action: "person.viewIdCard", objectId: personId }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(before + 2);
    expect(events.slice(-2).map((e) => e.actorLabel)).toEqual(["HR330001", "ADMIN001"]);
  });

  it("are not revealed to a programAdmin, who may view people but not ID numbers", async () => {
    const shown = await getPerson(programAdmin, personId);
    expect(shown.canViewIdCard).toBe(false);
    await expectNotFound(revealIdCard(programAdmin, personId));
  });

  it("stay unchanged when an edit leaves the ID field empty", async () => {
    const before = await db.person.findUniqueOrThrow({ where: { id: personId } });
    const { unitCode: _unused, ...rest } = personInput({ staffNo: "ZJID0001", name: "改名后" });
    expect(await updatePerson(hrZhejiang, personId, { ...rest, idCard: undefined })).toEqual({ ok: true, id: personId });
    const after = await db.person.findUniqueOrThrow({ where: { id: personId } });
    expect(after.name).toBe("改名后");
    expect(after.idCardHash).toBe(before.idCardHash);
    expect(await revealIdCard(hrZhejiang, personId)).toBe(number);
  });
});

describe("recordMovement", () => {
  it("transfers a person: moves them, writes a movement and an audit event", async () => {
    const person = await aPersonIn("330000");
    const ningbo = await db.orgUnit.findUniqueOrThrow({ where: { code: "330200" } });
    const target = person.unitId === ningbo.id ? "330300" : "330200";
    const result = await recordMovement(hrZhejiang, person.id, { toUnitCode: target, toStatus: "ACTIVE", reason: "工作调动", effectiveDate: "2025-03-01" });
    expect(result).toEqual({ ok: true, id: person.id });

    const moved = await db.person.findUniqueOrThrow({ where: { id: person.id }, include: { unit: true } });
    expect(moved.unit.code).toBe(target);
    const movements = await db.personMovement.findMany({ where: { personId: person.id } });
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({ fromUnitId: person.unitId, toUnitId: moved.unitId, fromStatus: "ACTIVE", toStatus: "ACTIVE", reason: "工作调动" });
    expect(movements[0].effectiveDate.toISOString()).toBe("2025-02-28T16:00:00.000Z");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "person.transfer", objectId: person.id } });
    expect(JSON.parse(event.after!)).toMatchObject({ unitId: moved.unitId, movementId: movements[0].id });

    const shown = await getPerson(hrZhejiang, person.id);
    expect(shown.movements[0].toUnitName).toBe(moved.unit.name);
  });

  it("records a status change without a transfer", async () => {
    const person = await aPersonIn("330000");
    expect((await recordMovement(hrZhejiang, person.id, { toStatus: "RETIRED", reason: "退休", effectiveDate: "2025-01-01" })).ok).toBe(true);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("RETIRED");
    expect(await db.auditEvent.count({ where: { action: "person.status", objectId: person.id } })).toBe(1);
  });

  it("refuses a transfer into another province, leaving the person where they were", async () => {
    const person = await aPersonIn("330000");
    const movements = await db.personMovement.count({ where: { personId: person.id } });
    expect(await recordMovement(hrZhejiang, person.id, { toUnitCode: "320100", toStatus: "ACTIVE", reason: "x", effectiveDate: "2025-01-01" })).toEqual({
      ok: false,
      errors: { toUnitCode: "people.errors.unitNotInScope" },
    });
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).unitId).toBe(person.unitId);
    expect(await db.personMovement.count({ where: { personId: person.id } })).toBe(movements);
  });

  it("refuses a change that changes nothing", async () => {
    const person = await aPersonIn("330000");
    expect(await recordMovement(hrZhejiang, person.id, { toStatus: "ACTIVE", reason: "x", effectiveDate: "2025-01-01" })).toEqual({
      ok: false,
      errors: { toStatus: "people.errors.noChange" },
    });
  });

  it("cannot touch someone in another province", async () => {
    const jiangsu = await aPersonIn("320000");
    await expectNotFound(recordMovement(hrZhejiang, jiangsu.id, { toUnitCode: "330100", toStatus: "ACTIVE", reason: "x", effectiveDate: "2025-01-01" }));
    expect((await recordMovement(hrJiangsu, jiangsu.id, { toStatus: "LEFT", reason: "辞职", effectiveDate: "2025-01-01" })).ok).toBe(true);
  });
});

describe("headcount", () => {
  it("counts active people in scope by category", async () => {
    const counts = await headcount(hrZhejiang);
    const total = Object.values(counts).reduce((s, n) => s + (n ?? 0), 0);
    expect(total).toBe(await db.person.count({ where: { status: "ACTIVE", unit: { path: { startsWith: zhejiangPath } } } }));
  });
});
