import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import { databaseFile } from "~/lib/env.server";
import { db, write } from "~/lib/db.server";
import { recordMovement } from "~/modules/people/people.server";

// A second, ordinary connection: the triggers must hold for any client, not just the app's.
let raw: Database.Database;
let personId: string;

beforeAll(async () => {
  await seed({ officers: 40, questionBank: false });
  const hr = await cliActor("HR330001");
  const person = await db.person.findFirstOrThrow({ where: { status: "ACTIVE", unit: { code: { startsWith: "3301" } }, user: null } });
  personId = person.id;
  const result = await recordMovement(hr, person.id, { toUnitCode: "330200", toStatus: "ACTIVE", reason: "工作需要", effectiveDate: "2025-06-01" });
  expect(result.ok).toBe(true);
  raw = new Database(databaseFile(), { fileMustExist: true });
});

afterAll(() => raw?.close());

const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describe("append-only records", () => {
  it("the module action wrote audit events and a movement", () => {
    const actions = raw.prepare(`SELECT action FROM "AuditEvent" ORDER BY id`).all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(["seed.run", "person.transfer"]);
    expect(count("PersonMovement")).toBe(1);
  });

  it("refuses to change an audit event", () => {
    const before = raw.prepare(`SELECT * FROM "AuditEvent" ORDER BY id`).all();
    expect(() => raw.prepare(`UPDATE "AuditEvent" SET action = 'nothing.happened'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`UPDATE "AuditEvent" SET actorLabel = 'someone-else' WHERE action = 'person.transfer'`).run()).toThrow(/append-only/);
    expect(raw.prepare(`SELECT * FROM "AuditEvent" ORDER BY id`).all()).toEqual(before);
  });

  it("refuses to delete an audit event", () => {
    const n = count("AuditEvent");
    expect(() => raw.prepare(`DELETE FROM "AuditEvent"`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM "AuditEvent" WHERE action = 'person.transfer'`).run()).toThrow(/append-only/);
    expect(count("AuditEvent")).toBe(n);
  });

  it("still accepts new audit events", () => {
    const n = count("AuditEvent");
    raw.prepare(`INSERT INTO "AuditEvent" (action, objectType, objectId) VALUES ('test.append', 'Database', '-')`).run();
    expect(count("AuditEvent")).toBe(n + 1);
  });

  it("refuses to rewrite or delete transfer history", () => {
    expect(() => raw.prepare(`UPDATE "PersonMovement" SET reason = '改写'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM "PersonMovement"`).run()).toThrow(/append-only/);
    expect(raw.prepare(`SELECT reason FROM "PersonMovement"`).all()).toEqual([{ reason: "工作需要" }]);
  });

  it("refuses to delete units and people", () => {
    const units = count("OrgUnit");
    const people = count("Person");
    expect(() => raw.prepare(`DELETE FROM "OrgUnit" WHERE code = '330127'`).run()).toThrow(/never deleted/);
    expect(() => raw.prepare(`DELETE FROM "Person" WHERE id = ?`).run(personId)).toThrow(/never deleted/);
    expect(count("OrgUnit")).toBe(units);
    expect(count("Person")).toBe(people);
  });

  it("also refuses deletion through the application's own writer", async () => {
    await expect(write((tx) => tx.auditEvent.deleteMany({}))).rejects.toThrow();
    await expect(write((tx) => tx.person.delete({ where: { id: personId } }))).rejects.toThrow();
    expect(await db.person.count({ where: { id: personId } })).toBe(1);
  });
});
