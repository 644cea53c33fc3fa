import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { seed } from "~/cli/seed/seed.server";
import type { Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { startAttempt, submitOwnAttempt } from "~/modules/exams/attempts.server";
import { answerPractice, dueNotebookCount, nextNotebookQuestion, nextPracticeQuestion, notebook, practiceTopics } from "~/modules/exams/practice.server";
import type { QuestionContent } from "~/modules/questions/content";
import { publishedExam } from "./support/exams";
import { expectNotFound } from "./support/helpers";

/** A moment written as Shanghai wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

let learner: Actor;

beforeAll(async () => {
  await seed({ officers: 10, questionBank: true });
  learner = await cliActor("LE330101");
}, 120_000);

async function contentOf(versionId: string): Promise<QuestionContent> {
  return JSON.parse((await db.questionVersion.findUniqueOrThrow({ where: { id: versionId } })).content) as QuestionContent;
}

/** An active single-choice question of `topic` with its correct and one wrong option. */
async function singleChoice(topic: string, skip = 0) {
  const q = await db.question.findFirstOrThrow({
    where: { status: "ACTIVE", type: "SINGLE", topics: { some: { topicCode: topic } } },
    orderBy: { id: "asc" },
    skip,
  });
  const content = await contentOf(q.latestVersionId!);
  if (content.answer.type !== "SINGLE") throw new Error("not single choice");
  const correct = content.answer.correct;
  const wrong = content.options.find((o) => o.key !== correct)!.key;
  return { id: q.id, versionId: q.latestVersionId!, correct, wrong };
}

const practiceCount = () => db.practiceAnswer.count({ where: { personId: learner.personId } });
const entryOf = (questionId: string) => db.notebookEntry.findUniqueOrThrow({ where: { personId_questionId: { personId: learner.personId, questionId } } });

describe("practice topics", () => {
  it("counts the active objective questions the learner can practise per topic, subtopics included", async () => {
    const { topics, total } = await practiceTopics(learner);
    expect(total).toBeGreaterThan(0);
    const law = topics.find((t) => t.code === "LAW")!;
    const children = topics.filter((t) => t.code.startsWith("LAW."));
    expect(law.depth).toBe(0);
    expect(children.every((c) => c.depth === 1)).toBe(true);
    expect(law.total).toBeGreaterThan(0);
    // Every child's questions are the parent's too (a question citing two children counts once).
    for (const c of children) expect(c.total).toBeLessThanOrEqual(law.total);
    expect(law.total).toBeLessThanOrEqual(children.reduce((s, c) => s + c.total, 0) + law.byType.SINGLE + law.byType.MULTIPLE + law.byType.TRUE_FALSE + law.byType.FILL_BLANK);
    expect(law.total).toBe(Object.values(law.byType).reduce((s, n) => s + n, 0));

    // The count of a leaf equals the active, non-case-analysis questions tagged with it.
    const expected = await db.question.count({ where: { status: "ACTIVE", type: { not: "CASE_ANALYSIS" }, topics: { some: { topicCode: "DOM.AIR" } } } });
    expect(topics.find((t) => t.code === "DOM.AIR")!.total).toBe(expected);
  });
});

describe("the next practice question", () => {
  it("never carries the answer key", async () => {
    for (const type of ["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_BLANK"]) {
      const q = await nextPracticeQuestion(learner, { topicCode: "DOM", type });
      expect(q, type).not.toBeNull();
      expect(Object.keys(q!).sort()).toEqual(["blanks", "id", "options", "stem", "type", "versionId"]);
      expect(q!.type).toBe(type);
      const serialized = JSON.stringify(q);
      expect(serialized).not.toMatch(/"answer"|"correct"|"explanation"|"notes"|"accepted"|"rubric"/);
      for (const o of q!.options) expect(Object.keys(o).sort()).toEqual(["key", "text"]);
      if (type === "FILL_BLANK") expect(q!.blanks).toBeGreaterThan(0);
    }
  });

  it("a single-choice question's correct option is not marked in any way", async () => {
    const q = (await nextPracticeQuestion(learner, { topicCode: "DOM.AIR", type: "SINGLE" }))!;
    const content = await contentOf(q.versionId);
    if (content.answer.type !== "SINGLE") throw new Error("not single choice");
    const correct = q.options.find((o) => o.key === (content.answer as { correct: string }).correct)!;
    // The correct option looks exactly like every other option: a key and its text.
    expect(correct).toEqual({ key: correct.key, text: correct.text });
    expect(JSON.stringify(q)).not.toContain(`"correct"`);
  });

  it("offers no case analysis and nothing for an unknown topic", async () => {
    expect(await nextPracticeQuestion(learner, { topicCode: "DOM", type: "CASE_ANALYSIS" }).then((q) => q?.type)).not.toBe("CASE_ANALYSIS");
    expect(await nextPracticeQuestion(learner, { topicCode: "NOPE" })).toBeNull();
    // A prefix that is not a parent code ("DOM.AI" is not "DOM.AIR"'s parent) matches nothing.
    expect(await nextPracticeQuestion(learner, { topicCode: "DOM.AI" })).toBeNull();
  });

  it("gives the question answered least recently: never-answered ones first", async () => {
    const first = (await nextPracticeQuestion(learner, { topicCode: "DOM.RAD", type: "SINGLE" }))!;
    const content = await contentOf(first.versionId);
    await answerPractice(learner, { questionId: first.id, versionId: first.versionId, response: { type: "SINGLE", choice: (content.answer as { correct: string }).correct } });
    for (let i = 0; i < 10; i++) {
      const next = (await nextPracticeQuestion(learner, { topicCode: "DOM.RAD", type: "SINGLE" }))!;
      expect(next.id).not.toBe(first.id);
    }
  });
});

describe("answering and the notebook", () => {
  it("checks on the server, returns the key and explanation, and appends the answer", async () => {
    const q = await singleChoice("EMRG");
    const before = await practiceCount();
    const right = await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.correct } });
    expect(right).toMatchObject({ ok: true, correct: true, correctAnswer: { type: "SINGLE", keys: [q.correct] }, notebook: null });
    expect(await practiceCount()).toBe(before + 1);
    // A correct answer outside the notebook adds nothing to it.
    expect(await db.notebookEntry.count({ where: { personId: learner.personId, questionId: q.id } })).toBe(0);
  });

  it("refuses an empty or mistyped answer without recording it", async () => {
    const q = await singleChoice("EMRG");
    const before = await practiceCount();
    expect(await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: null } })).toEqual({ ok: false, error: "practice.errors.noAnswer" });
    expect(await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "TRUE_FALSE", value: true } })).toEqual({ ok: false, error: "practice.errors.invalidAnswer" });
    expect(await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE" } })).toEqual({ ok: false, error: "practice.errors.invalidAnswer" });
    expect(await practiceCount()).toBe(before);
  });

  it("answers 404 for a version of another question, a case analysis, or a question outside the learner's banks", async () => {
    const a = await singleChoice("EMRG", 0);
    const b = await singleChoice("EMRG", 1);
    await expectNotFound(answerPractice(learner, { questionId: a.id, versionId: b.versionId, response: { type: "SINGLE", choice: "A" } }));
    const caseQ = await db.question.findFirstOrThrow({ where: { status: "ACTIVE", type: "CASE_ANALYSIS" } });
    await expectNotFound(answerPractice(learner, { questionId: caseQ.id, versionId: caseQ.latestVersionId!, response: { type: "CASE_ANALYSIS", text: "答" } }));

    // Move a question into another province's bank: 浙江's learner can no longer practise it.
    const other = await db.questionBank.findFirstOrThrow({ where: { unit: { level: "PROVINCE", NOT: { path: { startsWith: learner.unitPath.split("/").slice(0, 3).join("/") + "/" } } } } });
    const moved = await singleChoice("EMRG", 2);
    const original = await db.question.findUniqueOrThrow({ where: { id: moved.id } });
    await write((tx) => tx.question.update({ where: { id: moved.id }, data: { bankId: other.id } }));
    try {
      await expectNotFound(answerPractice(learner, { questionId: moved.id, versionId: moved.versionId, response: { type: "SINGLE", choice: moved.correct } }));
      for (let i = 0; i < 20; i++) expect((await nextPracticeQuestion(learner, { topicCode: "EMRG", type: "SINGLE" }))!.id).not.toBe(moved.id);
    } finally {
      await write((tx) => tx.question.update({ where: { id: moved.id }, data: { bankId: original.bankId } }));
    }
  });

  it("a wrong answer adds an entry due the next morning at 04:00 Shanghai; two correct reviews when due clear it", async () => {
    const q = await singleChoice("DOM.SOLID");
    const missedAt = shanghai("2026-03-10T18:30:00");
    const before = await practiceCount();

    const wrong = await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.wrong } }, missedAt);
    expect(wrong).toMatchObject({ ok: true, correct: false, correctAnswer: { type: "SINGLE", keys: [q.correct] }, notebook: { outcome: "added", correctStreak: 0, cleared: false } });
    if (!wrong.ok) throw new Error("unexpected");
    expect(typeof wrong.explanation).toBe("string");
    const dayOne = shanghai("2026-03-11T04:00:00");
    expect(wrong.notebook!.dueAt).toEqual(dayOne);
    expect(await entryOf(q.id)).toMatchObject({ dueAt: dayOne, correctStreak: 0, cleared: false, reviews: 0 });

    // Not due yet: in "later", nothing to review.
    const evening = await notebook(learner, shanghai("2026-03-10T23:00:00"));
    expect(evening.later.map((e) => e.questionId)).toContain(q.id);
    expect(evening.due.map((e) => e.questionId)).not.toContain(q.id);

    // A correct answer before it is due proves nothing: the streak stays.
    const early = await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.correct }, fromNotebook: true }, shanghai("2026-03-10T23:00:00"));
    expect(early).toMatchObject({ ok: true, correct: true, notebook: { outcome: "early", correctStreak: 0, cleared: false } });
    expect(await entryOf(q.id)).toMatchObject({ dueAt: dayOne, correctStreak: 0, cleared: false, reviews: 1 });

    // Due the next morning: it is the oldest due entry and comes up for review, without its key.
    const morning = shanghai("2026-03-11T07:00:00");
    expect((await notebook(learner, morning)).due.map((e) => e.questionId)).toContain(q.id);
    expect(dueNotebookCount(learner, morning)).toBe(dueNotebookCount(learner, shanghai("2026-03-10T23:00:00")) + 1);
    const review = (await nextNotebookQuestion(learner, morning))!;
    expect(review).not.toBeNull();
    expect(JSON.stringify(review.question)).not.toMatch(/"answer"|"correct"|"explanation"/);

    const first = await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.correct }, fromNotebook: true }, morning);
    const dayFour = shanghai("2026-03-14T04:00:00");
    expect(first).toMatchObject({ ok: true, correct: true, notebook: { outcome: "advanced", correctStreak: 1, cleared: false, dueAt: dayFour } });

    const second = await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.correct }, fromNotebook: true }, shanghai("2026-03-14T09:00:00"));
    expect(second).toMatchObject({ ok: true, correct: true, notebook: { outcome: "cleared", correctStreak: 2, cleared: true, dueAt: null } });
    expect(await entryOf(q.id)).toMatchObject({ correctStreak: 2, cleared: true, reviews: 3 });
    const later = await notebook(learner, shanghai("2026-03-20T09:00:00"));
    expect(later.cleared.map((e) => e.questionId)).toContain(q.id);
    expect([...later.due, ...later.later].map((e) => e.questionId)).not.toContain(q.id);

    // Every answer was appended: one per call, flagged when given from the notebook.
    expect(await practiceCount()).toBe(before + 4);
    const rows = await db.practiceAnswer.findMany({ where: { personId: learner.personId, questionId: q.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.correct, r.fromNotebook])).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [true, true],
    ]);
  });

  it("a wrong review restarts the entry, even a cleared one", async () => {
    const q = await singleChoice("DOM.SOLID", 1);
    await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.wrong } }, shanghai("2026-04-01T10:00:00"));
    await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.correct }, fromNotebook: true }, shanghai("2026-04-02T10:00:00"));
    expect(await entryOf(q.id)).toMatchObject({ correctStreak: 1 });
    const wrong = await answerPractice(learner, { questionId: q.id, versionId: q.versionId, response: { type: "SINGLE", choice: q.wrong }, fromNotebook: true }, shanghai("2026-04-03T10:00:00"));
    expect(wrong).toMatchObject({ ok: true, correct: false, notebook: { outcome: "restarted", correctStreak: 0, dueAt: shanghai("2026-04-04T04:00:00") } });
  });

  it("practice answers are append-only", async () => {
    const before = await practiceCount();
    expect(before).toBeGreaterThan(0);
    await expect(write((tx) => tx.practiceAnswer.deleteMany({ where: { personId: learner.personId } }))).rejects.toThrow();
    await expect(write((tx) => tx.practiceAnswer.updateMany({ where: { personId: learner.personId }, data: { correct: true } }))).rejects.toThrow();
    await expect(write((tx) => tx.notebookEntry.deleteMany({ where: { personId: learner.personId } }))).rejects.toThrow();
    expect(await practiceCount()).toBe(before);
  });
});

