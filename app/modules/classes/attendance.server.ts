import QRCode from "qrcode";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write, type Tx } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { purposeMac } from "~/lib/secrets.server";
import { actorAudit } from "~/modules/org/org.server";
import { liveSessions, managedClass } from "./access.server";
import {
  attendedSessions,
  checkinCodeValid,
  checkinMessage,
  checkinWindow,
  isSameShanghaiDay,
  latestMarks,
  PARTICIPANT,
  secondsLeftInWindow,
  shortCode,
  urlCode,
  type Mark,
} from "./rules";

/*
 * Attendance by session. Marks are append-only (a trigger refuses UPDATE and DELETE); the
 * newest mark per session and person (highest rowid) is the truth.
 *
 * QR check-in: the organiser's page shows a QR code of /checkin/<sessionId>/<code>, where
 * the code is a keyed MAC of (session id, 60-second window) — nothing stored. The current
 * and previous window are accepted. The same MAC gives a six-digit code to type at
 * /checkin. An enrolled officer opening the URL on the session's day (in China) is marked
 * present; any failure writes nothing and answers with a dictionary key.
 */

const PURPOSE = "class-checkin";
const mac = (message: string) => purposeMac(PURPOSE, message);
const RUNNING: readonly string[] = ["OPEN", "CLOSED"];

export type StoredMark = Mark & {
  id: string;
  method: string;
  reason: string | null;
  recordedById: string | null;
};

/** Marks of some sessions, oldest first (rowid orders appends; marks are never updated). */
export async function loadMarks(
  reader: Tx | typeof db,
  sessionIds: string[]
): Promise<StoredMark[]> {
  if (sessionIds.length === 0) return [];
  const rows = await reader.$queryRawUnsafe<
    {
      id: string;
      sessionId: string;
      personId: string;
      present: number | bigint | boolean;
      method: string;
      reason: string | null;
      recordedById: string | null;
      seq: number | bigint;
    }[]
  >(
    `SELECT "id", "sessionId", "personId", "present", "method", "reason", "recordedById", rowid AS seq FROM "AttendanceMark" WHERE "sessionId" IN (${sessionIds
      .map(() => "?")
      .join(",")}) ORDER BY rowid`,
    ...sessionIds
  );
  return rows.map((r) => ({
    ...r,
    present: Number(r.present) === 1,
    seq: Number(r.seq),
  }));
}

/** Sessions attended per person among `sessionIds` (newest mark wins). */
export async function attendanceByPerson(
  reader: Tx | typeof db,
  sessionIds: string[]
): Promise<Map<string, number>> {
  const latest = latestMarks(await loadMarks(reader, sessionIds));
  const people = new Set([...latest.values()].map((m) => m.personId));
  return new Map(
    [...people].map((p) => [p, attendedSessions(latest, p, sessionIds)])
  );
}

/** Present marks (newest per session and participant) per class. */
export async function attendanceCounts(
  classIds: string[]
): Promise<Map<string, number>> {
  if (classIds.length === 0) return new Map();
  const marks = classIds.map(() => "?").join(",");
  const rows = await db.$queryRawUnsafe<
    { classId: string; n: number | bigint }[]
  >(
    `SELECT s."classId" AS classId, count(*) AS n FROM (
       SELECT m."sessionId", m."personId", m."present", row_number() OVER (PARTITION BY m."sessionId", m."personId" ORDER BY m.rowid DESC) AS rn
       FROM "AttendanceMark" m JOIN "ClassSession" x ON x."id" = m."sessionId"
       WHERE x."classId" IN (${marks})
     ) l
     JOIN "ClassSession" s ON s."id" = l."sessionId"
     JOIN "ClassEnrolment" e ON e."classId" = s."classId" AND e."personId" = l."personId" AND e."status" IN (${PARTICIPANT.map(
       () => "?"
     ).join(",")})
     WHERE l.rn = 1 AND l."present" = 1
     GROUP BY s."classId"`,
    ...classIds,
    ...PARTICIPANT
  );
  return new Map(rows.map((r) => [r.classId, Number(r.n)]));
}

