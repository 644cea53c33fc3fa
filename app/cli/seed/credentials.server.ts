import { createId } from "@paralleldrive/cuid2";
import { cliActor } from "~/cli/actor";
import { db, write } from "~/lib/db.server";
import { generateVerifyCode } from "~/modules/credentials/evidence";
import { addDays, addMonths, formatNumber, provinceCode2, shanghaiDayStart, validUntilFor } from "~/modules/credentials/rules";
import { startAttempt, saveAnswers, submitOwnAttempt, versionContent } from "~/modules/exams/attempts.server";
import { submitMark } from "~/modules/exams/grading.server";
import type { Response } from "~/modules/questions/rules";
import type { QuestionContent } from "~/modules/questions/content";

/*
 * Demo credentials: most enforcement officers hold the enforcement credential, many
 * monitoring staff the on-site monitoring credential, some hold both; a few people in
 * some cities hold the legal professional qualification (so some cities have none); one
 * credential is about to expire, one has lapsed on an enforcement post, one is suspended.
 * And LE330102 has passed the 浙江 mock credential exam (really sat, and marked), so the
 * demo can take an officer from eligible to issued.
 */

type TypeRow = { id: string; code: string; validityMonths: number | null; numberPattern: string };

const DAY = 86_400_000;

export async function seedCredentials(rand: () => number, log: (line: string) => void) {
  const now = new Date();
  const today = shanghaiDayStart(now);
  const types = new Map((await db.credentialType.findMany()).map((t) => [t.code, t as TypeRow]));
  const people = await db.person.findMany({
    where: { status: "ACTIVE", user: null },
    select: { id: true, category: true, inEnforcementSystem: true, unit: { select: { code: true, level: true, path: true } } },
    orderBy: { staffNo: "asc" },
  });
  const provinces = new Map((await db.orgUnit.findMany({ where: { level: { in: ["PROVINCE", "NATIONAL"] } }, select: { id: true, code: true, level: true } })).map((u) => [u.id, u]));
  const provinceOf = (path: string) => provinces.get(path.split("/").filter(Boolean)[1] ?? path.split("/").filter(Boolean)[0]) ?? null;

  type Row = { personId: string; type: TypeRow; issuedAt: Date; validUntil: Date | null; status: "ACTIVE" | "SUSPENDED"; province: string; issuingUnitId: string | null; external?: string };
  const rows: Row[] = [];
  for (const p of people) {
    if (!p.inEnforcementSystem) continue;
    const provinceUnit = provinceOf(p.unit.path);
    const province = provinceCode2(provinceUnit);
    const issued = () => new Date(today.getTime() - Math.floor(30 + rand() * 1_400) * DAY);
    const add = (code: string) => {
      const type = types.get(code)!;
      const issuedAt = issued();
      const validUntil = validUntilFor(issuedAt, type.validityMonths);
      rows.push({ personId: p.id, type, issuedAt, validUntil, status: "ACTIVE", province, issuingUnitId: provinceUnit?.id ?? null });
    };
    if (p.category === "ENFORCEMENT") {
      if (rand() < 0.8) add("ENFORCEMENT");
      if (rand() < 0.3) add("MONITORING_ONSITE");
    } else if (p.category === "MONITORING") {
      if (rand() < 0.75) add("MONITORING_ONSITE");
      if (rand() < 0.4) add("ENFORCEMENT");
    } else if (p.category === "LEADERSHIP" && rand() < 0.6) add("ENFORCEMENT");
  }
  // The legal qualification (法律职业资格): one or two holders in most cities, none in some —
  // the plan asks for at least one per city-level unit, and the check must have gaps to find.
  const cities = await db.orgUnit.findMany({ where: { level: "CITY" }, select: { code: true, path: true }, orderBy: { code: "asc" } });
  for (const city of cities) {
    const inCity = people.filter((p) => p.unit.path.startsWith(city.path));
    if (inCity.length === 0 || (city.code !== "330100" && rand() < 0.3)) continue;
    for (let i = 0; i < 1 + Math.floor(rand() * 2) && i < inCity.length; i++) {
      const p = inCity[Math.floor(rand() * inCity.length)];
      if (rows.some((r) => r.personId === p.id && r.type.code === "LEGAL_PROFESSIONAL")) continue;
      const issuedAt = new Date(today.getTime() - Math.floor(365 + rand() * 3_000) * DAY);
      rows.push({ personId: p.id, type: types.get("LEGAL_PROFESSIONAL")!, issuedAt, validUntil: null, status: "ACTIVE", province: "00", issuingUnitId: null, external: `A${2015 + Math.floor(rand() * 9)}${String(Math.floor(rand() * 1e9)).padStart(9, "0")}` });
    }
  }
  // The cases HR has to act on.
  const enforcement = rows.filter((r) => r.type.code === "ENFORCEMENT");
  if (enforcement.length >= 3) {
    enforcement[0].validUntil = new Date(today.getTime() + 20 * DAY);
    enforcement[0].issuedAt = addDays(addMonths(enforcement[0].validUntil, -60), 1);
    enforcement[1].validUntil = new Date(today.getTime() - 200 * DAY);
    enforcement[1].issuedAt = addDays(addMonths(enforcement[1].validUntil, -60), 1);
    enforcement[2].status = "SUSPENDED";
  }

  const seq = new Map<string, number>();
  await write(
    async (tx) => {
      let statusIndex = ((await tx.credential.aggregate({ _max: { statusIndex: true } }))._max.statusIndex ?? -1) + 1;
      for (const r of rows.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime())) {
        const year = new Date(r.issuedAt.getTime() + 8 * 3_600_000).getUTCFullYear();
        let number: string | null = null;
        if (!r.external) {
          const key = `${r.type.code}:${r.province}:${year}`;
          const next = (seq.get(key) ?? 0) + 1;
          seq.set(key, next);
          number = formatNumber(r.type.numberPattern, r.province, year, next);
        }
        const id = createId();
        await tx.credential.create({
          data: {
            id,
            typeId: r.type.id,
            personId: r.personId,
            status: r.status,
            number,
            externalNumber: r.external ?? null,
            issuingUnitId: r.issuingUnitId,
            verifyCode: generateVerifyCode(),
            statusIndex: statusIndex++,
            issuedAt: r.issuedAt,
            validFrom: r.issuedAt,
            validUntil: r.validUntil,
          },
        });
        await tx.credentialEvent.create({ data: { credentialId: id, action: r.external ? "RECORDED" : "ISSUED", at: r.issuedAt, reason: "示例数据", data: JSON.stringify({ source: "seed" }) } });
        if (r.status === "SUSPENDED") {
          await tx.credentialEvent.create({ data: { credentialId: id, action: "SUSPENDED", at: new Date(now.getTime() - 5 * DAY), effectiveDate: new Date(today.getTime() - 5 * DAY), reason: "示例：涉嫌违规使用执法证件，暂停使用待查" } });
        }
      }
      for (const [key, last] of seq) await tx.credentialNumberSeq.create({ data: { key, next: last + 1 } });
    },
    { timeoutMs: 60_000 },
  );
  log(`credentials: ${rows.length}`);
  await seedPassedExam(log);
}