describe("exam misses", () => {
  it("questions missed in an exam show in the notebook and can be reviewed", async () => {
    const { examId } = await publishedExam();
    const candidate = learner;
    const started = await startAttempt(candidate, examId, { deviceId: "device-0001", accessCode: null });
    if (!started.ok) throw new Error(`not started: ${started.error}`);
    await submitOwnAttempt(candidate, started.attemptId);
    // Nothing was answered: every objective item is a miss, due tomorrow.
    const items = await db.attemptItem.findMany({ where: { attemptId: started.attemptId }, select: { questionId: true } });
    const types = new Map((await db.question.findMany({ where: { id: { in: items.map((i) => i.questionId) } }, select: { id: true, type: true } })).map((q) => [q.id, q.type]));
    const objective = items.filter((i) => types.get(i.questionId) !== "CASE_ANALYSIS").map((i) => i.questionId);
    expect(objective.length).toBeGreaterThan(0);
    const tomorrow = new Date(Date.now() + 36 * 3_600_000);
    const book = await notebook(candidate, tomorrow);
    expect(book.due.map((e) => e.questionId)).toEqual(expect.arrayContaining(objective));
    expect(book.due.every((e) => e.stemPreview.length > 0)).toBe(true);
    const next = (await nextNotebookQuestion(candidate, tomorrow))!;
    // The longest-waiting due entry comes first (earlier tests left some of their own).
    expect(next.question.id).toBe(book.due[0].questionId);
    expect(next.due).toBe(book.due.length);
  });
});