/** The organiser's attendance grid: participants × sessions with the newest mark. */
export async function attendanceGrid(actor: Actor, classId: string) {
  await managedClass(actor, classId);
  const sessions = await liveSessions(classId);
  const enrolments = await db.classEnrolment.findMany({
    where: { classId, status: { in: [...PARTICIPANT] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const people = await db.person.findMany({
    where: { id: { in: enrolments.map((e) => e.personId) } },
    select: { id: true, name: true, staffNo: true },
  });
  const latest = latestMarks(
    await loadMarks(
      db,
      sessions.map((s) => s.id)
    )
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
    })),
    rows: enrolments.map((e) => ({
      personId: e.personId,
      name: byId.get(e.personId)?.name ?? "",
      staffNo: byId.get(e.personId)?.staffNo ?? "",
      status: e.status,
      attended: attendedSessions(
        latest,
        e.personId,
        sessions.map((s) => s.id)
      ),
      marks: sessions.map((s) => {
        const m = latest.get(`${s.id}:${e.personId}`);
        return m
          ? { present: m.present, method: m.method, reason: m.reason }
          : null;
      }),
    })),
  };
}

/** The URL and the typed code of a session for the current window. */
export function currentCodes(sessionId: string, now = new Date()) {
  const m = mac(checkinMessage(sessionId, checkinWindow(now)));
  return {
    url: urlCode(m),
    short: shortCode(m),
    secondsLeft: secondsLeftInWindow(now),
  };
}

/** The organiser's check-in page: the QR (SVG) of the check-in URL, the short code, the count present. */
export async function checkinDisplay(
  actor: Actor,
  classId: string,
  sessionId: string,
  origin: string,
  now = new Date()
) {
  const { row } = await managedClass(actor, classId);
  const session = await db.classSession.findUnique({
    where: { id: sessionId },
  });
  if (!session || session.classId !== classId)
    notFound();
  const codes = currentCodes(sessionId, now);
  const path = `/checkin/${sessionId}/${codes.url}`;
  const url = `${origin}${path}`;
  const svg = await QRCode.toString(url, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
  });
  const participants = await db.classEnrolment.count({
    where: { classId, status: { in: [...PARTICIPANT] } },
  });
  const latest = latestMarks(await loadMarks(db, [sessionId]));
  const present = [...latest.values()].filter((m) => m.present).length;
  return {
    cls: { id: row.id, title: row.title, code: row.code, status: row.status },
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
    },
    running: RUNNING.includes(row.status),
    today: isSameShanghaiDay(session.startsAt, now),
    path,
    url,
    svg,
    short: codes.short,
    secondsLeft: codes.secondsLeft,
    present,
    participants,
  };
}

export type CheckinResult =
  | {
      ok: true;
      already: boolean;
      classId: string;
      classTitle: string;
      sessionTitle: string;
    }
  | { ok: false; error: string };

/** Marks the actor present: checks already passed (code, session, enrolment), inside one write. */
async function markPresent(
  actor: Actor,
  session: { id: string; classId: string; title: string },
  classTitle: string,
  unitId: string
): Promise<CheckinResult> {
  return write(async (tx) => {
    const latest = latestMarks(await loadMarks(tx, [session.id])).get(
      `${session.id}:${actor.personId}`
    );
    if (latest?.present)
      return {
        ok: true as const,
        already: true,
        classId: session.classId,
        classTitle,
        sessionTitle: session.title,
      };
    const mark = await tx.attendanceMark.create({
      data: {
        sessionId: session.id,
        personId: actor.personId,
        present: true,
        method: "QR",
        recordedById: actor.userId,
      },
    });
    await audit(tx, actorAudit(actor), {
      action: "class.attendance.checkin",
      objectType: "AttendanceMark",
      objectId: mark.id,
      unitId,
      after: { sessionId: session.id, present: true, method: "QR" },
    });
    return {
      ok: true as const,
      already: false,
      classId: session.classId,
      classTitle,
      sessionTitle: session.title,
    };
  });
}

