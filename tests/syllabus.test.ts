import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { SYSTEM_ACTOR } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { grantRole } from "~/modules/access/access.server";
import type { QuestionContent } from "~/modules/questions/content";
import { importIntoBank } from "~/modules/questions/questions.server";
import { cellAvailability, getBlueprint, listBlueprints, saveBlueprint, type BlueprintInput } from "~/modules/syllabus/blueprints.server";
import type { BlueprintCell } from "~/modules/syllabus/rules";
import { addTopic, getTopic, syllabusTree, updateTopic } from "~/modules/syllabus/syllabus.server";
import { expectNotFound } from "./support/helpers";

let nationalAdmin: Actor;
let provincialAdmin: Actor;
let trainer: Actor;
let learner: Actor;
let jiangsuHr: Actor;

const unit = (code: string) => db.orgUnit.findUniqueOrThrow({ where: { code } });
const hours = { ENFORCEMENT: 2, MONITORING: 1, LEADERSHIP: 0.5, NEW_RECRUIT: 1 };
const topicRow = (code: string) => db.syllabusTopic.findFirstOrThrow({ where: { code }, include: { ownerUnit: true, parent: true } });

beforeAll(async () => {
  await seed({ officers: 20 });
  nationalAdmin = await cliActor("PA100001");
  // A provincial administrator: programAdmin over 浙江省, granted by the national one.
  expect(await grantRole(nationalAdmin, { staffNo: "HR330001", roleKey: "programAdmin", unitId: (await unit("330000")).id })).toEqual({ ok: true });
  [provincialAdmin, trainer, learner, jiangsuHr] = await Promise.all(["HR330001", "TR330001", "LE330101", "HR320001"].map((s) => cliActor(s)));
});

describe("the syllabus tree", () => {
  it("is shown to a learner, read-only, with the national topics in depth-first order", async () => {
    const tree = await syllabusTree(learner);
    expect(tree).not.toBeNull();
    const codes = tree!.topics.map((t) => t.code);
    expect(codes.slice(0, 2)).toEqual(["LAW", "LAW.EPL"]);
    expect(codes.indexOf("LAW.RULES")).toBeLessThan(codes.indexOf("INSP"));
    const epl = tree!.topics.find((t) => t.code === "LAW.EPL")!;
    expect(epl).toMatchObject({ parentCode: "LAW", depth: 1, provincial: false, canEdit: false });
    expect(epl.laws.length).toBeGreaterThan(0);
    expect(tree!.topics.every((t) => !t.canEdit)).toBe(true);
    expect(tree!.canAddProvincial).toBe(false);
    // The shipped syllabus meets 60 hours a year for every audience.
    for (const total of Object.values(tree!.totals)) expect(total).toBeGreaterThanOrEqual(60);
  });

  it("lets a learner open a topic; an unknown code answers 404", async () => {
    const { topic, children } = await getTopic(learner, "LAW");
    expect(topic.name).toBe("生态环境法律法规");
    expect(children.map((c) => c.code)).toContain("LAW.EPL");
    await expectNotFound(getTopic(learner, "NO.SUCH"));
  });

  it("refuses adding topics to anyone without syllabus.manage", async () => {
    await expectNotFound(addTopic(learner, "LAW", { localCode: "X1", name: "学员新增", description: "", laws: [], hours }));
    await expectNotFound(addTopic(trainer, null, { localCode: "X1", name: "教师新增", description: "", laws: [], hours }));
  });
});

