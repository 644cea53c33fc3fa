import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "~/cli/seed/seed.server";
import { db } from "~/lib/db.server";
import { recordBeat } from "~/modules/courseware/heartbeats.server";

let lesson: { id: string; courseVersionId: string };
let people: string[];

beforeAll(async () => {
  await seed({ officers: 30 });
  lesson = await db.lessonVersion.findFirstOrThrow({ select: { id: true, courseVersionId: true } });
  people = (await db.person.findMany({ take: 20, select: { id: true } })).map((p) => p.id);
}, 120_000);

const t0 = new Date("2026-11-28T02:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const beat = { visible: true, idleSeconds: 2 };

describe("heartbeats with group commit", () => {
  it("adds time between beats, committed before the beat is acknowledged", async () => {
    const personId = people[0];
    expect(await recordBeat({ personId, lessonVersionId: lesson.id, courseVersionId: lesson.courseVersionId, beat, at: at(0) })).toBe(0);
    expect(await recordBeat({ personId, lessonVersionId: lesson.id, courseVersionId: lesson.courseVersionId, beat, at: at(30) })).toBe(30);
    const row = await db.lessonProgress.findUniqueOrThrow({ where: { personId_lessonVersionId: { personId, lessonVersionId: lesson.id } } });
    expect(row.secondsOnTask).toBe(30);
    expect(row.lastBeatAt?.toISOString()).toBe(at(30).toISOString());
  });

  it("applies many concurrent beats in order, for many learners, without losing one", async () => {
    const beats = people.slice(1).flatMap((personId) =>
      [0, 30, 60].map((s) => recordBeat({ personId, lessonVersionId: lesson.id, courseVersionId: lesson.courseVersionId, beat, at: at(1000 + s) })),
    );
    const results = await Promise.all(beats);
    // Each learner: 0, 30, 60 seconds after their three beats.
    expect(results).toEqual(people.slice(1).flatMap(() => [0, 30, 60]));
    const rows = await db.lessonProgress.findMany({ where: { personId: { in: people.slice(1) }, lessonVersionId: lesson.id } });
    expect(rows).toHaveLength(people.length - 1);
    expect(rows.every((r) => r.secondsOnTask === 60)).toBe(true);
  });

  it("credits nothing for a hidden page or an idle learner", async () => {
    const personId = people[0];
    const base = { personId, lessonVersionId: lesson.id, courseVersionId: lesson.courseVersionId };
    expect(await recordBeat({ ...base, beat: { visible: false, idleSeconds: 0 }, at: at(60) })).toBe(30);
    expect(await recordBeat({ ...base, beat: { visible: true, idleSeconds: 600 }, at: at(90) })).toBe(30);
    expect(await recordBeat({ ...base, beat, at: at(120) })).toBe(60);
  });
});
