import { createId } from "@paralleldrive/cuid2";
import { audit, SYSTEM_ACTOR } from "~/lib/audit.server";
import { db, rawQuery, write } from "~/lib/db.server";
import { covers } from "~/modules/access/rules";
import { provinceIdOf, rulesInForce, type RulesInForce } from "~/modules/hours/ledger.server";
import { roundHours, shanghaiYear } from "~/modules/hours/rules";
import { figuresByUnit } from "./compliance.server";
import { behindPaceSql, isoWeekKey, isoWeekStart, netRequirement, paceParams, paceTest, projectedTotal } from "./rules";
import { prefixEnd, ROSTER_SQL, subtree, type ScopeUnit } from "./scope.server";

/*
 * Weekly reminders, written as in-app notices (Notice: kind + JSON params, localised when
 * shown). Each kind goes to a person at most once per ISO week (Shanghai time): a run
 * checks the notices of the week inside the same write transaction, so running twice, or
 * in two processes at once, writes nothing more.
 */

export const BEHIND_PACE_KIND = "hours.behindPace";
export const HR_DIGEST_KIND = "hours.hrDigest";
const BATCH = 2_000;
const WEEK_MS = 7 * 24 * 3_600_000;

type NoticeInput = { personId: string; params: Record<string, unknown>; link: string };

/** Writes the notices of `kind` for people without one this week (one transaction); returns how many were written. */
async function writeWeeklyBatch(kind: string, now: Date, batch: NoticeInput[]): Promise<number> {
  if (batch.length === 0) return 0;
  const from = isoWeekStart(now);
  const to = new Date(from.getTime() + WEEK_MS);
  return write(
    async (tx) => {
      const existing = await tx.notice.findMany({
        where: { kind, createdAt: { gte: from, lt: to }, personId: { in: batch.map((n) => n.personId) } },
        select: { personId: true },
      });
      const seen = new Set(existing.map((n) => n.personId));
      const fresh = batch.filter((n) => !seen.has(n.personId));
      if (fresh.length) {
        await tx.notice.createMany({ data: fresh.map((n) => ({ id: createId(), personId: n.personId, kind, params: JSON.stringify(n.params), link: n.link, createdAt: now })) });
        // In the same transaction as the notices it records (one event per batch).
        await audit(tx, SYSTEM_ACTOR, { action: "notice.send", objectType: "Notice", objectId: kind, after: { week: isoWeekKey(now), notices: fresh.length } });
      }
      return fresh.length;
    },
    { timeoutMs: 60_000 },
  );
}

/** All of `notices`, in transactions of BATCH. */
async function writeWeekly(kind: string, now: Date, notices: NoticeInput[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < notices.length; i += BATCH) written += await writeWeeklyBatch(kind, now, notices.slice(i, i + BATCH));
  return written;
}

/**
 * A notice to each officer behind pace this year (projected to miss the professional
 * requirement by December 31): params { year, credited, required, projected, week }.
 */
export async function sendBehindPaceNotices(now: Date): Promise<{ candidates: number; written: number }> {
  const year = shanghaiYear(now);
  const test = paceTest(now, year);
  if (test.basis === "NOT_STARTED") return { candidates: 0, written: 0 };
  const credited = `COALESCE(s."professionalCredited", 0.0)`;
  const carried = `COALESCE(s."professionalCarriedIn", 0.0)`;
  // People without a summary have nothing yet: behind whenever their requirement is above zero.
  const required = `COALESCE(s."professionalRequired", 1.0)`;
  const statement = rawQuery(
    `SELECT p."id", p."staffNo", u."path", ${credited} AS "credited", ${carried} AS "carriedIn", s."professionalRequired" AS "required"
       FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId" LEFT JOIN "HoursYearSummary" s ON s."personId" = p."id" AND s."year" = @year
      WHERE ${ROSTER_SQL} AND ${behindPaceSql(test, credited, carried, required)} AND p."staffNo" > @after
      ORDER BY p."staffNo" LIMIT ${BATCH}`,
  );
  const rulesByProvince = new Map<string, RulesInForce>();
  const week = isoWeekKey(now);
  let after = "";
  let candidates = 0;
  let written = 0;
  // Written batch by batch as read, so a national run never holds every notice in memory.
  for (;;) {
    const notices: NoticeInput[] = [];
    const rows = statement.all({ year, after, ...paceParams(test) }) as { id: string; staffNo: string; path: string; credited: number; carriedIn: number; required: number | null }[];
    for (const r of rows) {
      let required = r.required;
      if (required === null) {
        const key = provinceIdOf(r.path) ?? "";
        let inForce = rulesByProvince.get(key);
        if (!inForce) rulesByProvince.set(key, (inForce = await rulesInForce(db, year, r.path)));
        required = inForce.rules.requirement.PROFESSIONAL_LEGAL;
        if (netRequirement(required, 0) <= 0) continue;
      }
      notices.push({
        personId: r.id,
        link: "/hours",
        params: { year, credited: roundHours(r.credited + r.carriedIn), required, projected: projectedTotal(r.credited, r.carriedIn, test), week },
      });
    }
    candidates += notices.length;
    written += await writeWeeklyBatch(BEHIND_PACE_KIND, now, notices);
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].staffNo;
  }
  return { candidates, written };
}