describe("provincial topics", () => {
  it("a provincial administrator adds a topic under a national one, prefixed with the province's code", async () => {
    const result = await addTopic(provincialAdmin, "LAW.EPL", { localCode: "ZJLOCAL1", name: "浙江省生态环境保护条例", description: "本省条例要点", laws: ["浙江省生态环境保护条例"], hours });
    expect(result).toEqual({ ok: true, code: "330000:ZJLOCAL1" });
    const row = await topicRow("330000:ZJLOCAL1");
    expect(row.ownerUnit.code).toBe("330000");
    expect(row.parent?.code).toBe("LAW.EPL");
    expect(JSON.parse(row.hours)).toEqual(hours);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "syllabus.addTopic", objectId: row.id } });
    expect(event.actorLabel).toBe("HR330001");
  });

  it("shows the provincial topic, marked, to its province only", async () => {
    const mine = (await syllabusTree(provincialAdmin))!;
    const topic = mine.topics.find((t) => t.code === "330000:ZJLOCAL1");
    expect(topic).toMatchObject({ provincial: true, ownerUnitName: "浙江省", parentCode: "LAW.EPL", depth: 2, canEdit: true });
    // Listed right after its parent, before the next national sibling.
    const codes = mine.topics.map((t) => t.code);
    expect(codes.indexOf("330000:ZJLOCAL1")).toBe(codes.indexOf("LAW.EPL") + 1);
    expect(mine.canAddProvincial).toBe(true);
    expect((await syllabusTree(learner))!.topics.some((t) => t.code === "330000:ZJLOCAL1")).toBe(true);
    expect((await syllabusTree(jiangsuHr))!.topics.some((t) => t.code === "330000:ZJLOCAL1")).toBe(false);
    await expectNotFound(getTopic(jiangsuHr, "330000:ZJLOCAL1"));
  });

  it("refuses a code the province already used", async () => {
    expect(await addTopic(provincialAdmin, "LAW.APL", { localCode: "ZJLOCAL1", name: "重复代码", description: "", laws: [], hours })).toEqual({
      ok: false,
      errors: { localCode: "syllabus.errors.codeTaken" },
    });
  });

  it("a provincial administrator edits their own topic but never a national one (404)", async () => {
    await updateTopic(provincialAdmin, "330000:ZJLOCAL1", { name: "浙江省生态环境保护条例（2022）", description: "", laws: [], hours: { ...hours, ENFORCEMENT: 3 } });
    expect((await topicRow("330000:ZJLOCAL1")).name).toBe("浙江省生态环境保护条例（2022）");

    const before = await topicRow("LAW.EPL");
    await expectNotFound(updateTopic(provincialAdmin, "LAW.EPL", { name: "改名", description: "", laws: [], hours }));
    const after = await topicRow("LAW.EPL");
    expect(after.name).toBe(before.name);
    expect(after.hours).toBe(before.hours);
    expect((await getTopic(provincialAdmin, "LAW.EPL")).topic.canEdit).toBe(false);
  });
});

describe("national topics", () => {
  it("a national administrator updates a national topic, and the change is audited", async () => {
    const before = await topicRow("LAW.NOISE");
    const input = { name: "噪声污染防治法（2022年施行）", description: "新法要点", laws: ["中华人民共和国噪声污染防治法"], hours: { ENFORCEMENT: 1.5, MONITORING: 1, LEADERSHIP: 0.5, NEW_RECRUIT: 1 } };
    expect((await getTopic(nationalAdmin, "LAW.NOISE")).topic.canEdit).toBe(true);
    await updateTopic(nationalAdmin, "LAW.NOISE", input);
    const after = await topicRow("LAW.NOISE");
    expect(after).toMatchObject({ name: input.name, description: input.description, code: "LAW.NOISE" });
    expect(JSON.parse(after.laws)).toEqual(input.laws);
    expect(JSON.parse(after.hours)).toEqual(input.hours);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "syllabus.updateTopic", objectId: after.id }, orderBy: { id: "desc" } });
    expect(event.actorLabel).toBe("PA100001");
    expect(event.objectType).toBe("SyllabusTopic");
    expect(JSON.parse(event.before!)).toMatchObject({ name: before.name });
    expect(JSON.parse(event.after!)).toMatchObject({ name: input.name, hours: input.hours, laws: input.laws });
  });

  it("a national administrator adds national topics: under a parent, the parent's code is the prefix", async () => {
    expect(await addTopic(nationalAdmin, "LAW", { localCode: "CLIMATE", name: "应对气候变化相关法规", description: "", laws: [], hours })).toEqual({ ok: true, code: "LAW.CLIMATE" });
    expect(await addTopic(nationalAdmin, null, { localCode: "SAFETY", name: "执法安全防护", description: "", laws: [], hours })).toEqual({ ok: true, code: "SAFETY" });
    const tree = (await syllabusTree(learner))!;
    expect(tree.topics.find((t) => t.code === "LAW.CLIMATE")).toMatchObject({ provincial: false, depth: 1 });
    expect(tree.topics.at(-1)).toMatchObject({ code: "SAFETY", depth: 0 });
  });
});

