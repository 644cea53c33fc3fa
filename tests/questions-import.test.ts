import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { createBank } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import { FORMATS, parseQuestionsFile, serializeQuestions, type QuestionFormat } from "~/modules/questions/formats";
import { checkQuestionFile, importQuestionFile } from "~/modules/questions/import.server";
import { parseContent, questionsForExport } from "~/modules/questions/questions.server";
import { expectNotFound } from "./support/helpers";

let trainer: Actor;
let hr: Actor;
let zhejiangBank: string;
let nationalBank: string;
let zhejiangUnit: string;
const tmp = mkdtempSync(path.join(tmpdir(), "questions-import-"));

beforeAll(async () => {
  await seed({ officers: 20 });
  [trainer, hr] = await Promise.all(["TR330001", "HR330001"].map((s) => cliActor(s)));
  const zj = await db.questionBank.findFirstOrThrow({ where: { name: "浙江省执法培训题库" } });
  zhejiangBank = zj.id;
  zhejiangUnit = zj.unitId;
  nationalBank = (await db.questionBank.findFirstOrThrow({ where: { name: "国家执法考试题库" } })).id;
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bytes = (text: string) => Buffer.from(text, "utf8");
/** 1-based number of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** Latest content of every question in a bank. */
async function bankContents(bankId: string) {
  const questions = await db.question.findMany({ where: { bankId }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
  return questions.map((q) => ({ question: q, content: parseContent(q.versions[0].content) }));
}

const byStem = <T extends { stem: string }>(list: T[]) => [...list].sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));

const GOOD_GIFT = `// 浙江省培训题（示例）
$CATEGORY: $course$/top/浙江培训

// @difficulty 2
// @topics INSP.NORM
// @law 生态环境行政处罚办法|第三十条
// [tag:现场检查]
::现场人数::现场检查时，执法人员不得少于几人？{
\t~一人
\t=两人
\t~三人
\t####依据《生态环境行政处罚办法》。
}

// @topics EVID.SAMPLE
// @scoring partial
现场采样时，执法人员应当做到：{
\t~%50%现场封样
\t~%50%填写采样记录
\t~%-100%由企业自行送检
}

// @topics PEN.DAILY
按日连续处罚的计罚日数自责令改正之日的____起计算。{=次日 =第二日}

// @topics INSP.NORM
现场检查可以由一名执法人员单独进行。{FALSE}

// @topics PEN.PROC
// @model-answer 应当责令改正，并依法按日连续处罚。
// @rubric 认定拒不改正|4
// @rubric 适用按日连续处罚|6
某企业被责令改正后拒不改正，继续超标排放。请提出处理意见。{}
`;

describe("importing a question file", () => {
  it("imports every question of a valid GIFT file as a draft, the category becoming a tag", async () => {
    const before = await db.question.count({ where: { bankId: zhejiangBank } });
    const outcome = await importQuestionFile(trainer, { fileName: "zj.gift", bytes: bytes(GOOD_GIFT), bankId: zhejiangBank, skipUnsupported: false });
    expect(outcome).toEqual({ ok: true, imported: 5, skipped: 0, byType: { SINGLE: 1, MULTIPLE: 1, FILL_BLANK: 1, TRUE_FALSE: 1, CASE_ANALYSIS: 1 } });

    const imported = await bankContents(zhejiangBank);
    expect(imported).toHaveLength(before + 5);
    for (const { question, content } of imported) {
      expect(question).toMatchObject({ status: "DRAFT", createdById: trainer.userId, latestVersionNo: 1 });
      expect(content.tags, content.stem).toContain("浙江培训");
    }
    const find = (stem: string) => imported.find((i) => i.content.stem.startsWith(stem))!.content;
    expect(find("现场检查时")).toEqual({
      type: "SINGLE",
      stem: "现场检查时，执法人员不得少于几人？",
      options: [
        { key: "A", text: "一人" },
        { key: "B", text: "两人" },
        { key: "C", text: "三人" },
      ],
      answer: { type: "SINGLE", correct: "B" },
      explanation: "依据《生态环境行政处罚办法》。",
      difficulty: 2,
      topicCodes: ["INSP.NORM"],
      lawRefs: [{ law: "生态环境行政处罚办法", article: "第三十条" }],
      tags: ["现场检查", "浙江培训"],
      notes: "",
    });
    expect(find("现场采样").answer).toEqual({ type: "MULTIPLE", correct: ["A", "B"], scoring: "PARTIAL" });
    expect(find("按日连续处罚").answer).toEqual({ type: "FILL_BLANK", blanks: [{ accepted: ["次日", "第二日"] }], caseSensitive: false, ignoreWhitespace: true });
    expect(find("现场检查可以").answer).toEqual({ type: "TRUE_FALSE", correct: false });
    expect(find("某企业").answer).toEqual({
      type: "CASE_ANALYSIS",
      modelAnswer: "应当责令改正，并依法按日连续处罚。",
      rubric: [
        { criterion: "认定拒不改正", points: 4 },
        { criterion: "适用按日连续处罚", points: 6 },
      ],
    });

    // Indexed like any other question: tags, topics and the search index.
    const draft = imported.find((i) => i.content.stem.startsWith("现场检查时"))!.question;
    expect((await db.questionTag.findMany({ where: { questionId: draft.id } })).map((t) => t.tag).sort()).toEqual(["浙江培训", "现场检查"].sort());
    const version = await db.questionVersion.findFirstOrThrow({ where: { questionId: draft.id } });
    expect(version).toMatchObject({ version: 1, changeNote: "import", createdById: trainer.userId });
    const events = await db.auditEvent.findMany({ where: { action: "question.import", objectId: { in: imported.map((i) => i.question.id) } } });
    expect(events).toHaveLength(5);
    for (const e of events) expect(e).toMatchObject({ actorId: trainer.userId, unitId: zhejiangUnit });
  });

  it("gives questions without topics the chosen default topic", async () => {
    const text = "现场检查笔录应当由被检查人签名。{TRUE}\n";
    const outcome = await importQuestionFile(trainer, { fileName: "t.gift", bytes: bytes(text), bankId: zhejiangBank, defaultTopic: "EVID.RECORD", skipUnsupported: false });
    expect(outcome.ok).toBe(true);
    const imported = (await bankContents(zhejiangBank)).find((i) => i.content.stem === "现场检查笔录应当由被检查人签名。")!;
    expect(imported.content.topicCodes).toEqual(["EVID.RECORD"]);

    const bad = await importQuestionFile(trainer, { fileName: "t.gift", bytes: bytes(text), bankId: zhejiangBank, defaultTopic: "NOPE", skipUnsupported: false });
    expect(bad).toMatchObject({ ok: false, reason: "problems" });
    expect(!bad.ok && bad.check.result.problems).toEqual([{ line: 0, message: "questions.errors.unknownTopic" }]);
  });

  it("imports nothing from a file with an unknown topic code or a bad answer, and names the lines", async () => {
    const text = `// @topics INSP.NORM
现场检查可以由一名执法人员单独进行。{FALSE}

// @topics NOPE
第二题：排污许可证的有效期为五年。{TRUE}

// @topics PEN.PROC
第三题：行政处罚决定书应当载明的事项有：{=违法事实 =处罚依据 ~检查人员的学历}
`;
    const before = await db.question.count();
    const outcome = await importQuestionFile(trainer, { fileName: "bad.txt", bytes: bytes(text), bankId: zhejiangBank, skipUnsupported: true });
    expect(outcome).toMatchObject({ ok: false, reason: "problems" });
    if (outcome.ok) return;
    expect(outcome.check.format).toBe("gift");
    expect(outcome.check.result.problems).toEqual([
      { line: lineOf(text, "第二题"), message: "questions.errors.unknownTopic", params: { codes: "NOPE" } },
      { line: lineOf(text, "第三题"), message: "questionFormats.errors.severalFullCredit" },
    ]);
    expect(lineOf(text, "第二题")).toBe(5);
    expect(await db.question.count()).toBe(before);
  });

  it("refuses a file with an unsupported question until skipping it is confirmed, then imports the rest", async () => {
    const text = `$CATEGORY: 配对练习

::配对::将法律与施行日期配对。{
\t=中华人民共和国环境保护法 -> 2015年1月1日
\t=排污许可管理条例 -> 2021年3月1日
}

// @topics LAW.EPL
新修订的《中华人民共和国环境保护法》自2015年1月1日起施行。{TRUE}
`;
    const before = await db.question.count({ where: { bankId: zhejiangBank } });
    const input = { fileName: "mixed.gift", bytes: bytes(text), bankId: zhejiangBank };
    const refused = await importQuestionFile(trainer, { ...input, skipUnsupported: false });
    expect(refused).toMatchObject({ ok: false, reason: "unsupportedNotConfirmed" });
    expect(!refused.ok && refused.check.result.unsupported).toEqual([{ line: 3, kind: "matching", name: "配对" }]);
    expect(!refused.ok && refused.check.result.problems).toEqual([]);
    expect(await db.question.count({ where: { bankId: zhejiangBank } })).toBe(before);

    const done = await importQuestionFile(trainer, { ...input, skipUnsupported: true });
    expect(done).toEqual({ ok: true, imported: 1, skipped: 1, byType: { TRUE_FALSE: 1 } });
    expect(await db.question.count({ where: { bankId: zhejiangBank } })).toBe(before + 1);
    const imported = (await bankContents(zhejiangBank)).find((i) => i.content.stem.startsWith("新修订的"))!;
    expect(imported.content.tags).toEqual(["配对练习"]);
  });

  it("refuses a file with nothing importable in it", async () => {
    const text = "这是一段说明文字，没有答案块，也不是试题。\n\n::配对::{=甲 -> 乙 =丙 -> 丁}\n";
    const outcome = await importQuestionFile(trainer, { fileName: "notes.gift", bytes: bytes(text), bankId: zhejiangBank, skipUnsupported: true });
    expect(outcome).toMatchObject({ ok: false, reason: "empty" });
  });

  it("refuses a PNG renamed .xlsx, and other files that are not question files", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    const before = await db.question.count();
    const outcome = await importQuestionFile(trainer, { fileName: "试题.xlsx", bytes: png, bankId: zhejiangBank, skipUnsupported: true });
    expect(outcome).toMatchObject({ ok: false, reason: "problems" });
    expect(!outcome.ok && outcome.check.format).toBeNull();
    expect(!outcome.ok && outcome.check.result.problems).toEqual([{ line: 0, message: "questionFormats.errors.unknownFormat" }]);
    for (const [fileName, content] of [
      ["试题.gift", png],
      ["empty.gift", Buffer.alloc(0)],
      ["plain.txt", bytes("只是一段普通文字。\n")],
    ] as const) {
      const check = await checkQuestionFile(fileName, content);
      expect(check.ok, fileName).toBe(false);
      expect(check.result.problems.length, fileName).toBeGreaterThan(0);
    }
    expect(await db.question.count()).toBe(before);
  });

  it("imports only into banks the actor may edit", async () => {
    await expectNotFound(importQuestionFile(trainer, { fileName: "zj.gift", bytes: bytes(GOOD_GIFT), bankId: nationalBank, skipUnsupported: false }));
    await expectNotFound(importQuestionFile(hr, { fileName: "zj.gift", bytes: bytes(GOOD_GIFT), bankId: zhejiangBank, skipUnsupported: false }));
  });
});

describe("export and re-import", () => {
  /** What each format keeps besides stem, type and answer (Aiken keeps almost nothing). */
  const keeps: Record<QuestionFormat, (c: QuestionContent) => Partial<QuestionContent>> = {
    gift: (c) => c,
    "moodle-xml": (c) => c,
    xlsx: (c) => c,
    aiken: (c) => ({ type: c.type, stem: c.stem, options: c.options, answer: c.answer }),
  };

  for (const format of FORMATS) {
    it(`exports the national bank as ${format} and imports it back with the same contents`, { timeout: 120_000 }, async () => {
      const { questions } = await questionsForExport(trainer, nationalBank);
      expect(questions.length).toBeGreaterThan(300);
      const exported = await serializeQuestions(format, questions, "zh-CN");
      const skipped = new Set(exported.skipped.map((s) => s.index));
      const expected = questions.filter((_, i) => !skipped.has(i));
      expect(exported.exported).toBe(expected.length);
      if (format === "aiken") expect(expected.every((q) => q.content.type === "SINGLE")).toBe(true);
      else expect(exported.skipped.every((s) => questions[s.index].content.answer.type === "FILL_BLANK")).toBe(true);

      const bank = await createBank(trainer, { unitId: zhejiangUnit, name: `再导入（${format}）`, description: "" });
      const fileName = `export.${format === "moodle-xml" ? "xml" : format === "xlsx" ? "xlsx" : "txt"}`;
      const data = typeof exported.data === "string" ? bytes(exported.data) : exported.data;
      const outcome = await importQuestionFile(trainer, { fileName, bytes: data, bankId: bank.id, skipUnsupported: false });
      if (!outcome.ok) expect.fail(`${outcome.reason}: ${JSON.stringify(outcome.check.result.problems.slice(0, 5))}`);
      expect(outcome).toMatchObject({ ok: true, imported: expected.length, skipped: 0 });

      const reimported = (await bankContents(bank.id)).map((r) => r.content);
      const strip = (c: QuestionContent) => keeps[format](c);
      // The export names the bank as category, which the import adds as a tag.
      const withoutCategory = (c: QuestionContent) => ({ ...c, tags: c.tags.filter((t) => t !== "国家执法考试题库") });
      expect(byStem(reimported.map(withoutCategory).map(strip) as QuestionContent[])).toEqual(byStem(expected.map((q) => strip(q.content)) as QuestionContent[]));
      if (format !== "aiken") for (const c of reimported) expect(c.tags).toContain("国家执法考试题库");
    });
  }

  it("a file parsed for checking is read the same way as for import", async () => {
    const result = await parseQuestionsFile("zj.gift", bytes(GOOD_GIFT));
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => q.line)).toEqual([8, 17, 24, 27, 33]);
  });
});

