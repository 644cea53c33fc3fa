import { describe, expect, it } from "vitest";
import type { Answer } from "./content";
import {
  DUPLICATE_THRESHOLD,
  QUESTION_STATUSES,
  nextStatus,
  normalizeStem,
  rubricTotal,
  score,
  statusAfterEdit,
  stemSimilarity,
  type QuestionStatus,
  type ReviewAction,
} from "./rules";

const AUTHOR = "user-author";
const SUBMITTER = "user-submitter";
const REVIEWER = "user-reviewer";
const people = (actorId: string) => ({ actorId, latestAuthorId: AUTHOR, submittedById: SUBMITTER });

describe("nextStatus: the review workflow", () => {
  it("submits only a draft", () => {
    expect(nextStatus("DRAFT", "submit", people(AUTHOR))).toEqual({ ok: true, status: "IN_REVIEW" });
    for (const status of ["IN_REVIEW", "ACTIVE", "RETIRED"] as const) {
      expect(nextStatus(status, "submit", people(AUTHOR)), status).toEqual({ ok: false, error: "questions.errors.notDraft" });
    }
  });

  it("approves into ACTIVE and returns into DRAFT, only from IN_REVIEW", () => {
    expect(nextStatus("IN_REVIEW", "approve", people(REVIEWER))).toEqual({ ok: true, status: "ACTIVE" });
    expect(nextStatus("IN_REVIEW", "return", people(REVIEWER))).toEqual({ ok: true, status: "DRAFT" });
    for (const status of ["DRAFT", "ACTIVE", "RETIRED"] as const) {
      for (const action of ["approve", "return"] as const) {
        expect(nextStatus(status, action, people(REVIEWER)), `${action} from ${status}`).toEqual({ ok: false, error: "questions.errors.notInReview" });
      }
    }
  });

  it("does not let the latest author or the submitter review their own question", () => {
    for (const action of ["approve", "return"] as const) {
      expect(nextStatus("IN_REVIEW", action, people(AUTHOR))).toEqual({ ok: false, error: "questions.errors.selfReview" });
      expect(nextStatus("IN_REVIEW", action, people(SUBMITTER))).toEqual({ ok: false, error: "questions.errors.selfReview" });
    }
    // Author and submitter are the same person (the usual case).
    expect(nextStatus("IN_REVIEW", "approve", { actorId: AUTHOR, latestAuthorId: AUTHOR, submittedById: AUTHOR })).toEqual({
      ok: false,
      error: "questions.errors.selfReview",
    });
  });

  it("treats an unknown author (imported/seeded, null) as nobody: anyone else may review", () => {
    expect(nextStatus("IN_REVIEW", "approve", { actorId: REVIEWER, latestAuthorId: null, submittedById: null })).toEqual({ ok: true, status: "ACTIVE" });
  });

  it("retires anything not yet retired, and reinstates a retired question as a draft", () => {
    for (const status of ["DRAFT", "IN_REVIEW", "ACTIVE"] as const) {
      expect(nextStatus(status, "retire", people(AUTHOR)), status).toEqual({ ok: true, status: "RETIRED" });
      expect(nextStatus(status, "reinstate", people(AUTHOR)), status).toEqual({ ok: false, error: "questions.errors.notRetired" });
    }
    expect(nextStatus("RETIRED", "retire", people(AUTHOR))).toEqual({ ok: false, error: "questions.errors.alreadyRetired" });
    expect(nextStatus("RETIRED", "reinstate", people(AUTHOR))).toEqual({ ok: true, status: "DRAFT" });
  });

  it("never jumps from DRAFT straight to ACTIVE by any action", () => {
    const actions: ReviewAction[] = ["submit", "approve", "return", "retire", "reinstate"];
    for (const action of actions) {
      const result = nextStatus("DRAFT", action, people(REVIEWER));
      if (result.ok) expect(result.status, action).not.toBe("ACTIVE");
    }
  });
});

describe("statusAfterEdit", () => {
  it("keeps drafts and active questions, sends an edited in-review question back to draft, refuses retired ones", () => {
    const expected: Record<QuestionStatus, QuestionStatus | null> = { DRAFT: "DRAFT", IN_REVIEW: "DRAFT", ACTIVE: "ACTIVE", RETIRED: null };
    for (const status of QUESTION_STATUSES) expect(statusAfterEdit(status), status).toBe(expected[status]);
  });
});

