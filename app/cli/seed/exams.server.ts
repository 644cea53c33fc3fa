import { cliActor } from "~/cli/actor";
import { db } from "~/lib/db.server";
import { publishExam, saveExam } from "~/modules/exams/exams.server";
import { examSettingsSchema, toShanghaiWallClock } from "~/modules/exams/rules";

/**
 * A demo exam open now: 浙江's mock enforcement-credential exam on the national ENF-INITIAL
 * blueprint (66 questions incl. one case analysis), open for 30 days, for 浙江's officers.
 */
export async function seedExams(log: (line: string) => void) {
  const admin = await cliActor("PA100001");
  const zhejiang = await db.orgUnit.findFirst({ where: { code: "330000" } });
  const blueprint = await db.examBlueprint.findUnique({ where: { code: "ENF-INITIAL" } });
  if (!zhejiang || !blueprint) return;
  const now = Date.now();
  const input = examSettingsSchema.parse({
    code: "ZJ-2026-MOCK-01",
    title: "浙江省执法证考试模拟测试（2026）",
    examType: "CREDENTIAL_INITIAL",
    unitId: zhejiang.id,
    blueprintId: blueprint.id,
    paperMode: "DRAWN",
    shuffleQuestions: "on",
    shuffleOptions: "on",
    passMark: 60,
    durationMinutes: 120,
    opensAt: toShanghaiWallClock(new Date(now - 86_400_000)),
    closesAt: toShanghaiWallClock(new Date(now + 30 * 86_400_000)),
    attemptsAllowed: 3,
    countingPolicy: "BEST",
    showScore: "ON_SUBMIT",
    showAnswers: "AFTER_CLOSE",
    eligibleUnitIds: zhejiang.id,
  });
  const saved = await saveExam(admin, null, input);
  if (!saved.ok) {
    log(`demo exam NOT created: ${JSON.stringify(saved.errors)}`);
    return;
  }
  const published = await publishExam(admin, saved.id);
  log(published.ok ? "exams: 1 (published)" : `demo exam NOT published: ${published.error}`);
}