describe("exam blueprints", () => {
  const input = (cells: BlueprintCell[], code = "TEST-BP1"): BlueprintInput => ({ code, name: "测试考试大纲", examType: "CLASS_TEST", notes: "", cells });
  const cell = (overrides: Partial<BlueprintCell> = {}): BlueprintCell => ({ topicCode: "LAW", type: "SINGLE", difficultyMin: 1, difficultyMax: 5, count: 5, points: 2, ...overrides });

  it("refuses unknown topic codes and saves nothing", async () => {
    expect(await saveBlueprint(nationalAdmin, null, input([cell(), cell({ topicCode: "NO.SUCH" })]))).toEqual({ ok: false, errors: { cells: "blueprints.errors.unknownTopic" } });
    expect(await db.examBlueprint.count({ where: { code: "TEST-BP1" } })).toBe(0);
  });

  it("creates and updates a blueprint, audited, and refuses a taken code", async () => {
    const created = await saveBlueprint(nationalAdmin, null, input([cell(), cell({ topicCode: "330000:ZJLOCAL1", type: "TRUE_FALSE", count: 2, points: 1 })]));
    expect(created.ok).toBe(true);
    const id = (created as { id: string }).id;
    const saved = await getBlueprint(trainer, id);
    expect(saved.summary).toMatchObject({ questions: 7, marks: 12 });
    expect(saved.canEdit).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "blueprint.create", objectId: id } })).toBe(1);

    expect(await saveBlueprint(nationalAdmin, id, input([cell({ count: 10 })]))).toEqual({ ok: true, id });
    expect((await getBlueprint(nationalAdmin, id)).summary.questions).toBe(10);
    expect(await db.auditEvent.count({ where: { action: "blueprint.update", objectId: id } })).toBe(1);

    expect(await saveBlueprint(nationalAdmin, null, input([cell()]))).toEqual({ ok: false, errors: { code: "blueprints.errors.codeTaken" } });
  });

  it("lets a province read national blueprints but not change them", async () => {
    const national = (await listBlueprints(provincialAdmin)).find((b) => b.code === "ENF-INITIAL")!;
    expect(national).toMatchObject({ canEdit: false, ownerUnitName: expect.any(String) });
    await expectNotFound(saveBlueprint(provincialAdmin, national.id, input(national.cells, national.code)));
  });

  it("counts only active questions in banks the actor can see", async () => {
    // Topic, type and difficulty the seed questions (if any) are unlikely to fill exactly.
    const probe = [
      cell({ topicCode: "DOM.RAD", type: "TRUE_FALSE", difficultyMin: 2, difficultyMax: 3, count: 3 }),
      cell({ topicCode: "DOM", type: "TRUE_FALSE", difficultyMin: 2, difficultyMax: 3, count: 3 }),
      cell({ topicCode: "DOM.RAD", type: "SINGLE", difficultyMin: 1, difficultyMax: 5, count: 1 }),
    ];
    const baseline = await cellAvailability(trainer, probe);

    const banks = await db.questionBank.findMany({ include: { unit: true } });
    const bank = (code: string) => banks.find((b) => b.unit.code === code)!.id;
    let n = 0;
    const question = (topic: string, difficulty: number): QuestionContent => ({
      type: "TRUE_FALSE",
      stem: `辐射安全许可证测试题 ${++n}：判断下列说法是否正确。`,
      options: [],
      answer: { type: "TRUE_FALSE", correct: true },
      explanation: "",
      difficulty,
      topicCodes: [topic],
      lawRefs: [],
      tags: [],
      notes: "",
    });
    const add = async (unitCode: string, status: string, content: QuestionContent) => {
      const { ids } = await importIntoBank({ audit: SYSTEM_ACTOR, userId: null, bypassScope: true }, bank(unitCode), [{ content }]);
      await write((tx) => tx.question.updateMany({ where: { id: { in: ids } }, data: { status } }));
    };
    await add("100000", "ACTIVE", question("DOM.RAD", 2)); // counts
    await add("100000", "ACTIVE", question("DOM.RAD", 3)); // counts
    await add("330000", "ACTIVE", question("DOM.RAD", 2)); // counts: the trainer's own province
    await add("100000", "ACTIVE", question("DOM.RAD", 5)); // outside the difficulty range
    await add("100000", "ACTIVE", question("DOM.AIR", 2)); // counts for DOM, not DOM.RAD
    await add("100000", "DRAFT", question("DOM.RAD", 2));
    await add("100000", "IN_REVIEW", question("DOM.RAD", 2));
    await add("100000", "RETIRED", question("DOM.RAD", 2));
    await add("320000", "ACTIVE", question("DOM.RAD", 2)); // another province's bank

    const now = await cellAvailability(trainer, probe);
    expect(now[0].available - baseline[0].available).toBe(3);
    expect(now[1].available - baseline[1].available).toBe(4);
    expect(now[2].available - baseline[2].available).toBe(0);
    expect(now[0].short).toBe(Math.max(0, 3 - now[0].available));
    // A learner sees no bank at all, so every row is short.
    expect((await cellAvailability(learner, probe)).map((a) => a.available)).toEqual([0, 0, 0]);
    expect((await cellAvailability(learner, probe))[0].short).toBe(3);

    // The tree counts the same way, and DOM.RAD is no longer a gap for the trainer.
    const tree = (await syllabusTree(trainer))!;
    expect(tree.topics.find((t) => t.code === "DOM.RAD")!.activeQuestions).toBeGreaterThanOrEqual(3);
    expect(tree.gaps).not.toContain("DOM.RAD");
    const { questions } = await getTopic(trainer, "DOM.RAD");
    // Draft and in-review questions are listed for authors; retired ones and other provinces' are not.
    const statuses = questions.map((q) => q.status);
    expect(statuses).not.toContain("RETIRED");
    expect(statuses.filter((s) => s === "DRAFT").length).toBeGreaterThanOrEqual(1);
  });
});
