import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { auditMany } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { AUDIT_PAGE_SIZE, searchAudit } from "~/modules/audit/audit.server";
import { createPerson } from "~/modules/people/people.server";
import { personInput } from "./support/helpers";

let admin: Actor;
let programAdmin: Actor;
let hrZhejiang: Actor;
let zhejiangAuditor: Actor;

beforeAll(async () => {
  await seed({ officers: 20, questionBank: false });
  [admin, programAdmin, hrZhejiang] = await Promise.all(["ADMIN001", "PA100001", "HR330001"].map((s) => cliActor(s)));
  const zhejiang = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
  zhejiangAuditor = { ...programAdmin, grants: [{ roleKey: "programAdmin", unitId: zhejiang.id, unitPath: zhejiang.path }] };

  expect((await createPerson(hrZhejiang, personInput({ staffNo: "AUDZJ001", unitCode: "330100" }))).ok).toBe(true);
  expect((await createPerson(await cliActor("HR320001"), personInput({ staffNo: "AUDJS001", unitCode: "320100" }))).ok).toBe(true);
});

const actions = (result: Awaited<ReturnType<typeof searchAudit>>) => result.events.map((e) => `${e.action} ${e.actorLabel}`);

describe("searchAudit", () => {
  it("shows a system administrator everything, including events without a unit", async () => {
    expect(actions(await searchAudit(admin, {}))).toEqual(["person.create HR320001", "person.create HR330001", "seed.run system"]);
  });

  it("shows other auditors only events of units in their scope", async () => {
    expect(actions(await searchAudit(programAdmin, {}))).toEqual(["person.create HR320001", "person.create HR330001"]);
    expect(actions(await searchAudit(zhejiangAuditor, {}))).toEqual(["person.create HR330001"]);
  });

  it("shows nothing to roles without audit.view", async () => {
    expect((await searchAudit(hrZhejiang, {})).events).toEqual([]);
  });

  it("cannot be widened by a unit filter outside the scope", async () => {
    const jiangsuCity = await db.orgUnit.findUniqueOrThrow({ where: { code: "320100" } });
    expect((await searchAudit(zhejiangAuditor, { unitId: jiangsuCity.id })).events).toEqual([]);
    expect(actions(await searchAudit(programAdmin, { unitId: jiangsuCity.id }))).toEqual(["person.create HR320001"]);
  });

  it("filters by actor, object and China-time day", async () => {
    expect(actions(await searchAudit(admin, { actor: " HR330001 " }))).toEqual(["person.create HR330001"]);
    expect(actions(await searchAudit(admin, { objectType: "Database" }))).toEqual(["seed.run system"]);
    const person = await db.person.findUniqueOrThrow({ where: { staffNo: "AUDZJ001" } });
    expect(actions(await searchAudit(admin, { objectId: person.id }))).toEqual(["person.create HR330001"]);

    const today = isoDateInShanghai(new Date());
    const yesterday = isoDateInShanghai(new Date(Date.now() - 86_400_000));
    const tomorrow = isoDateInShanghai(new Date(Date.now() + 86_400_000));
    expect((await searchAudit(admin, { from: today, to: today })).events).toHaveLength(3);
    expect((await searchAudit(admin, { to: yesterday })).events).toEqual([]);
    expect((await searchAudit(admin, { from: tomorrow })).events).toEqual([]);
  });

  it("pages newest first with beforeId, each event once", async () => {
    const hangzhou = await db.orgUnit.findUniqueOrThrow({ where: { code: "330100" } });
    await write((tx) =>
      auditMany(
        tx,
        { userId: null, label: "paging" },
        Array.from({ length: AUDIT_PAGE_SIZE + 30 }, (_, i) => ({ action: "test.page", objectType: "Test", objectId: String(i), unitId: hangzhou.id })),
      ),
    );
    const seen: number[] = [];
    let beforeId: number | undefined;
    let pages = 0;
    do {
      const page = await searchAudit(zhejiangAuditor, { actor: "paging", beforeId });
      seen.push(...page.events.map((e) => e.id));
      beforeId = page.nextBeforeId ?? undefined;
      pages++;
    } while (beforeId);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(AUDIT_PAGE_SIZE + 30);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("keeps long snapshots short", async () => {
    await write((tx) =>
      auditMany(tx, { userId: null, label: "snapshot" }, [{ action: "test.big", objectType: "Test", objectId: "big", after: { text: "x".repeat(10_000) } }]),
    );
    const [event] = (await searchAudit(admin, { actor: "snapshot" })).events;
    expect(event.after!.length).toBeLessThanOrEqual(2_001);
    expect(event.after!.endsWith("…")).toBe(true);
  });
});