/** What a candidate who knows every objective answer would send. */
function correctResponse(content: QuestionContent): Response | null {
  const a = content.answer;
  switch (a.type) {
    case "SINGLE":
      return { type: "SINGLE", choice: a.correct };
    case "MULTIPLE":
      return { type: "MULTIPLE", choices: [...a.correct] };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: a.correct };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: a.blanks.map((b) => b.accepted[0]) };
    case "CASE_ANALYSIS":
      return { type: "CASE_ANALYSIS", text: "应当先行登记保存证据，制作现场检查笔录，告知当事人陈述申辩权利，依法作出处理。" };
  }
}

/** LE330102 sits the 浙江 mock credential exam for real, and TR330001 marks the case answer. */
async function seedPassedExam(log: (line: string) => void) {
  const exam = await db.exam.findFirst({ where: { code: "ZJ-2026-MOCK-01" } });
  const candidate = await db.person.findUnique({ where: { staffNo: "LE330102" } });
  if (!exam || !candidate) return;
  const [officer, trainer] = await Promise.all([cliActor("LE330102"), cliActor("TR330001")]);
  const started = await startAttempt(officer, exam.id, { deviceId: "seed-device-0001", accessCode: null });
  if (!started.ok) {
    log(`demo exam attempt NOT started: ${started.error}`);
    return;
  }
  const items = await db.attemptItem.findMany({ where: { attemptId: started.attemptId }, orderBy: { position: "asc" } });
  const saves = items.flatMap((item, i) => {
    const response = correctResponse(versionContent(item.questionVersionId));
    return response ? [{ key: `seed-${started.attemptId}-${i}`, questionId: item.questionId, seq: 1, flagged: false, response }] : [];
  });
  await saveAnswers(officer, { attemptId: started.attemptId, deviceId: "seed-device-0001", saves });
  await submitOwnAttempt(officer, started.attemptId);
  for (const item of items.filter((i) => versionContent(i.questionVersionId).answer.type === "CASE_ANALYSIS")) {
    await submitMark(trainer, { attemptId: started.attemptId, questionId: item.questionId, points: item.points, comment: "示例：要点齐全。" });
  }
  const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
  log(`demo exam: LE330102 ${attempt.passed ? "passed" : "did not pass"} (${attempt.score})`);
}