/**
 * A weekly digest to each person holding an hr grant, for their subtree(s): officers,
 * met, behind pace (this year) and entries awaiting approval.
 */
export async function sendHrDigest(now: Date): Promise<{ recipients: number; written: number }> {
  const year = shanghaiYear(now);
  const grants = rawQuery(
    `SELECT u."personId", o."id", o."code", o."name", o."level", o."parentId", o."path", o."depth"
       FROM "RoleGrant" g JOIN "User" u ON u."id" = g."userId" JOIN "OrgUnit" o ON o."id" = g."unitId"
      WHERE g."roleKey" = 'hr' AND g."revokedAt" IS NULL AND u."disabled" = 0`,
  ).all() as (ScopeUnit & { personId: string })[];
  const byPerson = new Map<string, ScopeUnit[]>();
  for (const g of grants) byPerson.set(g.personId, [...(byPerson.get(g.personId) ?? []), g]);

  const countsByUnit = new Map<string, { officers: number; met: number; behind: number; pending: number }>();
  const countsOf = (unit: ScopeUnit) => {
    let counts = countsByUnit.get(unit.id);
    if (!counts) {
      const units = subtree(unit);
      const rows = figuresByUnit(unit, units, year, now);
      const pending = rawQuery(
        `SELECT COUNT(*) AS "n" FROM "HoursEntry" e JOIN "Person" p ON p."id" = e."personId" JOIN "OrgUnit" o ON o."id" = p."unitId"
          WHERE e."status" = 'PENDING' AND o."path" >= ? AND o."path" < ?`,
      ).get(unit.path, prefixEnd(unit.path)) as { n: number };
      counts = {
        officers: rows.reduce((s, r) => s + r.officers, 0),
        met: rows.reduce((s, r) => s + r.met, 0),
        behind: rows.reduce((s, r) => s + r.behind, 0),
        pending: pending.n,
      };
      countsByUnit.set(unit.id, counts);
    }
    return counts;
  };

  const week = isoWeekKey(now);
  const notices: NoticeInput[] = [];
  for (const [personId, units] of byPerson) {
    // Grants inside another grant's subtree add nothing.
    const top = units.filter((u) => !units.some((o) => o.id !== u.id && covers(o.path, u.path))).sort((a, b) => a.path.localeCompare(b.path));
    const sums = { officers: 0, met: 0, behindPace: 0, pendingApprovals: 0 };
    for (const unit of top) {
      const c = countsOf(unit);
      sums.officers += c.officers;
      sums.met += c.met;
      sums.behindPace += c.behind;
      sums.pendingApprovals += c.pending;
    }
    notices.push({ personId, link: top.length === 1 ? `/compliance/units/${top[0].id}` : "/compliance", params: { year, week, units: top.map((u) => u.name).join("、"), ...sums } });
  }
  const written = await writeWeekly(HR_DIGEST_KIND, now, notices);
  return { recipients: notices.length, written };
}

/** The weekly job (the lead calls it from the background jobs): both kinds, each idempotent per week. */
export async function runWeeklyReminders(now: Date = new Date()) {
  const behindPace = await sendBehindPaceNotices(now);
  const hrDigest = await sendHrDigest(now);
  return { week: isoWeekKey(now), behindPace, hrDigest };
}