/** Why this person may not check in to this session now (dictionary key), or null. */
async function checkinProblem(
  actor: Actor,
  session: { id: string; classId: string; startsAt: Date; position: number },
  now: Date
) {
  const cls = await db.trainingClass.findUnique({
    where: { id: session.classId },
    select: { id: true, title: true, status: true, unitId: true },
  });
  if (!cls)
    return { error: "classes.checkin.errors.invalid" };
  if (!RUNNING.includes(cls.status))
    return { error: "classes.checkin.errors.notRunning" };
  if (!isSameShanghaiDay(session.startsAt, now))
    return { error: "classes.checkin.errors.notToday" };
  const enrolment = await db.classEnrolment.findUnique({
    where: { classId_personId: { classId: cls.id, personId: actor.personId } },
    select: { status: true },
  });
  if (enrolment?.status !== "ENROLLED")
    return { error: "classes.checkin.errors.notEnrolled" };
  return { cls };
}

/** Check-in from the QR URL /checkin/<sessionId>/<code>. */
export async function checkInWithUrl(
  actor: Actor,
  sessionId: string,
  code: string,
  now = new Date()
): Promise<CheckinResult> {
  const session = await db.classSession.findUnique({
    where: { id: sessionId },
  });
  if (!session) return { ok: false, error: "classes.checkin.errors.invalid" };
  if (!checkinCodeValid(mac, sessionId, code, now, "url"))
    return { ok: false, error: "classes.checkin.errors.expired" };
  const checked = await checkinProblem(actor, session, now);
  if ("error" in checked) return { ok: false, error: checked.error! };
  return markPresent(actor, session, checked.cls.title, checked.cls.unitId);
}

/** Check-in by typing the six-digit code: tried against today's sessions of the classes the person is enrolled in. */
export async function checkInWithShortCode(
  actor: Actor,
  code: string,
  now = new Date()
): Promise<CheckinResult> {
  const enrolments = await db.classEnrolment.findMany({
    where: { personId: actor.personId, status: "ENROLLED" },
    select: { classId: true },
  });
  const dayStart = new Date(
    Date.parse(
      `${new Date(now.getTime() + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10)}T00:00:00+08:00`
    )
  );
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const sessions = await db.classSession.findMany({
    where: {
      classId: { in: enrolments.map((e) => e.classId) },
      startsAt: { gte: dayStart, lt: dayEnd },
    },
  });
  const session = sessions.find((s) =>
    checkinCodeValid(mac, s.id, code, now, "short")
  );
  if (!session)
    return {
      ok: false,
      error:
        enrolments.length === 0
          ? "classes.checkin.errors.notEnrolled"
          : "classes.checkin.errors.expired",
    };
  const checked = await checkinProblem(actor, session, now);
  if ("error" in checked) return { ok: false, error: checked.error! };
  return markPresent(actor, session, checked.cls.title, checked.cls.unitId);
}

/** Manual correction by the organiser: a new MANUAL mark with a reason, audited. */
export async function correctAttendance(
  actor: Actor,
  classId: string,
  input: {
    sessionId: string;
    personId: string;
    present: boolean;
    reason: string;
  }
): Promise<{ ok: true } | { ok: false; error: string }> {
  const { row } = await managedClass(actor, classId);
  if (row.status === "CANCELLED" || row.status === "DRAFT")
    return { ok: false, error: "classes.errors.notRunning" };
  const reason = input.reason.trim();
  if (reason.length < 2) return { ok: false, error: "errors.reasonRequired" };
  const session = await db.classSession.findUnique({
    where: { id: input.sessionId },
  });
  if (!session || session.classId !== classId)
    notFound();
  const enrolment = await db.classEnrolment.findUnique({
    where: { classId_personId: { classId, personId: input.personId } },
  });
  if (
    !enrolment ||
    !(PARTICIPANT as readonly string[]).includes(enrolment.status)
  )
    return { ok: false, error: "classes.errors.notParticipant" };
  await write(async (tx) => {
    const before = latestMarks(await loadMarks(tx, [session.id])).get(
      `${session.id}:${input.personId}`
    );
    const mark = await tx.attendanceMark.create({
      data: {
        sessionId: session.id,
        personId: input.personId,
        present: input.present,
        method: "MANUAL",
        reason,
        recordedById: actor.userId,
      },
    });
    await audit(tx, actorAudit(actor), {
      action: "class.attendance.correct",
      objectType: "AttendanceMark",
      objectId: mark.id,
      unitId: row.unitId,
      before: before
        ? { present: before.present, method: before.method }
        : { present: null },
      after: {
        sessionId: session.id,
        personId: input.personId,
        present: input.present,
        reason,
      },
    });
  });
  return { ok: true };
}
