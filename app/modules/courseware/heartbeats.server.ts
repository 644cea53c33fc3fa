import { createId } from "@paralleldrive/cuid2";
import { sqliteTime, write } from "~/lib/db.server";
import { groupCommit } from "~/lib/group-commit.server";
import { secondsForBeat, type Beat } from "./rules";

/*
 * Heartbeats arrive from every open lesson page every 30 s: at a provincial scale that is
 * thousands a second. They are written with group commit (lib/group-commit.server.ts):
 * beats that arrive while a batch is being written share the next transaction (one read of
 * the affected rows, one multi-row upsert, one fsync).
 */
type PendingBeat = {
  personId: string;
  lessonVersionId: string;
  courseVersionId: string;
  beat: Beat;
  at: Date;
};

const MAX_BATCH = 100; // 7 bound values a row keeps one statement under SQLite's limit


async function writeBeats(batch: PendingBeat[]): Promise<number[]> {
  return write(async (tx) => {
    const keys = [...new Map(batch.map((b) => [`${b.personId}|${b.lessonVersionId}`, b])).values()];
    const rows = await tx.$queryRawUnsafe<{ id: string; personId: string; lessonVersionId: string; secondsOnTask: number | bigint; lastBeatAt: string | null }[]>(
      `SELECT "id", "personId", "lessonVersionId", "secondsOnTask", "lastBeatAt" FROM "LessonProgress" WHERE ("personId", "lessonVersionId") IN (VALUES ${keys.map(() => "(?, ?)").join(", ")})`,
      ...keys.flatMap((k) => [k.personId, k.lessonVersionId]),
    );
    const state = new Map(
      rows.map((r) => [`${r.personId}|${r.lessonVersionId}`, { id: r.id, seconds: Number(r.secondsOnTask), lastBeatAt: r.lastBeatAt ? new Date(r.lastBeatAt) : null }]),
    );
    const seconds: number[] = [];
    for (const b of batch) {
      const key = `${b.personId}|${b.lessonVersionId}`;
      const current = state.get(key) ?? { id: createId(), seconds: 0, lastBeatAt: null };
      const next = { id: current.id, seconds: current.seconds + secondsForBeat(current.lastBeatAt, b.at, b.beat), lastBeatAt: b.at };
      state.set(key, next);
      seconds.push(next.seconds);
    }
    const touched = keys.map((k) => ({ k, s: state.get(`${k.personId}|${k.lessonVersionId}`)! }));
    await tx.$executeRawUnsafe(
      `INSERT INTO "LessonProgress" ("id", "personId", "lessonVersionId", "courseVersionId", "secondsOnTask", "lastBeatAt", "startedAt")
       VALUES ${touched.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT ("personId", "lessonVersionId") DO UPDATE SET "secondsOnTask" = excluded."secondsOnTask", "lastBeatAt" = excluded."lastBeatAt"`,
      ...touched.flatMap(({ k, s }) => [s.id, k.personId, k.lessonVersionId, k.courseVersionId, s.seconds, sqliteTime(s.lastBeatAt ?? k.at), sqliteTime(k.at)]),
    );
    return seconds;
  });
}

const submitBeat = groupCommit(writeBeats, { maxBatch: MAX_BATCH });

/** Records one heartbeat; resolves with the lesson's seconds on task once it is on disk. */
export function recordBeat(input: { personId: string; lessonVersionId: string; courseVersionId: string; beat: Beat; at?: Date }): Promise<number> {
  return submitBeat({ ...input, at: input.at ?? new Date() });
}
