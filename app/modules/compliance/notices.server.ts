import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";

/*
 * A person's in-app notices (reminders, digests): newest first, marked read by their
 * owner. Notices are shown localised from kind + params (components/notice-text.ts).
 */

export const NOTICES_PAGE = 30;

export type NoticeItem = { id: string; kind: string; params: Record<string, unknown>; link: string | null; createdAt: string; readAt: string | null };

function parseParams(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The actor's notices, newest first; `before` is the last id of the previous page (keyset on createdAt, id). */
export async function listNotices(actor: Actor, options: { before?: string | null; unreadOnly?: boolean } = {}) {
  const cursor = options.before ? await db.notice.findFirst({ where: { id: options.before, personId: actor.personId }, select: { id: true, createdAt: true } }) : null;
  const rows = await db.notice.findMany({
    where: {
      personId: actor.personId,
      ...(options.unreadOnly ? { readAt: null } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTICES_PAGE + 1,
  });
  const unread = await db.notice.count({ where: { personId: actor.personId, readAt: null } });
  const items: NoticeItem[] = rows.slice(0, NOTICES_PAGE).map((n) => ({
    id: n.id,
    kind: n.kind,
    params: parseParams(n.params),
    link: n.link && n.link.startsWith("/") && !n.link.startsWith("//") ? n.link : null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  }));
  return { items, unread, next: rows.length > NOTICES_PAGE ? items[items.length - 1].id : null };
}

/** Marks one of the actor's notices (or all of them) read. Someone else's notice is left alone: it is not found. */
export async function markNoticesRead(actor: Actor, target: { id: string } | "all", now = new Date()): Promise<number> {
  return write(async (tx) => {
    const changed = await tx.notice.updateMany({
      where: { personId: actor.personId, readAt: null, ...(target === "all" ? {} : { id: target.id }) },
      data: { readAt: now },
    });
    return changed.count;
  });
}

/** Unread notices of a person (a badge in the shell, if the lead wants one). */
export async function unreadNotices(personId: string): Promise<number> {
  return db.notice.count({ where: { personId, readAt: null } });
}
