import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { purposeMac } from "~/lib/secrets.server";
import {
  attendanceGrid,
  checkInWithShortCode,
  checkInWithUrl,
  checkinDisplay,
  correctAttendance,
  currentCodes,
} from "~/modules/classes/attendance.server";
import { getBase, listBases, saveBase } from "~/modules/classes/bases.server";
import {
  certificateFor,
  renderClassCertificatePdf,
  verifyClassCertificate,
} from "~/modules/classes/certificate-pdf.server";
import {
  classesForMe,
  completeClass,
  organiserClass,
  organiserClasses,
  participantClass,
  rosterWorkbook,
  saveClass,
  setClassStatus,
} from "~/modules/classes/classes.server";
import {
  applyToClass,
  decideApplication,
  nominate,
  withdraw,
} from "~/modules/classes/enrolment.server";
import {
  baseSchema,
  checkinMessage,
  checkinWindow,
  classSchema,
  urlCode,
} from "~/modules/classes/rules";
import { submitSurvey, surveySummary } from "~/modules/classes/survey.server";
import { DEFAULT_PDF_FONT_PATH } from "~/lib/pdf.server";
import { expectNotFound } from "./support/helpers";

let trainer: Actor; // TR330001, class.manage over Zhejiang
let learner: Actor; // LE330101, Hangzhou
let hrJiangsu: Actor; // class.manage over Jiangsu only
let programAdmin: Actor; // base.manage nationally
let zhejiang: { id: string; path: string };
let national: { id: string };
let officers: { staffNo: string; id: string }[]; // Zhejiang officers without accounts
let jiangsuStaffNo: string;
let baseId: string;
let classId: string;
let sessionId: string;

const shanghaiToday = () =>
  new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const wallClock = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

function classInput(overrides: Record<string, unknown> = {}) {
  const today = shanghaiToday();
  // A session today that started a minute ago (so attendance counts it) and ends in an hour.
  const start = new Date(
    Math.max(Date.parse(`${today}T00:00:00+08:00`), Date.now() - 60_000)
  );
  const end = new Date(
    Math.min(Date.parse(`${today}T23:59:00+08:00`), start.getTime() + 3_600_000)
  );
  return classSchema.parse({
    title: "生态环境执法实战培训班",
    type: "SPECIAL_TOPIC",
    unitId: zhejiang.id,
    baseId,
    startDate: today,
    endDate: today,
    capacity: "2",
    creditHours: "8",
    category: "PROFESSIONAL_LEGAL",
    enrolmentMode: "BOTH",
    completionAttendancePct: "100",
    trainerStaffNos: "TR330001",
    sessions: [
      {
        title: "开班与现场检查",
        startsAt: wallClock(start),
        endsAt: wallClock(end),
      },
    ],
    ...overrides,
  });
}

beforeAll(async () => {
  await seed({ officers: 40 });
  [trainer, learner, hrJiangsu, programAdmin] = await Promise.all(
    ["TR330001", "LE330101", "HR320001", "PA100001"].map((s) => cliActor(s))
  );
  zhejiang = await db.orgUnit.findUniqueOrThrow({
    where: { code: "330000" },
    select: { id: true, path: true },
  });
  national = await db.orgUnit.findFirstOrThrow({
    where: { level: "NATIONAL" },
    select: { id: true },
  });
  const demo = [
    "ADMIN001",
    "PA100001",
    "HR330001",
    "HR320001",
    "TR330001",
    "RV320001",
    "LE330101",
  ];
  officers = await db.person.findMany({
    where: {
      status: "ACTIVE",
      staffNo: { notIn: demo },
      unit: { path: { startsWith: zhejiang.path } },
    },
    select: { staffNo: true, id: true },
    orderBy: { staffNo: "asc" },
    take: 3,
  });
  const js = await db.orgUnit.findUniqueOrThrow({
    where: { code: "320000" },
    select: { path: true },
  });
  jiangsuStaffNo = (
    await db.person.findFirstOrThrow({
      where: {
        staffNo: { notIn: demo },
        unit: { path: { startsWith: js.path } },
      },
      select: { staffNo: true },
    })
  ).staffNo;
  expect(officers).toHaveLength(3);
}, 120_000);

