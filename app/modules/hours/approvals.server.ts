import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { scopePaths } from "~/modules/access/rules";
import { decideEntry, type LedgerResult } from "./ledger.server";
import { HOURS_SOURCES, type HoursCategory, type HoursSource } from "./rules";

/*
 * HR's approval queue: PENDING entries of people in the actor's hours.approve scope,
 * oldest first, filterable by unit (subtree) and source. Deciding goes through the
 * ledger core (decideEntry), which checks scope again per entry and refuses one's own.
 */

export const QUEUE_PAGE_SIZE = 50;
/** Most rows one batch approval takes (one transaction each). */
export const MAX_BATCH = 200;

export type QueueFilter = { unitId?: string; source?: HoursSource; page?: number };

/** `path` → SQL range over the materialised paths of its subtree (uses OrgUnit's unique path index). */
const subtree = (path: string) => [path, `${path}\u{10FFFF}`];

export async function approvalQueue(actor: Actor, filter: QueueFilter) {
  const paths = scopePaths(actor, "hours.approve");
  let ranges = paths;
  if (filter.unitId) {
    const unit = await db.orgUnit.findUnique({ where: { id: filter.unitId }, select: { path: true } });
    // A unit outside the scope filters to nothing rather than revealing anything.
    ranges = unit && paths.some((p) => unit.path.startsWith(p)) ? [unit.path] : [];
  }
  const page = Math.max(1, filter.page ?? 1);
  if (ranges.length === 0) return { items: [], total: 0, page, pageCount: 1 };
  const unitCondition = ranges.map(() => `(u."path" >= ? AND u."path" < ?)`).join(" OR ");
  const args: unknown[] = ranges.flatMap(subtree);
  let where = `e."status" = 'PENDING' AND (${unitCondition})`;
  if (filter.source) {
    where += ` AND e."source" = ?`;
    args.push(filter.source);
  }
  const from = `FROM "HoursEntry" e JOIN "Person" p ON p."id" = e."personId" JOIN "OrgUnit" u ON u."id" = p."unitId" WHERE ${where}`;
  const [count, idRows] = await Promise.all([
    db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n ${from}`, ...args),
    db.$queryRawUnsafe<{ id: string }[]>(`SELECT e."id" ${from} ORDER BY e."recordedAt" ASC, e."id" ASC LIMIT ? OFFSET ?`, ...args, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE),
  ]);
  const total = Number(count[0]?.n ?? 0);
  const ids = idRows.map((r) => r.id);
  const entries = ids.length ? await db.hoursEntry.findMany({ where: { id: { in: ids } } }) : [];
  const people = await db.person.findMany({
    where: { id: { in: [...new Set(entries.map((e) => e.personId))] } },
    select: { id: true, name: true, staffNo: true, unit: { select: { name: true } } },
  });
  const personOf = new Map(people.map((p) => [p.id, p]));
  const order = new Map(ids.map((id, i) => [id, i]));
  const items = entries
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((e) => {
      const p = personOf.get(e.personId)!;
      return {
        id: e.id,
        personId: e.personId,
        name: p.name,
        staffNo: p.staffNo,
        unitName: p.unit.name,
        title: e.title,
        year: e.year,
        hours: e.hours,
        quantity: e.quantity,
        quantityUnit: e.quantityUnit,
        category: e.category as HoursCategory,
        source: e.source as HoursSource,
        activityDate: e.activityDate.toISOString(),
        recordedAt: e.recordedAt.toISOString(),
        note: e.note,
        hasEvidence: !!e.evidenceFile,
        own: e.personId === actor.personId,
      };
    });
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

export function isQueueSource(value: string | null | undefined): value is HoursSource {
  return !!value && (HOURS_SOURCES as readonly string[]).includes(value);
}

/** Approves or rejects one entry. */
export function decide(actor: Actor, entryId: string, decision: "APPROVED" | "REJECTED", note?: string): Promise<LedgerResult> {
  return decideEntry(actor, entryId, decision, note);
}

/**
 * Approves the selected entries one by one (each its own transaction, so one refused
 * entry — decided meanwhile, out of scope, one's own — does not hold up the rest).
 */
export async function approveMany(actor: Actor, entryIds: string[], note?: string): Promise<{ approved: number; refused: { id: string; error: string }[] }> {
  const unique = [...new Set(entryIds)].slice(0, MAX_BATCH);
  let approved = 0;
  const refused: { id: string; error: string }[] = [];
  for (const id of unique) {
    const result = await decideEntry(actor, id, "APPROVED", note);
    if (result.ok) approved++;
    else refused.push({ id, error: result.error });
  }
  return { approved, refused };
}
