import { createId } from "@paralleldrive/cuid2";
import { randomBytes } from "node:crypto";
import { certificateCodeFrom } from "~/modules/classes/rules";
import { db, rawWriteStatement, sqliteTime, write, writeRaw } from "~/lib/db.server";
import { recomputeYear } from "~/modules/hours/ledger.server";
import { shanghaiDayOfYear, shanghaiYear, type HoursCategory, type HoursSource } from "~/modules/hours/rules";

/*
 * Demo study hours: last year's and this year's ledger for every officer, so dashboards,
 * pace and carry-over have something to show; a few entries awaiting HR's approval; a
 * demo training base and two classes in 浙江 (one finished last year, one open now).
 * Names marked 示例 are made up for the demo and are not real institutions.
 */

type Row = {
  id: string;
  personId: string;
  year: number;
  hours: number;
  category: HoursCategory;
  source: HoursSource;
  title: string;
  activityDate: Date;
  status: "APPROVED" | "PENDING";
  recordedAt: Date;
  quantity: number | null;
  quantityUnit: string | null;
  note: string;
};

const ONLINE_TITLES = ["生态环境行政处罚程序", "现场检查与调查取证", "排污许可证后监管检查要点", "自动监测数据标记与电子督办", "移动执法系统使用", "执法监测联合采样"];
const CLASS_TITLES = ["执法骨干业务培训班", "排污许可执法专题培训", "执法与监测联合实训"];

function dayOf(year: number, dayOfYear: number): Date {
  // 10:00 in Shanghai on that day.
  return new Date(Date.UTC(year, 0, dayOfYear, 2));
}

/** A year's worth of entries up to `lastDay`, aiming at `target` hours. */
function yearEntries(rand: () => number, personId: string, year: number, lastDay: number, target: number): Row[] {
  const rows: Row[] = [];
  let hours = 0;
  const push = (h: number, source: HoursSource, title: string, quantity: number | null, unit: string | null, category: HoursCategory = "PROFESSIONAL_LEGAL") => {
    const day = 1 + Math.floor(rand() * Math.max(1, lastDay - 1));
    const at = dayOf(year, day);
    rows.push({ id: createId(), personId, year, hours: h, category, source, title, activityDate: at, status: "APPROVED", recordedAt: at, quantity, quantityUnit: unit, note: "" });
  };
  if (rand() < 0.5 && target > 16) {
    push(16, "OFFLINE_CLASS", CLASS_TITLES[Math.floor(rand() * CLASS_TITLES.length)], 16, "HOURS");
    hours += 16;
  }
  while (hours < target) {
    const h = rand() < 0.6 ? 1 : 0.5;
    push(h, "ONLINE_LESSON", ONLINE_TITLES[Math.floor(rand() * ONLINE_TITLES.length)], h === 1 ? 30 + Math.floor(rand() * 30) : 15 + Math.floor(rand() * 15), "MINUTES");
    hours += h;
  }
  // Political-theory study is recorded apart and never counts towards the 60 hours.
  push(rand() < 0.5 ? 4 : 8, "OFFLINE_CLASS", "党的创新理论专题学习", null, null, "POLITICAL_THEORY");
  return rows;
}