describe("normalizeStem", () => {
  it("ignores punctuation, spacing, full-width forms, letter case and blanks", () => {
    const a = normalizeStem("《中华人民共和国环境保护法》自何时起施行？");
    expect(a).toBe("中华人民共和国环境保护法自何时起施行");
    expect(normalizeStem("  中华人民共和国环境保护法 自何时起施行?  ")).toBe(a);
    expect(normalizeStem("“中华人民共和国环境保护法”，自何时起施行！")).toBe(a);
  });

  it("folds full-width letters and digits and upper case", () => {
    expect(normalizeStem("ＰＭ２．５ 浓度超过 ＧＢ３０９５—２０１２")).toBe(normalizeStem("pm2.5浓度超过gb3095-2012"));
    expect(normalizeStem("ＰＭ２．５")).toBe("pm25");
  });

  it("drops fill-in blanks of any length", () => {
    expect(normalizeStem("按日连续处罚的起算日为____。")).toBe(normalizeStem("按日连续处罚的起算日为________"));
    expect(normalizeStem("按日连续处罚的起算日为____。")).toBe("按日连续处罚的起算日为");
  });
});

describe("stemSimilarity", () => {
  const base = "企业事业单位和其他生产经营者违法排放污染物，受到罚款处罚，被责令改正，拒不改正的，可以按照原处罚数额按日连续处罚。";

  it("is 1 for identical stems, also after normalisation", () => {
    expect(stemSimilarity(normalizeStem(base), normalizeStem(base))).toBe(1);
    expect(stemSimilarity(normalizeStem(base), normalizeStem(` ${base.replace(/，/g, ",")} `))).toBe(1);
  });

  it("rates a one- or two-character change as a duplicate", () => {
    const changed = base.replace("可以", "应当");
    const s = stemSimilarity(normalizeStem(base), normalizeStem(changed));
    expect(s).toBeLessThan(1);
    expect(s).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(DUPLICATE_THRESHOLD).toBe(0.85);
  });

  it("rates unrelated stems low", () => {
    const other = "现场检查时，执法人员不得少于几人，并应当出示执法证件？";
    expect(stemSimilarity(normalizeStem(base), normalizeStem(other))).toBeLessThan(0.3);
    expect(stemSimilarity("abcdef", "uvwxyz")).toBe(0);
  });

  it("is symmetric", () => {
    const a = normalizeStem(base);
    const b = normalizeStem(base.slice(0, 30));
    expect(stemSimilarity(a, b)).toBeCloseTo(stemSimilarity(b, a), 10);
  });
});

