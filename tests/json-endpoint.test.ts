import { beforeAll, describe, expect, it } from "vitest";
import { seed, DEMO_PASSWORD } from "~/cli/seed/seed.server";
import { SYSTEM_ACTOR } from "~/lib/audit.server";
import { db } from "~/lib/db.server";
import { serveJson } from "~/lib/json-endpoint.server";
import { login } from "~/modules/auth/auth.server";
import { heartbeatEndpoint } from "~/modules/courseware/heartbeat-endpoint.server";
import { importLibrary } from "~/modules/courseware/library.server";

// The heartbeat as server.js serves it (straight from Express, outside Remix).
let cookie = "";
let lessonVersionId = "";

beforeAll(async () => {
  await seed({ officers: 5 });
  const imported = await importLibrary({ ...SYSTEM_ACTOR, userId: null });
  expect(imported.ok).toBe(true);
  lessonVersionId = (await db.lessonVersion.findFirstOrThrow({ orderBy: { position: "asc" } })).id;
  const result = await login({ identifier: "LE330101", password: DEMO_PASSWORD, ip: "10.0.0.1", userAgent: "vitest" });
  if (!result.ok) throw new Error(result.error);
  cookie = result.sessionCookie.split(";")[0];
});

const beat = (body: unknown, withCookie = cookie) => serveJson(heartbeatEndpoint, { cookie: withCookie, ip: "10.0.0.1", body });

describe("heartbeat endpoint", () => {
  it("records a beat for the signed-in learner", async () => {
    const result = await beat({ lessonVersionId, visible: true, idleSeconds: 0 });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ minutesOnTask: 0 });
    const learner = await db.person.findFirstOrThrow({ where: { staffNo: "LE330101" } });
    expect(await db.lessonProgress.count({ where: { personId: learner.id, lessonVersionId } })).toBe(1);
  });

  it("answers 401 without a session, 400 for a malformed beat, 404 for an unknown lesson", async () => {
    expect((await beat({ lessonVersionId, visible: true, idleSeconds: 0 }, "")).status).toBe(401);
    expect((await beat({ lessonVersionId, visible: "yes" })).status).toBe(400);
    expect((await beat(null)).status).toBe(400);
    expect(await beat({ lessonVersionId: "no-such-lesson", visible: true, idleSeconds: 0 })).toMatchObject({ status: 404, body: { error: "notFound" } });
  });
});
