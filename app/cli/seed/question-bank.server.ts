import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SYSTEM_ACTOR, audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { questionContentSchema, type QuestionContent } from "~/modules/questions/content";
import { importIntoBank } from "~/modules/questions/questions.server";
import { seedBlueprint } from "~/modules/syllabus/blueprints.server";
import { loadSyllabus, readSyllabusFile } from "~/modules/syllabus/syllabus.server";
import type { BlueprintCell } from "~/modules/syllabus/rules";

/*
 * The shipped syllabus (content/syllabus) and seed question bank (content/question-bank).
 * Every seed question cites the law and article it tests, and any doubt about a fact is
 * written in its notes. They are loaded as active so papers can be drawn at once; every
 * file must validate or the seed fails.
 */
const CONTENT = path.resolve("content");

/** Seed questions keep stable ids, file name and position ("law-012"), so lessons can cite them. */
export function readSeedQuestionsWithIds(dir = path.join(CONTENT, "question-bank")): { id: string; content: QuestionContent }[] {
  if (!existsSync(dir)) return [];
  const out: { id: string; content: QuestionContent }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const items = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as unknown[];
    items.forEach((item, i) => {
      const parsed = questionContentSchema.safeParse(item);
      if (!parsed.success) throw new Error(`${file} item ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("; ")}`);
      out.push({ id: `${file.replace(/\.json$/, "")}-${String(i + 1).padStart(3, "0")}`, content: parsed.data as QuestionContent });
    });
  }
  return out;
}

export function readSeedQuestions(dir?: string): QuestionContent[] {
  return readSeedQuestionsWithIds(dir).map((q) => q.content);
}

const BLUEPRINTS: { code: string; name: string; examType: "CREDENTIAL_INITIAL" | "CREDENTIAL_RENEWAL" | "MONITORING_CREDENTIAL"; notes: string; cells: BlueprintCell[] }[] = [
  {
    code: "ENF-INITIAL",
    name: "执法证初次申领考试",
    examType: "CREDENTIAL_INITIAL",
    notes: "满分 100 分，60 分及格（示例大纲）。侧重法律法规与处罚程序。",
    cells: [
      { topicCode: "LAW", type: "SINGLE", difficultyMin: 1, difficultyMax: 4, count: 30, points: 1 },
      { topicCode: "PEN", type: "SINGLE", difficultyMin: 1, difficultyMax: 4, count: 10, points: 1 },
      { topicCode: "LAW", type: "MULTIPLE", difficultyMin: 2, difficultyMax: 5, count: 10, points: 2 },
      { topicCode: "EVID", type: "TRUE_FALSE", difficultyMin: 1, difficultyMax: 3, count: 5, points: 1 },
      { topicCode: "INSP", type: "TRUE_FALSE", difficultyMin: 1, difficultyMax: 3, count: 5, points: 1 },
      { topicCode: "PEN", type: "FILL_BLANK", difficultyMin: 1, difficultyMax: 4, count: 5, points: 2 },
      { topicCode: "PEN", type: "CASE_ANALYSIS", difficultyMin: 3, difficultyMax: 5, count: 1, points: 20 },
    ],
  },
  {
    code: "ENF-RENEWAL",
    name: "执法证换证考试",
    examType: "CREDENTIAL_RENEWAL",
    notes: "满分 100 分，60 分及格（示例大纲）。侧重新修订法规与实务。",
    cells: [
      { topicCode: "LAW", type: "SINGLE", difficultyMin: 2, difficultyMax: 5, count: 20, points: 2 },
      { topicCode: "PERMIT", type: "SINGLE", difficultyMin: 2, difficultyMax: 5, count: 10, points: 2 },
      { topicCode: "DOM", type: "MULTIPLE", difficultyMin: 2, difficultyMax: 5, count: 5, points: 4 },
      { topicCode: "MON", type: "TRUE_FALSE", difficultyMin: 1, difficultyMax: 4, count: 10, points: 2 },
    ],
  },
  {
    code: "MON-CREDENTIAL",
    name: "现场监测上岗证考试",
    examType: "MONITORING_CREDENTIAL",
    notes: "满分 100 分，60 分及格（示例大纲）。侧重自动监控、现场采样与执法监测联动。",
    cells: [
      { topicCode: "MON", type: "SINGLE", difficultyMin: 1, difficultyMax: 4, count: 20, points: 2 },
      { topicCode: "EVID", type: "SINGLE", difficultyMin: 1, difficultyMax: 4, count: 15, points: 2 },
      { topicCode: "MON", type: "MULTIPLE", difficultyMin: 2, difficultyMax: 5, count: 5, points: 4 },
      { topicCode: "JOINT", type: "TRUE_FALSE", difficultyMin: 1, difficultyMax: 3, count: 5, points: 2 },
    ],
  },
];

/** Loads the syllabus, creates the national and provincial banks, the seed questions and the exam syllabi. */
export async function seedQuestionBank(log: (line: string) => void = () => {}) {
  const syllabusFile = readSyllabusFile(path.join(CONTENT, "syllabus", "national-2021-2025.json"));
  const questions = readSeedQuestionsWithIds();
  const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
  const provinces = await db.orgUnit.findMany({ where: { level: "PROVINCE", code: { in: ["330000", "320000", "440000"] } } });
  const nationalBank = await write(async (tx) => {
    const loaded = await loadSyllabus(syllabusFile, SYSTEM_ACTOR, tx);
    log(`syllabus topics: ${loaded.topics}`);
    const bank = await tx.questionBank.create({ data: { name: "国家执法考试题库", unitId: national.id, description: "生态环境部组织编写的执法人员考试题库（示例）。" } });
    for (const p of provinces) await tx.questionBank.create({ data: { name: `${p.name}执法培训题库`, unitId: p.id, description: "本省增设的培训与考试试题。" } });
    await audit(tx, SYSTEM_ACTOR, { action: "bank.create", objectType: "QuestionBank", objectId: bank.id, unitId: national.id });
    return bank;
  });
  const { ids } = await importIntoBank({ audit: SYSTEM_ACTOR, userId: null, bypassScope: true }, nationalBank.id, questions);
  await write(async (tx) => {
    await tx.question.updateMany({ where: { id: { in: ids } }, data: { status: "ACTIVE" } });
    for (const b of BLUEPRINTS) await seedBlueprint(tx, SYSTEM_ACTOR, b);
  });
  log(`questions: ${ids.length} active; exam syllabi: ${BLUEPRINTS.length}`);
}
