import { createId } from "@paralleldrive/cuid2";
import { rawWriteStatement, sqliteTime, writeRaw } from "~/lib/db.server";
import { groupCommit } from "~/lib/group-commit.server";
import { secondsForBeat, type Beat } from "./rules";

/*
 * Heartbeats arrive from every open lesson page every 30 s: at a provincial scale that is
 * thousands a second. They are written with group commit (lib/group-commit.server.ts):
 * beats that arrive while a batch is being written share the next transaction (prepared
 * statements on the raw writer, one fsync).
 */
type PendingBeat = {
  personId: string;
  lessonVersionId: string;
  courseVersionId: string;
  beat: Beat;
  at: Date;
};

const MAX_BATCH = 200;


function writeBeats(batch: PendingBeat[]): Promise<number[]> {
  return writeRaw(() => {
    const read = rawWriteStatement(`SELECT "id", "secondsOnTask", "lastBeatAt" FROM "LessonProgress" WHERE "personId" = ? AND "lessonVersionId" = ?`);
    const upsert = rawWriteStatement(
      `INSERT INTO "LessonProgress" ("id", "personId", "lessonVersionId", "courseVersionId", "secondsOnTask", "lastBeatAt", "startedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("personId", "lessonVersionId") DO UPDATE SET "secondsOnTask" = excluded."secondsOnTask", "lastBeatAt" = excluded."lastBeatAt"`,
    );
    return batch.map((b) => {
      const row = read.get(b.personId, b.lessonVersionId) as { id: string; secondsOnTask: number; lastBeatAt: string | null } | undefined;
      const seconds = (row?.secondsOnTask ?? 0) + secondsForBeat(row?.lastBeatAt ? new Date(row.lastBeatAt) : null, b.at, b.beat);
      upsert.run(row?.id ?? createId(), b.personId, b.lessonVersionId, b.courseVersionId, seconds, sqliteTime(b.at), sqliteTime(b.at));
      return seconds;
    });
  });
}

const submitBeat = groupCommit(writeBeats, { maxBatch: MAX_BATCH });

/** Records one heartbeat; resolves with the lesson's seconds on task once it is on disk. */
export function recordBeat(input: { personId: string; lessonVersionId: string; courseVersionId: string; beat: Beat; at?: Date }): Promise<number> {
  return submitBeat({ ...input, at: input.at ?? new Date() });
}