describe("score", () => {
  const single = { answer: { type: "SINGLE", correct: "C" } as Answer };
  const trueFalse = { answer: { type: "TRUE_FALSE", correct: false } as Answer };
  const allOrNothing = { answer: { type: "MULTIPLE", correct: ["A", "B", "D"], scoring: "ALL_OR_NOTHING" } as Answer };
  const partial = { answer: { type: "MULTIPLE", correct: ["A", "B", "D"], scoring: "PARTIAL" } as Answer };

  it("SINGLE: the correct letter scores 1, anything else 0", () => {
    expect(score(single, { type: "SINGLE", choice: "C" })).toBe(1);
    expect(score(single, { type: "SINGLE", choice: "A" })).toBe(0);
    expect(score(single, { type: "SINGLE", choice: null })).toBe(0);
    // A response of another shape never earns marks.
    expect(score(single, { type: "MULTIPLE", choices: ["C"] })).toBe(0);
  });

  it("TRUE_FALSE: only the right value scores; no answer is wrong, not right", () => {
    expect(score(trueFalse, { type: "TRUE_FALSE", value: false })).toBe(1);
    expect(score(trueFalse, { type: "TRUE_FALSE", value: true })).toBe(0);
    expect(score(trueFalse, { type: "TRUE_FALSE", value: null })).toBe(0);
  });

  it("MULTIPLE all-or-nothing: exactly the correct set, in any order", () => {
    expect(score(allOrNothing, { type: "MULTIPLE", choices: ["D", "A", "B"] })).toBe(1);
    expect(score(allOrNothing, { type: "MULTIPLE", choices: ["A", "B"] })).toBe(0);
    expect(score(allOrNothing, { type: "MULTIPLE", choices: ["A", "B", "C", "D"] })).toBe(0);
    expect(score(allOrNothing, { type: "MULTIPLE", choices: [] })).toBe(0);
  });

  it("MULTIPLE partial: any wrong choice scores 0, otherwise the share of correct options chosen", () => {
    expect(score(partial, { type: "MULTIPLE", choices: ["A", "B", "D"] })).toBe(1);
    expect(score(partial, { type: "MULTIPLE", choices: ["A", "D"] })).toBeCloseTo(2 / 3, 10);
    expect(score(partial, { type: "MULTIPLE", choices: ["B"] })).toBeCloseTo(1 / 3, 10);
    expect(score(partial, { type: "MULTIPLE", choices: ["A", "B", "C"] })).toBe(0);
    expect(score(partial, { type: "MULTIPLE", choices: ["A", "B", "C", "D"] })).toBe(0);
    expect(score(partial, { type: "MULTIPLE", choices: [] })).toBe(0);
    // Ticking a correct option twice does not count twice.
    expect(score(partial, { type: "MULTIPLE", choices: ["A", "A"] })).toBeCloseTo(1 / 3, 10);
  });

  describe("FILL_BLANK", () => {
    const blanks = (caseSensitive: boolean, ignoreWhitespace: boolean): { answer: Answer } => ({
      answer: {
        type: "FILL_BLANK",
        blanks: [{ accepted: ["次日", "第二日"] }, { accepted: ["COD"] }],
        caseSensitive,
        ignoreWhitespace,
      },
    });

    it("accepts any listed answer per blank and gives the share of blanks right", () => {
      const q = blanks(false, true);
      expect(score(q, { type: "FILL_BLANK", blanks: ["次日", "COD"] })).toBe(1);
      expect(score(q, { type: "FILL_BLANK", blanks: ["第二日", "COD"] })).toBe(1);
      expect(score(q, { type: "FILL_BLANK", blanks: ["当日", "COD"] })).toBe(0.5);
      expect(score(q, { type: "FILL_BLANK", blanks: ["次日"] })).toBe(0.5);
      expect(score(q, { type: "FILL_BLANK", blanks: [] })).toBe(0);
    });

    it("ignores case and whitespace by default, and full-width forms always", () => {
      const q = blanks(false, true);
      expect(score(q, { type: "FILL_BLANK", blanks: [" 次 日 ", "cod"] })).toBe(1);
      expect(score(q, { type: "FILL_BLANK", blanks: ["次日", "ＣＯＤ"] })).toBe(1);
    });

    it("honours case sensitivity", () => {
      const q = blanks(true, true);
      expect(score(q, { type: "FILL_BLANK", blanks: ["次日", "cod"] })).toBe(0.5);
      expect(score(q, { type: "FILL_BLANK", blanks: ["次日", "COD"] })).toBe(1);
    });

    it("keeps inner whitespace significant when asked, but still trims the ends", () => {
      const q = blanks(false, false);
      expect(score(q, { type: "FILL_BLANK", blanks: ["次 日", " COD "] })).toBe(0.5);
      expect(score(q, { type: "FILL_BLANK", blanks: [" 次日 ", "COD"] })).toBe(1);
    });

    it("never accepts an empty answer", () => {
      const q = { answer: { type: "FILL_BLANK", blanks: [{ accepted: ["   "] }], caseSensitive: false, ignoreWhitespace: true } as Answer };
      expect(score(q, { type: "FILL_BLANK", blanks: [""] })).toBe(0);
      expect(score(q, { type: "FILL_BLANK", blanks: ["  "] })).toBe(0);
    });
  });

  it("CASE_ANALYSIS is marked by a person: null", () => {
    const q = { answer: { type: "CASE_ANALYSIS", modelAnswer: "应当责令停产整治。", rubric: [{ criterion: "定性准确", points: 4 }] } as Answer };
    expect(score(q, { type: "CASE_ANALYSIS", text: "应当责令停产整治。" })).toBeNull();
  });
});

describe("rubricTotal", () => {
  it("adds the rubric points of a case-analysis question", () => {
    const q = {
      answer: {
        type: "CASE_ANALYSIS",
        modelAnswer: "…",
        rubric: [
          { criterion: "违法行为定性准确", points: 4 },
          { criterion: "法律依据引用正确", points: 3.5 },
          { criterion: "处罚程序完整", points: 2.5 },
        ],
      } as Answer,
    };
    expect(rubricTotal(q)).toBe(10);
  });

  it("is 0 for objective questions", () => {
    expect(rubricTotal({ answer: { type: "SINGLE", correct: "A" } })).toBe(0);
  });
});
