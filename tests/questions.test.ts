import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { readSeedQuestions } from "~/cli/seed/question-bank.server";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { personData } from "~/modules/people/people.server";
import { visibleBanks } from "~/modules/questions/banks.server";
import type { QuestionContent } from "~/modules/questions/content";
import {
  QUESTION_PAGE_SIZE,
  createQuestion,
  findDuplicates,
  getQuestion,
  reviewAction,
  reviewQueue,
  searchQuestions,
  updateQuestion,
  type QuestionFilter,
} from "~/modules/questions/questions.server";
import { expectNotFound, personInput } from "./support/helpers";

let trainer: Actor; // TR330001, 浙江省
let trainer2: Actor; // a second trainer in 浙江省
let trainerJs: Actor; // a trainer in 江苏省
let programAdmin: Actor;
let learner: Actor;
let hr: Actor;
let zhejiangBank: string;
let jiangsuBank: string;
let nationalBank: string;
const seeds = readSeedQuestions();

/** A person with an account and a trainer grant on the unit `unitCode`. */
async function addTrainer(staffNo: string, unitCode: string): Promise<Actor> {
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { code: unitCode } });
  await write(async (tx) => {
    const person = await tx.person.create({ data: personData(personInput({ name: "测试教师", staffNo, unitCode, post: "法制审核员" }), unit.id) });
    const user = await tx.user.create({ data: { personId: person.id, passwordHash: "-", mustChangePassword: false } });
    for (const roleKey of ["learner", "trainer"]) await tx.roleGrant.create({ data: { userId: user.id, roleKey, unitId: unit.id } });
  });
  return cliActor(staffNo);
}

beforeAll(async () => {
  await seed({ officers: 20 });
  [trainer, programAdmin, learner, hr] = await Promise.all(["TR330001", "PA100001", "LE330101", "HR330001"].map((s) => cliActor(s)));
  trainer2 = await addTrainer("TR330002", "330000");
  trainerJs = await addTrainer("TR320009", "320000");
  const bank = async (name: string) => (await db.questionBank.findFirstOrThrow({ where: { name } })).id;
  [zhejiangBank, jiangsuBank, nationalBank] = await Promise.all(["浙江省执法培训题库", "江苏省执法培训题库", "国家执法考试题库"].map(bank));
});

const POOL = "甲乙丙丁戊己庚辛壬癸金木水火土山川河湖海风云雷雨松柏竹梅兰菊桃李杏梨春夏秋冬东南西北红黄蓝白黑青紫钢铁铜锡银玉石沙泥田园林草花鸟鱼虫龙虎牛羊马鹿";
let stemNo = 0;
/** A run of characters no other question (and no seed question) shares: stems stay distinct. */
function uniquePhrase(length = 24): string {
  let x = Math.imul(++stemNo, 2_654_435_761) >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    out += POOL[(x >>> 16) % POOL.length];
  }
  return out;
}

/** A valid single-choice question with a stem no other question resembles. */
function aQuestion(over: Partial<QuestionContent> = {}): QuestionContent {
  return {
    type: "SINGLE",
    stem: `${uniquePhrase()}，执法人员首先应当采取哪项措施？`,
    options: [
      { key: "A", text: "立即电话通知企业负责人到场" },
      { key: "B", text: "固定证据，对排放口采样并拍照录像" },
      { key: "C", text: "当场作出罚款决定" },
    ],
    answer: { type: "SINGLE", correct: "B" },
    explanation: "现场检查应首先固定证据。",
    difficulty: 2,
    topicCodes: ["EVID.SAMPLE"],
    lawRefs: [{ law: "生态环境行政处罚办法", article: "第三十条" }],
    tags: ["现场取证"],
    notes: "",
    ...over,
  };
}