describe("command line", () => {
  function cli(file: string, ...extra: string[]) {
    const run = spawnSync(
      "npx",
      ["tsx", "--tsconfig", "tsconfig.json", "app/cli/main.ts", "questions:import", file, "--bank", "浙江省执法培训题库", "--as", "TR330001", ...extra],
      {
        cwd: process.cwd(),
        encoding: "utf8",
        timeout: 90_000,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, APP_SECRET_KEY: process.env.APP_SECRET_KEY },
      },
    );
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(run.stdout) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: run.status, json, stdout: run.stdout, stderr: run.stderr };
  }

  it("questions:import refuses a bad file (exit 1, problems with lines) and imports a good one (exit 0)", { timeout: 180_000 }, async () => {
    const badText = `// @topics NOPE
第一题：排污许可证的有效期为五年。{TRUE}

第二题：行政处罚决定书应当载明的事项有：{~违法事实 ~处罚依据}
`;
    const badFile = path.join(tmp, "bad.gift");
    writeFileSync(badFile, badText);
    const before = await db.question.count({ where: { bankId: zhejiangBank } });

    const refused = cli(badFile);
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.json, refused.stdout).toMatchObject({ ok: false, reason: "problems", format: "gift" });
    const problems = refused.json!.problems as { line: number; message: string }[];
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    for (const p of problems) expect(p.message).toMatch(/\p{Script=Han}/u); // translated for the operator
    expect(await db.question.count({ where: { bankId: zhejiangBank } })).toBe(before);

    const goodFile = path.join(tmp, "good.txt");
    writeFileSync(goodFile, GOOD_GIFT.replaceAll("浙江培训", "命令行导入"));
    const done = cli(goodFile);
    expect(done.status, done.stderr).toBe(0);
    expect(done.json).toEqual({ ok: true, imported: 5, skippedUnsupported: 0, byType: { SINGLE: 1, MULTIPLE: 1, FILL_BLANK: 1, TRUE_FALSE: 1, CASE_ANALYSIS: 1 } });
    // The command wrote through its own connection; this process reads what it committed.
    const imported = (await bankContents(zhejiangBank)).filter((r) => r.content.tags.includes("命令行导入"));
    expect(imported).toHaveLength(5);
    for (const { question } of imported) expect(question).toMatchObject({ status: "DRAFT", createdById: trainer.userId });
    const events = await db.auditEvent.findMany({ where: { action: "question.import", objectId: { in: imported.map((r) => r.question.id) } } });
    expect(events.map((e) => e.actorLabel)).toEqual(Array(5).fill("TR330001"));
  });
});