export async function seedHours(rand: () => number, log: (line: string) => void) {
  const now = new Date();
  const year = shanghaiYear(now);
  const today = shanghaiDayOfYear(now);
  const people = await db.person.findMany({ where: { status: "ACTIVE" }, select: { id: true, staffNo: true } });

  const rows: Row[] = [];
  for (const p of people) {
    // Last year: most met the requirement, some by a margin, some fell short.
    const lastTarget = rand() < 0.8 ? 60 + Math.floor(rand() * 12) : 30 + Math.floor(rand() * 25);
    rows.push(...yearEntries(rand, p.id, year - 1, 365, lastTarget));
    // This year so far: a spread around the pace (60 × share of the year elapsed).
    const pace = (60 * today) / 365;
    const target = p.staffNo === "LE330101" ? 47 : Math.max(0, Math.round(pace * (0.45 + rand() * 0.9) * 2) / 2);
    rows.push(...yearEntries(rand, p.id, year, today, target));
  }

  // Waiting for HR: external hours from another platform and a manual entry, in 浙江.
  const zhejiang = await db.person.findMany({ where: { status: "ACTIVE", staffNo: { startsWith: "33" } }, select: { id: true, staffNo: true }, take: 4, orderBy: { staffNo: "asc" } });
  const learner = await db.person.findUnique({ where: { staffNo: "LE330101" }, select: { id: true } });
  const pendingFor = [...(learner ? [learner] : []), ...zhejiang.filter((p) => p.staffNo !== "LE330101").slice(0, 3)];
  for (const [i, p] of pendingFor.entries()) {
    const at = dayOf(year, Math.max(1, today - 3 - i));
    rows.push({
      id: createId(),
      personId: p.id,
      year,
      hours: i === 0 ? 6 : 2 + i,
      category: "PROFESSIONAL_LEGAL",
      source: i % 2 === 0 ? "EXTERNAL_IMPORT" : "DRILL_COMPETITION",
      title: i % 2 === 0 ? "省级网络学院课程学习（外部平台）" : "全省执法大练兵现场比武",
      activityDate: at,
      status: "PENDING",
      recordedAt: at,
      quantity: null,
      quantityUnit: null,
      note: "示例：待人事部门审核",
    });
  }

  // Prepared statements: tens of thousands of rows in a second (createMany takes ten).
  await writeRaw(() => {
    const insert = rawWriteStatement(
      `INSERT INTO "HoursEntry" ("id", "personId", "year", "hours", "category", "source", "title", "activityDate", "status", "recordedAt", "quantity", "quantityUnit", "note", "decidedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows) {
      const at = sqliteTime(r.activityDate);
      insert.run(r.id, r.personId, r.year, r.hours, r.category, r.source, r.title, at, r.status, sqliteTime(r.recordedAt), r.quantity, r.quantityUnit, r.note, r.status === "APPROVED" ? at : null);
    }
  });
  const last = await recomputeYear(year - 1);
  const current = await recomputeYear(year);
  log(`hours: ${rows.length} entries; summaries ${last.people} (${year - 1}) + ${current.people} (${year})`);
  await seedClasses(year, now, log);
}

async function seedClasses(year: number, now: Date, log: (line: string) => void) {
  const province = await db.orgUnit.findFirst({ where: { code: "330000" } });
  if (!province) return;
  const trainer = await db.person.findUnique({ where: { staffNo: "TR330001" } });
  const base = await write((tx) =>
    tx.trainingBase.create({
      data: {
        name: "浙江省生态环境执法实训基地（示例）",
        unitId: province.id,
        level: "PROVINCE",
        location: "浙江省杭州市",
        address: "示例地址",
        specialities: JSON.stringify(["现场检查", "执法监测联合采样", "移动执法"]),
        facilities: "模拟排污单位现场、采样实训区、多媒体教室（示例）",
        capacity: 60,
      },
    }),
  );
  const officers = await db.person.findMany({ where: { status: "ACTIVE", staffNo: { startsWith: "33" }, category: { in: ["ENFORCEMENT", "MONITORING"] } }, select: { id: true }, orderBy: { staffNo: "asc" }, take: 12 });

  // Last year's post-training class, finished: its graduates count towards rotation coverage.
  const finishedStart = new Date(Date.UTC(year - 1, 9, 12, 0));
  const finishedEnd = new Date(Date.UTC(year - 1, 9, 16, 9));
  await write(async (tx) => {
    const cls = await tx.trainingClass.create({
      data: {
        code: `330000-${year - 1}-001`,
        title: `浙江省生态环境执法人员岗位培训班（${year - 1}年第一期，示例）`,
        level: "PROVINCE",
        type: "POST_RENEWAL",
        unitId: province.id,
        baseId: base.id,
        startDate: finishedStart,
        endDate: finishedEnd,
        capacity: 40,
        audience: JSON.stringify({ categories: ["ENFORCEMENT", "MONITORING"], unitIds: [] }),
        syllabusCodes: JSON.stringify(["PEN.PROC"]),
        creditHours: 32,
        status: "COMPLETED",
        description: "示例培训班。",
      },
    });
    if (trainer) await tx.classTrainer.create({ data: { classId: cls.id, personId: trainer.id } });
    for (const p of officers.slice(0, 8)) {
      await tx.classEnrolment.create({ data: { classId: cls.id, personId: p.id, status: "COMPLETED", via: "NOMINATE", completedAt: finishedEnd, certificateCode: certificateCodeFrom(randomBytes(12)) } });
    }
  });

  // This month's joint enforcement–monitoring class, open for applications.
  const start = new Date(now.getTime() + 10 * 86_400_000);
  const end = new Date(start.getTime() + 2 * 86_400_000);
  await write(async (tx) => {
    const cls = await tx.trainingClass.create({
      data: {
        code: `330000-${year}-001`,
        title: `浙江省执法与监测联合实训班（${year}年，示例）`,
        level: "PROVINCE",
        type: "JOINT_ENF_MON",
        unitId: province.id,
        baseId: base.id,
        startDate: start,
        endDate: end,
        capacity: 30,
        audience: JSON.stringify({ categories: [], unitIds: [] }),
        syllabusCodes: JSON.stringify([]),
        creditHours: 16,
        status: "OPEN",
        description: "示例培训班：执法人员与监测人员共同完成现场检查与采样实训。",
      },
    });
    if (trainer) await tx.classTrainer.create({ data: { classId: cls.id, personId: trainer.id } });
    for (let d = 0; d < 3; d++) {
      const day = new Date(start.getTime() + d * 86_400_000);
      await tx.classSession.create({ data: { classId: cls.id, position: d + 1, title: `第 ${d + 1} 天`, startsAt: day, endsAt: new Date(day.getTime() + 8 * 3_600_000) } });
    }
  });
  log("classes: 2, training bases: 1");
}