async function created(actor: Actor, bankId: string, content: QuestionContent, allowDuplicate = false): Promise<string> {
  const result = await createQuestion(actor, bankId, content, allowDuplicate);
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`);
  return result.id;
}

async function approved(content: QuestionContent): Promise<string> {
  const id = await created(trainer, zhejiangBank, content);
  expect(await reviewAction(trainer, id, "submit")).toEqual({ ok: true });
  expect(await reviewAction(trainer2, id, "approve")).toEqual({ ok: true });
  return id;
}

/** Every question matching the filter, following the pages to the end. */
async function everyHit(actor: Actor, filter: QuestionFilter) {
  const first = await searchQuestions(actor, { ...filter, page: 1 });
  const rows = [...first.questions];
  for (let page = 2; page <= first.pages; page++) rows.push(...(await searchQuestions(actor, { ...filter, page })).questions);
  expect(new Set(rows.map((r) => r.id)).size, "pages do not overlap").toBe(rows.length);
  expect(rows).toHaveLength(first.total);
  return rows;
}

const preview = (stem: string) => stem.replace(/\s+/g, " ").slice(0, 200);
const nfkc = (s: string) => s.normalize("NFKC").toLowerCase();

describe("creating questions", () => {
  it("a trainer creates a draft in their province's bank: version 1, index rows and an audit event", async () => {
    const content = aQuestion();
    const result = await createQuestion(trainer, zhejiangBank, content);
    expect(result).toEqual({ ok: true, id: expect.any(String), version: 1 });
    const id = (result as { id: string }).id;

    const row = await db.question.findUniqueOrThrow({ where: { id }, include: { versions: true, topics: true, tags: true, laws: true } });
    expect(row).toMatchObject({ bankId: zhejiangBank, status: "DRAFT", type: "SINGLE", difficulty: 2, latestVersionNo: 1, createdById: trainer.userId, submittedById: null });
    expect(row.versions).toHaveLength(1);
    expect(row.versions[0]).toMatchObject({ id: row.latestVersionId, version: 1, createdById: trainer.userId });
    expect(JSON.parse(row.versions[0].content)).toEqual(content);
    expect(row.topics.map((t) => t.topicCode)).toEqual(["EVID.SAMPLE"]);
    expect(row.tags.map((t) => t.tag)).toEqual(["现场取证"]);
    expect(row.laws.map((l) => l.law)).toEqual(["生态环境行政处罚办法"]);

    const events = await db.auditEvent.findMany({ where: { objectType: "Question", objectId: id } });
    expect(events).toEqual([expect.objectContaining({ action: "question.create", actorId: trainer.userId, actorLabel: "TR330001" })]);

    const shown = await getQuestion(trainer, id);
    expect(shown).toMatchObject({ status: "DRAFT", version: 1, content, bank: { id: zhejiangBank } });
    expect(shown.permissions).toMatchObject({ edit: true, submit: true, review: false });
  });

  it("reports a near-identical stem as a duplicate of the first and saves nothing, unless told to go ahead", async () => {
    const original = aQuestion();
    const firstId = await created(trainer, zhejiangBank, original);
    // Same question with different punctuation, spacing and one word changed.
    const copy = aQuestion({ stem: ` ${original.stem.replace("首先应当", "首先要").replace(/，/g, ", ")} ` });
    const before = await db.question.count();

    const result = await createQuestion(trainer, zhejiangBank, copy);
    expect(result.ok).toBe(false);
    const duplicates = "duplicates" in result ? result.duplicates : [];
    expect(duplicates.map((d) => d.id)).toContain(firstId);
    const match = duplicates.find((d) => d.id === firstId)!;
    expect(match.similarity).toBeGreaterThanOrEqual(0.85);
    expect(match.bankName).toBe("浙江省执法培训题库");
    expect(await db.question.count()).toBe(before);

    const saved = await createQuestion(trainer, zhejiangBank, copy, true);
    expect(saved).toMatchObject({ ok: true, version: 1 });
    expect(await db.question.count()).toBe(before + 1);
  });

  it("does not reveal questions of another province as duplicates", async () => {
    const content = aQuestion();
    await created(trainer, zhejiangBank, content);
    expect(await findDuplicates(trainerJs, content.stem)).toEqual([]);
    expect(await createQuestion(trainerJs, jiangsuBank, content)).toMatchObject({ ok: true });
  });

  it("flags a copy of a national question written into a provincial bank", async () => {
    const national = seeds.find((q) => q.stem.includes("暗管") && q.type === "SINGLE")!;
    const result = await createQuestion(trainer, zhejiangBank, { ...national, stem: `${national.stem}。` });
    expect(result.ok).toBe(false);
    expect("duplicates" in result && result.duplicates[0]).toMatchObject({ bankName: "国家执法考试题库", similarity: 1 });
  });

  it("rejects a topic code that is not in the syllabus, and invalid content, keyed by field", async () => {
    const before = await db.question.count();
    expect(await createQuestion(trainer, zhejiangBank, aQuestion({ topicCodes: ["EVID.SAMPLE", "NOPE"] }))).toEqual({
      ok: false,
      errors: { topicCodes: "questions.errors.unknownTopic" },
    });
    expect(await createQuestion(trainer, zhejiangBank, aQuestion({ answer: { type: "SINGLE", correct: "D" } }))).toEqual({
      ok: false,
      errors: { correct: "questions.errors.answerNotAnOption" },
    });
    expect(await db.question.count()).toBe(before);
  });
});

describe("scope", () => {
  it("a provincial trainer sees the national bank and their own, not other provinces'", async () => {
    const banks = await visibleBanks(trainer);
    expect(banks.map((b) => [b.name, b.canEdit]).sort()).toEqual([
      ["国家执法考试题库", false],
      ["浙江省执法培训题库", true],
    ]);
  });

  it("cannot create in the national bank (404) but reads national questions", async () => {
    const before = await db.question.count({ where: { bankId: nationalBank } });
    await expectNotFound(createQuestion(trainer, nationalBank, aQuestion()));
    expect(await db.question.count({ where: { bankId: nationalBank } })).toBe(before);

    const national = await db.question.findFirstOrThrow({ where: { bankId: nationalBank } });
    const shown = await getQuestion(trainer, national.id);
    expect(shown.bank.name).toBe("国家执法考试题库");
    expect(shown.status).toBe("ACTIVE");
    expect(shown.permissions).toEqual({ edit: false, submit: false, review: false, retire: false, reinstate: false });
    await expectNotFound(updateQuestion(trainer, national.id, shown.content, "改"));
    await expectNotFound(reviewAction(trainer, national.id, "retire"));
    expect((await db.question.findUniqueOrThrow({ where: { id: national.id } })).status).toBe("ACTIVE");
  });

  it("the national programme admin may edit national questions", async () => {
    const national = await db.question.findFirstOrThrow({ where: { bankId: nationalBank } });
    expect((await getQuestion(programAdmin, national.id)).permissions.edit).toBe(true);
  });

  it("answers another province's question, and everything for a learner, like a missing one: 404", async () => {
    const id = await created(trainer, zhejiangBank, aQuestion());
    await expectNotFound(getQuestion(trainerJs, id));
    await expectNotFound(reviewAction(trainerJs, id, "submit"));
    await expectNotFound(getQuestion(learner, id));
    await expectNotFound(getQuestion(learner, (await db.question.findFirstOrThrow({ where: { bankId: nationalBank } })).id));
    await expectNotFound(getQuestion(trainer, "no-such-question"));
    await expectNotFound(createQuestion(learner, zhejiangBank, aQuestion()));
  });
});

describe("review", () => {
  it("needs a second person: the author cannot approve, another trainer can", async () => {
    const id = await created(trainer, zhejiangBank, aQuestion());
    expect(await reviewAction(trainer, id, "approve")).toEqual({ ok: false, error: "questions.errors.notInReview" });
    expect(await reviewAction(trainer, id, "submit")).toEqual({ ok: true });
    expect(await db.question.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "IN_REVIEW", submittedById: trainer.userId });
    expect(await reviewAction(trainer, id, "submit")).toEqual({ ok: false, error: "questions.errors.notDraft" });

    expect(await reviewAction(trainer, id, "approve")).toEqual({ ok: false, error: "questions.errors.selfReview" });
    expect((await getQuestion(trainer, id)).permissions.review).toBe(false);
    expect((await reviewQueue(trainer)).map((q) => q.id)).not.toContain(id);
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("IN_REVIEW");
    expect(await db.questionReview.count({ where: { questionId: id } })).toBe(0);

    expect((await reviewQueue(trainer2)).map((q) => q.id)).toContain(id);
    expect((await getQuestion(trainer2, id)).permissions.review).toBe(true);
    expect(await reviewAction(trainer2, id, "approve", "表述准确")).toEqual({ ok: true });

    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    const reviews = await db.questionReview.findMany({ where: { questionId: id } });
    expect(reviews).toEqual([expect.objectContaining({ versionNo: 1, reviewerId: trainer2.userId, decision: "APPROVED", comment: "表述准确" })]);
    const actions = (await db.auditEvent.findMany({ where: { objectId: id }, orderBy: { id: "asc" } })).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ["question.create", trainer.userId],
      ["question.submit", trainer.userId],
      ["question.approve", trainer2.userId],
    ]);
  });

  it("whoever submitted cannot approve either, even if someone else wrote it", async () => {
    const id = await created(trainer, zhejiangBank, aQuestion());
    expect(await reviewAction(trainer2, id, "submit")).toEqual({ ok: true });
    expect(await reviewAction(trainer2, id, "approve")).toEqual({ ok: false, error: "questions.errors.selfReview" });
    expect(await reviewAction(trainer, id, "approve")).toEqual({ ok: false, error: "questions.errors.selfReview" });
    // The national programme admin reviews provincial banks too.
    expect(await reviewAction(programAdmin, id, "approve")).toEqual({ ok: true });
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
  });

  it("returning needs a comment and sends the question back to draft", async () => {
    const id = await created(trainer, zhejiangBank, aQuestion());
    await reviewAction(trainer, id, "submit");
    expect(await reviewAction(trainer2, id, "return", " ")).toEqual({ ok: false, error: "questions.errors.commentRequired" });
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("IN_REVIEW");
    expect(await reviewAction(trainer2, id, "return", "选项C表述不严谨")).toEqual({ ok: true });
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    expect(await db.questionReview.findMany({ where: { questionId: id } })).toEqual([
      expect.objectContaining({ decision: "RETURNED", comment: "选项C表述不严谨", reviewerId: trainer2.userId }),
    ]);
  });

  it("a learner cannot submit or review (404)", async () => {
    const id = await created(trainer, zhejiangBank, aQuestion());
    await expectNotFound(reviewAction(learner, id, "submit"));
    await reviewAction(trainer, id, "submit");
    await expectNotFound(reviewAction(learner, id, "approve"));
    await expectNotFound(reviewAction(hr, id, "approve"));
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("IN_REVIEW");
  });
});

describe("versions", () => {
  it("editing an active question adds version 2, leaves version 1 untouched and stays active", async () => {
    const v1Content = aQuestion();
    v1Content.stem = `某企业经雨水排放口偷排高浓度废水，${v1Content.stem}`;
    const id = await approved(v1Content);
    const v1Before = await db.questionVersion.findFirstOrThrow({ where: { questionId: id, version: 1 } });

    const v2Content: QuestionContent = {
      ...v1Content,
      stem: v1Content.stem.replace("偷排高浓度废水", "偷排含重金属废水"),
      difficulty: 4,
      topicCodes: ["EVID.RECORD"],
      tags: ["现场检查"],
    };
    expect(await updateQuestion(trainer2, id, v2Content, "改写题干")).toEqual({ ok: true, id, version: 2 });

    const row = await db.question.findUniqueOrThrow({ where: { id }, include: { topics: true, tags: true } });
    expect(row).toMatchObject({ status: "ACTIVE", latestVersionNo: 2, difficulty: 4, stemPreview: v2Content.stem });
    expect(row.topics.map((t) => t.topicCode)).toEqual(["EVID.RECORD"]);
    expect(row.tags.map((t) => t.tag)).toEqual(["现场检查"]);
    expect(await db.questionVersion.findFirstOrThrow({ where: { questionId: id, version: 1 } })).toEqual(v1Before);
    expect(JSON.parse(v1Before.content)).toEqual(v1Content);

    const shown = await getQuestion(trainer, id);
    expect(shown.version).toBe(2);
    expect(shown.content).toEqual(v2Content);
    expect(shown.versions.map((v) => [v.version, v.changeNote])).toEqual([
      [2, "改写题干"],
      [1, ""],
    ]);
    expect(shown.versions[1].content).toEqual(v1Content);
    expect(row.latestVersionId).toBe(shown.versions[0].id);

    // The search index follows the latest version.
    expect((await searchQuestions(trainer, { q: "重金属", bankId: zhejiangBank })).questions.map((q) => q.id)).toContain(id);
    expect((await searchQuestions(trainer, { q: "偷排高浓度", bankId: zhejiangBank })).questions.map((q) => q.id)).not.toContain(id);
    // Filters follow it too.
    expect((await searchQuestions(trainer, { topic: "EVID.SAMPLE", bankId: zhejiangBank })).questions.map((q) => q.id)).not.toContain(id);
    expect((await searchQuestions(trainer, { topic: "EVID.RECORD", bankId: zhejiangBank })).questions.map((q) => q.id)).toContain(id);
  });

  it("editing a question under review sends it back to draft, to be submitted again", async () => {
    const content = aQuestion();
    const id = await created(trainer, zhejiangBank, content);
    await reviewAction(trainer, id, "submit");
    expect(await updateQuestion(trainer, id, { ...content, explanation: "补充说明。" }, "补充解析")).toMatchObject({ ok: true, version: 2 });
    expect(await db.question.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DRAFT", submittedById: null });
  });

  it("an edit does not flag the question as a duplicate of itself", async () => {
    const content = aQuestion();
    const id = await created(trainer, zhejiangBank, content);
    expect(await updateQuestion(trainer, id, { ...content, difficulty: 3 }, "")).toMatchObject({ ok: true, version: 2 });
  });

  it("history cannot be rewritten: versions and reviews are immutable, questions cannot be deleted", async () => {
    const id = await approved(aQuestion());
    const versionsBefore = await db.questionVersion.findMany({ where: { questionId: id } });
    const reviewsBefore = await db.questionReview.findMany({ where: { questionId: id } });
    const attempts: [string, RegExp][] = [
      [`UPDATE "QuestionVersion" SET "content" = '{}' WHERE "questionId" = ?`, /question versions are immutable/],
      [`DELETE FROM "QuestionVersion" WHERE "questionId" = ?`, /question versions are immutable/],
      [`UPDATE "QuestionReview" SET "decision" = 'RETURNED' WHERE "questionId" = ?`, /question reviews are append-only/],
      [`DELETE FROM "QuestionReview" WHERE "questionId" = ?`, /question reviews are append-only/],
      [`DELETE FROM "Question" WHERE "id" = ?`, /questions are retired, never deleted/],
    ];
    for (const [sql, message] of attempts) {
      await expect(write((tx) => tx.$executeRawUnsafe(sql, id)), sql).rejects.toThrow(message);
    }
    expect(await db.questionVersion.findMany({ where: { questionId: id } })).toEqual(versionsBefore);
    expect(await db.questionReview.findMany({ where: { questionId: id } })).toEqual(reviewsBefore);
    expect(await db.question.count({ where: { id } })).toBe(1);
  });

  it("retires and reinstates: a retired question is hidden, read-only and not a duplicate", async () => {
    const content = aQuestion();
    const id = await approved(content);
    expect(await reviewAction(trainer, id, "retire")).toEqual({ ok: true });
    const retired = await db.question.findUniqueOrThrow({ where: { id } });
    expect(retired.status).toBe("RETIRED");
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(await reviewAction(trainer, id, "retire")).toEqual({ ok: false, error: "questions.errors.alreadyRetired" });
    expect(await updateQuestion(trainer, id, content, "")).toEqual({ ok: false, errors: { status: "questions.errors.retiredReadOnly" } });
    expect((await getQuestion(trainer, id)).permissions).toMatchObject({ edit: false, retire: false, reinstate: true });

    expect((await everyHit(trainer, { bankId: zhejiangBank })).map((q) => q.id)).not.toContain(id);
    expect((await everyHit(trainer, { bankId: zhejiangBank, status: "RETIRED" })).map((q) => q.id)).toEqual([id]);
    expect((await findDuplicates(trainer, content.stem)).map((d) => d.id)).not.toContain(id);

    expect(await reviewAction(trainer, id, "reinstate")).toEqual({ ok: true });
    expect(await db.question.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DRAFT", retiredAt: null, submittedById: null });
    expect((await everyHit(trainer, { bankId: zhejiangBank })).map((q) => q.id)).toContain(id);
    expect(await db.questionVersion.count({ where: { questionId: id } })).toBe(1);
    const actions = (await db.auditEvent.findMany({ where: { objectId: id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(["question.retire", "question.reinstate"]);
  });
});

describe("search", () => {
  /** Seed questions whose stem or an option contains `word`. */
  const seedsWith = (word: string, where: "stem" | "option" | "either" = "either") =>
    seeds.filter((q) => {
      const inStem = nfkc(q.stem).includes(nfkc(word));
      const inOption = q.options.some((o) => nfkc(o.text).includes(nfkc(word)));
      return where === "stem" ? inStem : where === "option" ? inOption && !inStem : inStem || inOption;
    });
  const previews = (qs: QuestionContent[]) => qs.map((q) => preview(q.stem)).sort();

  it("finds every question with a two-character word in its stem, and nothing else", async () => {
    expect(seedsWith("暗管", "stem").length).toBeGreaterThan(3);
    const hits = await everyHit(trainer, { q: "暗管", bankId: nationalBank });
    expect(hits.map((h) => h.stemPreview).sort()).toEqual(previews(seedsWith("暗管")));
    for (const q of seedsWith("暗管", "stem")) expect(hits.map((h) => h.stemPreview)).toContain(preview(q.stem));
  });

  it("finds a word that appears only in an option", async () => {
    const optionOnly = seedsWith("渗坑", "option");
    expect(optionOnly.length).toBeGreaterThan(0);
    expect(seedsWith("渗坑", "stem")).toEqual([]);
    const hits = await everyHit(trainer, { q: "渗坑", bankId: nationalBank });
    expect(hits.map((h) => h.stemPreview).sort()).toEqual(previews(optionOnly));
  });

  it("finds words and phrases wherever they stand, also right after digits ('30万元以下', '5年内')", async () => {
    for (const word of ["听证", "按日连续处罚", "万元以下", "年内", "再次申请"]) {
      const expected = seedsWith(word);
      expect(expected.length, word).toBeGreaterThan(0);
      const hits = await everyHit(trainer, { q: word, bankId: nationalBank });
      expect(hits.map((h) => h.stemPreview).sort(), word).toEqual(previews(expected));
    }
  });

  it("requires every term of a query (AND) and ranks first-page hits", async () => {
    const both = seedsWith("暗管").filter((q) => seedsWith("渗坑").includes(q));
    const hits = await everyHit(trainer, { q: "暗管 渗坑", bankId: nationalBank });
    expect(hits.map((h) => h.stemPreview).sort()).toEqual(previews(both));
    const ranked = await searchQuestions(trainer, { q: "暗管" });
    expect(ranked.total).toBe(seedsWith("暗管").length);
  });

  it("falls back to a substring of the stem for a single Chinese character", async () => {
    const hits = await everyHit(trainer, { q: "坑", bankId: nationalBank });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.stemPreview).toContain("坑");
  });

  it("combines type, topic, difficulty, status, law and tag filters with AND", async () => {
    const topicMatches = (q: QuestionContent, topic: string) => q.topicCodes.some((c) => c === topic || c.startsWith(`${topic}.`));
    const check = async (filter: QuestionFilter, predicate: (q: QuestionContent) => boolean) => {
      const expected = seeds.filter(predicate);
      const hits = await everyHit(trainer, { ...filter, bankId: nationalBank });
      expect(hits.map((h) => h.stemPreview).sort(), JSON.stringify(filter)).toEqual(previews(expected));
      return expected.length;
    };
    expect(await check({ type: "MULTIPLE" }, (q) => q.type === "MULTIPLE")).toBeGreaterThan(QUESTION_PAGE_SIZE);
    // A parent topic code covers its children ("LAW" matches "LAW.EPL").
    expect(await check({ topic: "LAW" }, (q) => topicMatches(q, "LAW"))).toBeGreaterThan(0);
    expect(await check({ topic: "LAW.EPL" }, (q) => topicMatches(q, "LAW.EPL"))).toBeGreaterThan(0);
    // …but only on a dot boundary: "LA" is not a parent of "LAW.EPL".
    expect(await check({ topic: "LA" }, () => false)).toBe(0);
    const combined = await check(
      { type: "SINGLE", topic: "LAW", difficulty: 2 },
      (q) => q.type === "SINGLE" && topicMatches(q, "LAW") && q.difficulty === 2,
    );
    expect(combined).toBeGreaterThan(0);
    expect(combined).toBeLessThan(seeds.filter((q) => q.type === "SINGLE" && topicMatches(q, "LAW")).length);
    expect(
      await check({ law: "大气污染防治法", type: "SINGLE" }, (q) => q.type === "SINGLE" && q.lawRefs.some((l) => l.law.includes("大气污染防治法"))),
    ).toBeGreaterThan(0);
    expect(await check({ tag: "排污许可", difficulty: 1 }, (q) => q.tags.includes("排污许可") && q.difficulty === 1)).toBeGreaterThan(0);
    expect(
      await check({ q: "听证", type: "TRUE_FALSE" }, (q) => q.type === "TRUE_FALSE" && seedsWith("听证").includes(q)),
    ).toBeGreaterThan(0);
    expect(await check({ status: "ACTIVE" }, () => true)).toBe(seeds.length);
    expect(await check({ status: "DRAFT" }, () => false)).toBe(0);
  });

  it("lists only the banks in scope", async () => {
    const all = await everyHit(trainer, {});
    const banks = new Set(all.map((q) => q.bank.name));
    expect([...banks].sort()).toEqual(["国家执法考试题库", "浙江省执法培训题库"]);
    expect(await searchQuestions(trainer, { bankId: jiangsuBank })).toMatchObject({ total: 0, questions: [] });
    const js = await everyHit(trainerJs, {});
    expect(js.some((q) => q.bank.name === "浙江省执法培训题库")).toBe(false);
  });

  it("someone without question.view finds nothing, not even national questions", async () => {
    expect(await searchQuestions(hr, { bankId: nationalBank })).toMatchObject({ total: 0, questions: [] });
    expect(await searchQuestions(hr, { q: "暗管" })).toMatchObject({ total: 0, questions: [] });
    expect(await searchQuestions(learner, {})).toMatchObject({ total: 0, questions: [] });
  });
});
