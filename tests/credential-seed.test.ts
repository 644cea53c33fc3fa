import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, rawQuery } from "~/lib/db.server";
import { jointHolding } from "~/modules/credentials/joint.server";
import { personFacts } from "~/modules/credentials/facts.server";
import { eligibilityOf, parseType } from "~/modules/credentials/rules";

/*
 * The demo seed's credentials, counted two ways: by the joint-holding view and by plain
 * SQL over the same rows. "Holding" is an ACTIVE credential not past its last valid day.
 */

let admin: Actor;
let hr: Actor;

beforeAll(async () => {
  await seed({ officers: 300, hours: true, credentials: true });
  [admin, hr] = await Promise.all([cliActor("PA100001"), cliActor("HR330001")]);
}, 180_000);

function expected(pathPrefix: string, staffCategory: string, typeCode: string, asOf: Date) {
  const row = rawQuery(
    `SELECT COUNT(*) AS "staff",
            SUM(EXISTS (SELECT 1 FROM "Credential" c JOIN "CredentialType" t ON t."id" = c."typeId"
                         WHERE c."personId" = p."id" AND t."code" = ? AND c."status" = 'ACTIVE'
                           AND (c."validUntil" IS NULL OR c."validUntil" >= ?))) AS "holding"
       FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId"
      WHERE u."path" LIKE ? AND p."status" = 'ACTIVE' AND p."inEnforcementSystem" = 1 AND p."category" = ?`,
  ).get(typeCode, new Date(asOf.getTime() - 86_400_000).toISOString().replace("Z", "+00:00"), `${pathPrefix}%`, staffCategory) as { staff: number; holding: number };
  return row;
}

describe("the seeded credentials", () => {
  it("joint holding, nationally and for 浙江, matches a count of the rows", async () => {
    const asOf = new Date();
    const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
    const zhejiang = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
    for (const [actor, unit] of [
      [admin, national],
      [hr, zhejiang],
    ] as const) {
      const view = await jointHolding(actor, unit.id, asOf);
      const mon = expected(unit.path, "MONITORING", "ENFORCEMENT", asOf);
      const enf = expected(unit.path, "ENFORCEMENT", "MONITORING_ONSITE", asOf);
      expect(mon.staff).toBeGreaterThan(0);
      expect(view.totals.monitoringWithEnforcement).toMatchObject({ staff: mon.staff, holding: mon.holding });
      expect(view.totals.enforcementWithMonitoring).toMatchObject({ staff: enf.staff, holding: enf.holding });
      expect(view.totals.monitoringWithEnforcement.holding).toBeGreaterThan(0);
    }
  });

  it("the city legal-qualification check finds exactly the cities with no holder", async () => {
    const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
    const view = await jointHolding(admin, national.id);
    const without = rawQuery(
      `SELECT u."code" FROM "OrgUnit" u WHERE u."level" = 'CITY' AND NOT EXISTS (
         SELECT 1 FROM "Credential" c JOIN "CredentialType" t ON t."id" = c."typeId" JOIN "Person" p ON p."id" = c."personId" JOIN "OrgUnit" pu ON pu."id" = p."unitId"
          WHERE t."code" = 'LEGAL_PROFESSIONAL' AND c."status" = 'ACTIVE' AND p."status" = 'ACTIVE' AND pu."path" LIKE u."path" || '%')
       ORDER BY u."code"`,
    ).all() as { code: string }[];
    expect(without.length).toBeGreaterThan(0);
    expect(view.cities.length).toBeGreaterThan(without.length);
    expect(view.citiesWithout.map((c) => c.code).sort()).toEqual(without.map((c) => c.code));
  });

  it("LE330102 has really passed the mock credential exam, and completing initial post training is what they still need", async () => {
    const person = await db.person.findUniqueOrThrow({ where: { staffNo: "LE330102" } });
    const attempt = await db.examAttempt.findFirstOrThrow({ where: { personId: person.id } });
    expect(attempt).toMatchObject({ status: "SUBMITTED", passed: true, complete: true });
    const type = parseType(await db.credentialType.findUniqueOrThrow({ where: { code: "ENFORCEMENT" } }));
    const facts = (await personFacts([person.id], new Date())).get(person.id)!;
    const result = eligibilityOf(type, facts, new Date());
    expect(result.eligible).toBe(false);
    expect(result.unmet.map((u) => u.code)).toEqual(["POST_TRAINING"]);
  });
});