describe("training bases", () => {
  it("base.manage creates a base; others may view; learners may not", async () => {
    const input = baseSchema.parse({
      name: "国家生态环境执法实训基地（浙江）",
      unitId: national.id,
      location: "浙江湖州",
      specialities: "固废，水污染",
      capacity: "40",
    });
    const saved = await saveBase(programAdmin, null, input);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    baseId = saved.id;
    await expectNotFound(saveBase(trainer, null, input));
    expect((await listBases(hrJiangsu)).map((b) => b.id)).toContain(baseId);
    await expectNotFound(listBases(learner));
    const base = await getBase(trainer, baseId);
    expect(base.base.specialities).toEqual(["固废", "水污染"]);
    expect(base.canManage).toBe(false);
  });
});

describe("a class from draft to completion", () => {
  it("creates a draft with a generated code; out of scope answers 404 or refuses", async () => {
    const saved = await saveClass(trainer, null, classInput());
    expect(saved).toMatchObject({ ok: true });
    if (!saved.ok) return;
    classId = saved.id;
    const cls = await db.trainingClass.findUniqueOrThrow({
      where: { id: classId },
    });
    expect(cls.code).toMatch(/^330000-\d{4}-001$/);
    expect(cls).toMatchObject({
      level: "PROVINCE",
      status: "DRAFT",
      capacity: 2,
    });
    sessionId = (await db.classSession.findFirstOrThrow({ where: { classId } }))
      .id;
    await expectNotFound(organiserClass(hrJiangsu, classId));
    await expectNotFound(setClassStatus(hrJiangsu, classId, "OPEN"));
    await expectNotFound(organiserClass(learner, classId));
    expect(await saveClass(hrJiangsu, null, classInput())).toEqual({
      ok: false,
      errors: { unitId: "classes.errors.unknownUnit" },
    });
    // Trainers come from the organiser's subtree: a 江苏 staff number reads as unknown.
    expect(await saveClass(trainer, null, classInput({ trainerStaffNos: "RV320001" }))).toMatchObject({
      ok: false,
      errors: { trainerStaffNos: "classes.errors.unknownTrainer" },
    });
    // A draft is invisible to officers.
    await expectNotFound(participantClass(learner, classId));
    await expectNotFound(applyToClass(learner, classId));
  });

  it("opens; the officer sees it and applies once", async () => {
    expect(await setClassStatus(trainer, classId, "OPEN")).toEqual({
      ok: true,
    });
    expect((await classesForMe(learner)).open.map((c) => c.id)).toContain(
      classId
    );
    expect(await applyToClass(learner, classId)).toEqual({
      ok: true,
      status: "APPLIED",
    });
    expect(await applyToClass(learner, classId)).toEqual({
      ok: false,
      error: "classes.errors.alreadyEnrolled",
    });
    // Not in the audience (Jiangsu): the class does not exist for them.
    await expectNotFound(applyToClass(hrJiangsu, classId));
  });

  it("nomination fills the seats; approval then waitlists; a freed seat promotes the earliest waitlisted", async () => {
    expect(
      await nominate(trainer, classId, [
        officers[0].staffNo,
        officers[1].staffNo,
      ])
    ).toEqual({ ok: true, enrolled: 2, waitlisted: 0 });
    await expectNotFound(nominate(hrJiangsu, classId, [officers[2].staffNo]));
    expect(await nominate(trainer, classId, [jiangsuStaffNo])).toMatchObject({
      ok: false,
      error: "classes.errors.unknownPerson",
    });
    const mine = await db.classEnrolment.findUniqueOrThrow({
      where: { classId_personId: { classId, personId: learner.personId } },
    });
    expect(await decideApplication(trainer, mine.id, "APPROVE")).toEqual({
      ok: true,
      status: "WAITLISTED",
    });
    expect(await nominate(trainer, classId, [officers[2].staffNo])).toEqual({
      ok: true,
      enrolled: 0,
      waitlisted: 1,
    });
    expect(
      await db.classEnrolment.count({ where: { classId, status: "ENROLLED" } })
    ).toBe(2);

    const first = await db.classEnrolment.findUniqueOrThrow({
      where: { classId_personId: { classId, personId: officers[0].id } },
    });
    expect(await withdraw(trainer, first.id)).toEqual({
      ok: true,
      status: "WITHDRAWN",
    });
    const statuses = Object.fromEntries(
      (await db.classEnrolment.findMany({ where: { classId } })).map((e) => [
        e.personId,
        e.status,
      ])
    );
    expect(statuses[learner.personId]).toBe("ENROLLED"); // applied (and waitlisted) before officers[2]
    expect(statuses[officers[2].id]).toBe("WAITLISTED");
    expect(statuses[officers[0].id]).toBe("WITHDRAWN");
    expect(
      await db.classEnrolment.count({ where: { classId, status: "ENROLLED" } })
    ).toBe(2);
    expect(
      await db.auditEvent.count({
        where: { action: "class.enrolment.promote", objectId: mine.id },
      })
    ).toBe(1);
    // Someone else's enrolment cannot be withdrawn by an officer.
    const other = await db.classEnrolment.findUniqueOrThrow({
      where: { classId_personId: { classId, personId: officers[1].id } },
    });
    await expectNotFound(withdraw(learner, other.id));
  });

  it("QR check-in: valid marks present once; expired, not enrolled and not today write nothing", async () => {
    const marks = () => db.attendanceMark.count({ where: { sessionId } });
    const now = new Date();
    const expired = urlCode(
      purposeMac(
        "class-checkin",
        checkinMessage(sessionId, checkinWindow(now) - 2)
      )
    );
    expect(await checkInWithUrl(learner, sessionId, expired, now)).toEqual({
      ok: false,
      error: "classes.checkin.errors.expired",
    });
    expect(
      await checkInWithUrl(
        learner,
        "nope",
        currentCodes(sessionId, now).url,
        now
      )
    ).toEqual({ ok: false, error: "classes.checkin.errors.invalid" });
    expect(
      await checkInWithUrl(
        trainer,
        sessionId,
        currentCodes(sessionId, now).url,
        now
      )
    ).toEqual({ ok: false, error: "classes.checkin.errors.notEnrolled" });
    const tomorrow = new Date(now.getTime() + 86_400_000);
    expect(
      await checkInWithUrl(
        learner,
        sessionId,
        currentCodes(sessionId, tomorrow).url,
        tomorrow
      )
    ).toEqual({ ok: false, error: "classes.checkin.errors.notToday" });
    expect(await marks()).toBe(0);

    const ok = await checkInWithUrl(
      learner,
      sessionId,
      currentCodes(sessionId, now).url,
      now
    );
    expect(ok).toMatchObject({ ok: true, already: false, classId });
    // The previous window's code still works (and the person is already present).
    const previous = new Date(now.getTime() + 60_000);
    expect(
      await checkInWithUrl(
        learner,
        sessionId,
        currentCodes(sessionId, now).url,
        previous
      )
    ).toMatchObject({ ok: true, already: true });
    expect(
      await checkInWithShortCode(
        learner,
        currentCodes(sessionId, now).short,
        now
      )
    ).toMatchObject({ ok: true, already: true });
    expect(
      await checkInWithShortCode(
        learner,
        "000000" === currentCodes(sessionId, now).short ? "111111" : "000000",
        now
      )
    ).toMatchObject({ ok: false });
    expect(await marks()).toBe(1);
    expect(
      await db.attendanceMark.findFirstOrThrow({ where: { sessionId } })
    ).toMatchObject({
      personId: learner.personId,
      present: true,
      method: "QR",
    });

    const display = await checkinDisplay(
      trainer,
      classId,
      sessionId,
      "https://train.example"
    );
    expect(display.svg).toContain("<svg");
    expect(display.url).toBe(
      `https://train.example/checkin/${sessionId}/${
        currentCodes(sessionId).url
      }`
    );
    expect(display.present).toBe(1);
    await expectNotFound(
      checkinDisplay(hrJiangsu, classId, sessionId, "https://train.example")
    );
  });

  it("manual correction: a new MANUAL mark with a reason, audited; the newest mark wins", async () => {
    const b = officers[1].id;
    expect(
      await correctAttendance(trainer, classId, {
        sessionId,
        personId: b,
        present: true,
        reason: " ",
      })
    ).toEqual({ ok: false, error: "errors.reasonRequired" });
    await expectNotFound(
      correctAttendance(hrJiangsu, classId, {
        sessionId,
        personId: b,
        present: true,
        reason: "纸质签到表",
      })
    );
    expect(
      await correctAttendance(trainer, classId, {
        sessionId,
        personId: officers[2].id,
        present: true,
        reason: "候补人员",
      })
    ).toEqual({ ok: false, error: "classes.errors.notParticipant" });
    expect(
      await correctAttendance(trainer, classId, {
        sessionId,
        personId: b,
        present: true,
        reason: "纸质签到表",
      })
    ).toEqual({ ok: true });
    const mark = await db.attendanceMark.findFirstOrThrow({
      where: { sessionId, personId: b },
    });
    expect(mark).toMatchObject({
      method: "MANUAL",
      reason: "纸质签到表",
      present: true,
      recordedById: trainer.userId,
    });
    expect(
      await db.auditEvent.count({
        where: {
          action: "class.attendance.correct",
          objectId: mark.id,
          actorLabel: "TR330001",
        },
      })
    ).toBe(1);

    // Learner marked absent then present again: the newest mark decides.
    await correctAttendance(trainer, classId, {
      sessionId,
      personId: learner.personId,
      present: false,
      reason: "提前离场",
    });
    let grid = await attendanceGrid(trainer, classId);
    expect(
      grid.rows.find((r) => r.personId === learner.personId)?.marks[0]
    ).toMatchObject({ present: false, method: "MANUAL" });
    await correctAttendance(trainer, classId, {
      sessionId,
      personId: learner.personId,
      present: true,
      reason: "核实后返回",
    });
    grid = await attendanceGrid(trainer, classId);
    expect(
      grid.rows.find((r) => r.personId === learner.personId)?.attended
    ).toBe(1);
    await expect(
      db.attendanceMark.count({ where: { sessionId } })
    ).resolves.toBe(4);
  });

  it("lists the class with fill and attendance rates and exports the roster", async () => {
    const list = await organiserClasses(trainer, {});
    const row = list.items.find((c) => c.id === classId)!;
    expect(row).toMatchObject({
      participants: 2,
      waitlisted: 1,
      fillRate: 100,
      attendanceRate: 100,
    });
    await expectNotFound(organiserClasses(learner, {}));
    expect(
      (await organiserClasses(hrJiangsu, {})).items.map((c) => c.id)
    ).not.toContain(classId);
    const roster = await rosterWorkbook(trainer, classId, "zh-CN");
    expect(roster.buffer.subarray(0, 2).toString()).toBe("PK");
    await expectNotFound(rosterWorkbook(hrJiangsu, classId, "zh-CN"));
  });

  it("completion posts exactly one ledger entry per completer, also when repeated", async () => {
    await expectNotFound(completeClass(hrJiangsu, classId));
    const first = await completeClass(trainer, classId);
    expect(first).toEqual({
      ok: true,
      summary: { completed: 2, incomplete: 0, posted: 2 },
    });
    const mine = await db.classEnrolment.findUniqueOrThrow({
      where: { classId_personId: { classId, personId: learner.personId } },
    });
    expect(mine.status).toBe("COMPLETED");
    expect(mine.certificateCode).toMatch(/^CC[A-Z2-9]{12}$/);
    const entries = () =>
      db.hoursEntry.findMany({
        where: { refType: "ClassEnrolment", refId: mine.id },
      });
    expect(await entries()).toHaveLength(1);
    expect((await entries())[0]).toMatchObject({
      hours: 8,
      source: "OFFLINE_CLASS",
      status: "APPROVED",
      personId: learner.personId,
    });

    const again = await completeClass(trainer, classId);
    expect(again).toEqual({
      ok: true,
      summary: { completed: 2, incomplete: 0, posted: 0 },
    });
    expect(await entries()).toHaveLength(1);
    expect(
      await db.hoursEntry.count({
        where: {
          refType: "ClassEnrolment",
          refId: {
            in: (
              await db.classEnrolment.findMany({ where: { classId } })
            ).map((e) => e.id),
          },
        },
      })
    ).toBe(2);
    expect(
      (await db.trainingClass.findUniqueOrThrow({ where: { id: classId } }))
        .status
    ).toBe("COMPLETED");
    // A withdrawn or waitlisted person earns nothing.
    const waitlisted = await db.classEnrolment.findUniqueOrThrow({
      where: { classId_personId: { classId, personId: officers[2].id } },
    });
    expect(waitlisted.status).toBe("WAITLISTED");
  });

  it("certificate: the holder downloads it; the public check shows only the masked name, class, dates and hours", async () => {
    const cert = await certificateFor(learner, classId);
    expect(cert).toMatchObject({ name: "张伟", hours: 8, days: 1 });
    const other = await db.classEnrolment.findUniqueOrThrow({
      where: { classId_personId: { classId, personId: officers[1].id } },
    });
    await expectNotFound(certificateFor(learner, classId, other.id));
    await expectNotFound(certificateFor(hrJiangsu, classId, other.id));
    expect((await certificateFor(trainer, classId, other.id)).staffNo).toBe(
      officers[1].staffNo
    );
    const verified = await verifyClassCertificate(cert.code);
    expect(verified).toEqual({
      classTitle: "生态环境执法实战培训班",
      holder: "张*",
      startDate: expect.any(Date),
      endDate: expect.any(Date),
      hours: 8,
    });
    expect(await verifyClassCertificate("CCAAAAAAAAAAAA")).toBeNull();
    expect(await verifyClassCertificate("../etc")).toBeNull();
    if (
      existsSync(process.env.PDF_FONT_PATH?.trim() || DEFAULT_PDF_FONT_PATH)
    ) {
      const pdf = await renderClassCertificatePdf(
        cert,
        "https://train.example",
        "zh-CN"
      );
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("survey: a participant answers once; the organiser sees averages and the count", async () => {
    const answer = {
      content: 5,
      trainers: 4,
      organisation: 4,
      usefulness: 5,
      comment: "案例很实用",
    };
    expect(await submitSurvey(learner, classId, answer)).toEqual({ ok: true });
    expect(await submitSurvey(learner, classId, answer)).toEqual({
      ok: false,
      error: "classes.errors.surveyDone",
    });
    await expectNotFound(submitSurvey(hrJiangsu, classId, answer));
    const summary = await surveySummary(trainer, classId);
    expect(summary).toMatchObject({
      count: 1,
      averages: { content: 5, trainers: 4, organisation: 4, usefulness: 5 },
      comments: ["案例很实用"],
    });
    await expectNotFound(surveySummary(hrJiangsu, classId));
  });

  it("the officer's list shows the completed class; the base counts its trainee-days", async () => {
    const mine = (await classesForMe(learner)).mine.find(
      (c) => c.id === classId
    );
    expect(mine).toMatchObject({ status: "COMPLETED" });
    const base = await getBase(programAdmin, baseId);
    expect(base.classes.map((c) => c.id)).toContain(classId);
    expect(base.utilisation.used).toBe(2);
  });

  it("a cancelled class refuses enrolment; classes are never deleted", async () => {
    const saved = await saveClass(
      trainer,
      null,
      classInput({ title: "取消的培训班" })
    );
    if (!saved.ok) throw new Error("not saved");
    expect(
      (await db.trainingClass.findUniqueOrThrow({ where: { id: saved.id } }))
        .code
    ).toMatch(/-002$/);
    expect(await setClassStatus(trainer, saved.id, "CANCELLED")).toEqual({
      ok: true,
    });
    expect(await setClassStatus(trainer, saved.id, "OPEN")).toEqual({
      ok: false,
      error: "classes.errors.transition",
    });
    await expect(
      write((tx) =>
        tx.$executeRawUnsafe(
          `DELETE FROM "TrainingClass" WHERE "id" = ?`,
          saved.id
        )
      )
    ).rejects.toThrow(/never deleted/);
  });
});
