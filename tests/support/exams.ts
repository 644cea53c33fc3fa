import { createId } from "@paralleldrive/cuid2";
import { cliActor } from "~/cli/actor";
import { db } from "~/lib/db.server";
import { publishExam, saveExam } from "~/modules/exams/exams.server";
import { examSettingsSchema, toShanghaiWallClock, type ExamSettingsInput } from "~/modules/exams/rules";

/**
 * A published exam on a seeded blueprint (needs `seed({ questionBank: true })`), open from
 * an hour ago for three hours. ENF-INITIAL: 66 questions, 100 marks, one case analysis.
 */
export async function publishedExam(overrides: Partial<ExamSettingsInput> & { blueprintCode?: string; managerStaffNo?: string } = {}) {
  const { blueprintCode = "ENF-INITIAL", managerStaffNo = "PA100001", ...settings } = overrides;
  const manager = await cliActor(managerStaffNo);
  const blueprint = await db.examBlueprint.findUniqueOrThrow({ where: { code: blueprintCode } });
  const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
  const now = Date.now();
  const input = examSettingsSchema.parse({
    code: `T-${createId().slice(0, 10).toUpperCase()}`,
    title: "测试考试",
    examType: "CLASS_TEST",
    unitId: national.id,
    blueprintId: blueprint.id,
    paperMode: "DRAWN",
    shuffleQuestions: "on",
    shuffleOptions: "on",
    passMark: 60,
    durationMinutes: 90,
    opensAt: toShanghaiWallClock(new Date(now - 3_600_000)),
    closesAt: toShanghaiWallClock(new Date(now + 3 * 3_600_000)),
    attemptsAllowed: 2,
    showScore: "ON_SUBMIT",
    showAnswers: "NEVER",
    ...settings,
  });
  const saved = await saveExam(manager, null, input);
  if (!saved.ok) throw new Error(`exam not saved: ${JSON.stringify(saved.errors)}`);
  const published = await publishExam(manager, saved.id);
  if (!published.ok) throw new Error(`exam not published: ${published.error}`);
  return { examId: saved.id, manager };
}
