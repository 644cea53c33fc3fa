import { describe, expect, it } from "vitest";
import type { QuestionType } from "~/modules/questions/content";
import {
  availability,
  cellMatches,
  drawFromPrepared,
  drawPaper,
  PaperShortError,
  preparePool,
  typeOrder,
  type DrawCell,
  type DrawOptions,
  type PaperItem,
  type PoolQuestion,
} from "./draw";

const SHUFFLE: DrawOptions = { shuffleQuestions: true, shuffleOptions: true };
const PLAIN: DrawOptions = { shuffleQuestions: false, shuffleOptions: false };

const CHOICE_KEYS: Record<QuestionType, string[]> = { SINGLE: ["A", "B", "C", "D"], MULTIPLE: ["A", "B", "C", "D", "E"], TRUE_FALSE: [], FILL_BLANK: [], CASE_ANALYSIS: [] };

const question = (id: string, overrides: Partial<PoolQuestion> = {}): PoolQuestion => {
  const type = overrides.type ?? "SINGLE";
  return { questionId: id, versionId: `${id}-v1`, type, difficulty: 3, topicCodes: ["LAW.EPL"], optionKeys: CHOICE_KEYS[type], ...overrides };
};

const cell = (overrides: Partial<DrawCell> = {}): DrawCell => ({ topicCode: "LAW", type: "SINGLE", difficultyMin: 1, difficultyMax: 5, count: 5, points: 1, ...overrides });

/** n questions "prefix-0" … with the given shape. */
const many = (prefix: string, n: number, overrides: Partial<PoolQuestion> = {}): PoolQuestion[] => Array.from({ length: n }, (_, i) => question(`${prefix}-${i}`, overrides));

const ids = (paper: PaperItem[]) => paper.map((i) => i.questionId);

/** Checks everything a paper promises about its blueprint. */
function expectValidPaper(paper: PaperItem[], cells: DrawCell[], pool: PoolQuestion[]) {
  const byId = new Map(pool.map((q) => [q.questionId, q]));
  expect(new Set(ids(paper)).size).toBe(paper.length);
  expect(paper.map((i) => i.position)).toEqual(paper.map((_, k) => k + 1));
  cells.forEach((c, index) => {
    const items = paper.filter((i) => i.cellIndex === index);
    expect(items).toHaveLength(c.count);
    for (const item of items) {
      const q = byId.get(item.questionId);
      expect(q).toBeDefined();
      if (!q) continue;
      expect(cellMatches(c, q)).toBe(true);
      expect(item.points).toBe(c.points);
      expect(item.versionId).toBe(q.versionId);
      expect(item.type).toBe(c.type);
    }
  });
}

/** A small deterministic PRNG for building random test instances (independent of the module). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Independent reference: slot-by-slot Kuhn matching, returning the maximum number of filled slots. */
function maxFilled(cells: DrawCell[], pool: PoolQuestion[]): number {
  const slots = cells.flatMap((c) => Array.from({ length: c.count }, () => c));
  const holder = new Map<string, number>();
  const tryFill = (s: number, seen: Set<string>): boolean => {
    for (const q of pool) {
      if (!cellMatches(slots[s], q) || seen.has(q.questionId)) continue;
      seen.add(q.questionId);
      const h = holder.get(q.questionId);
      if (h === undefined || tryFill(h, seen)) {
        holder.set(q.questionId, s);
        return true;
      }
    }
    return false;
  };
  let filled = 0;
  for (let s = 0; s < slots.length; s++) if (tryFill(s, new Set())) filled++;
  return filled;
}

describe("cellMatches", () => {
  it("needs the same type, a difficulty in range and a topic under the cell's topic", () => {
    const c = cell({ topicCode: "LAW.EPL", difficultyMin: 2, difficultyMax: 3 });
    expect(cellMatches(c, question("q", { topicCodes: ["LAW.EPL.ART59"] }))).toBe(true);
    expect(cellMatches(c, question("q", { topicCodes: ["MON", "LAW.EPL"] }))).toBe(true);
    expect(cellMatches(c, question("q", { topicCodes: ["LAW.EPLX"] }))).toBe(false);
    expect(cellMatches(c, question("q", { topicCodes: ["LAW"] }))).toBe(false);
    expect(cellMatches(c, question("q", { type: "MULTIPLE" }))).toBe(false);
    expect(cellMatches(c, question("q", { difficulty: 4 }))).toBe(false);
    expect(cellMatches(c, question("q", { difficulty: 1 }))).toBe(false);
  });
});

describe("typeOrder", () => {
  it("orders sections single, multiple, true/false, fill-in, case analysis", () => {
    const types: QuestionType[] = ["CASE_ANALYSIS", "TRUE_FALSE", "SINGLE", "FILL_BLANK", "MULTIPLE"];
    expect([...types].sort((a, b) => typeOrder(a) - typeOrder(b))).toEqual(["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_BLANK", "CASE_ANALYSIS"]);
  });
});

describe("drawPaper", () => {
  const pool = [
    ...many("s", 60, { topicCodes: ["LAW.EPL"] }),
    ...many("m", 30, { type: "MULTIPLE", topicCodes: ["LAW.AIR"] }),
    ...many("t", 30, { type: "TRUE_FALSE", topicCodes: ["MON"] }),
  ];
  const cells = [cell({ count: 10, points: 1 }), cell({ type: "MULTIPLE", count: 5, points: 2 }), cell({ type: "TRUE_FALSE", topicCode: "MON", count: 5, points: 0.5 })];

  it("gives the same paper for the same seed", () => {
    const a = drawPaper("exam-1:candidate-7", cells, pool, SHUFFLE);
    expect(drawPaper("exam-1:candidate-7", cells, pool, SHUFFLE)).toEqual(a);
    // Reproducing needs only the same set of questions, not the order they were loaded in.
    expect(drawPaper("exam-1:candidate-7", cells, [...pool].reverse(), SHUFFLE)).toEqual(a);
  });

  it("gives different papers for different seeds", () => {
    const papers = Array.from({ length: 20 }, (_, i) => ids(drawPaper(`exam-1:candidate-${i}`, cells, pool, SHUFFLE)).join(","));
    expect(new Set(papers).size).toBe(20);
    // Also the chosen questions differ, not only their order.
    const sets = Array.from({ length: 20 }, (_, i) => ids(drawPaper(`exam-1:candidate-${i}`, cells, pool, PLAIN)).join(","));
    expect(new Set(sets).size).toBe(20);
  });

  it("fills each cell with exactly its count of matching questions, its points and no duplicates", () => {
    for (let i = 0; i < 50; i++) expectValidPaper(drawPaper(`seed-${i}`, cells, pool, SHUFFLE), cells, pool);
  });

  it("never repeats a question that matches several cells", () => {
    // Every question matches both cells; 10 questions for 10 slots leaves no room for repeats.
    const overlapping = many("q", 10, { topicCodes: ["LAW.EPL"] });
    const both = [cell({ topicCode: "LAW", count: 6 }), cell({ topicCode: "LAW.EPL", count: 4, points: 3 })];
    for (let i = 0; i < 50; i++) {
      const paper = drawPaper(`seed-${i}`, both, overlapping, SHUFFLE);
      expectValidPaper(paper, both, overlapping);
      expect(new Set(ids(paper)).size).toBe(10);
    }
  });

  it("draws an overlapping blueprint that only a careful assignment can fill", () => {
    // Cell 0 (LAW.EPL, 1 question) could take q1 or q2; cell 1 (LAW.AIR, 2 questions) has
    // only q1 and q3, so cell 0 must take q2. Both cells have two candidates, so cell 0 is
    // drawn first and picks q1 for about half the seeds: drawing cell by cell fails there
    // unless the draw repairs it.
    const tight = [question("q1", { topicCodes: ["LAW.EPL", "LAW.AIR"] }), question("q2", { topicCodes: ["LAW.EPL"] }), question("q3", { topicCodes: ["LAW.AIR"] })];
    const tightCells = [cell({ topicCode: "LAW.EPL", count: 1, points: 2 }), cell({ topicCode: "LAW.AIR", count: 2, points: 1 })];
    expect(availability(tightCells, tight).feasible).toBe(true);
    for (let i = 0; i < 100; i++) {
      const paper = drawPaper(`seed-${i}`, tightCells, tight, SHUFFLE);
      expectValidPaper(paper, tightCells, tight);
      expect(paper.find((p) => p.cellIndex === 0)?.questionId).toBe("q2");
    }
  });

  it("draws every feasible random overlapping blueprint, and refuses the infeasible ones", () => {
    const topics = ["LAW", "LAW.EPL", "LAW.AIR", "LAW.EPL.FINE", "MON"];
    let feasibleSeen = 0;
    let infeasibleSeen = 0;
    for (let instance = 0; instance < 300; instance++) {
      const rand = lcg(instance + 1);
      const qs = Array.from({ length: 4 + rand(14) }, (_, i) =>
        question(`q${i}`, { difficulty: 1 + rand(5), topicCodes: Array.from({ length: 1 + rand(2) }, () => topics[1 + rand(topics.length - 1)]) }),
      );
      const cs = Array.from({ length: 1 + rand(4) }, () => {
        const lo = 1 + rand(5);
        return cell({ topicCode: topics[rand(topics.length)], difficultyMin: lo, difficultyMax: lo + rand(6 - lo), count: 1 + rand(4) });
      });
      const needed = cs.reduce((s, c) => s + c.count, 0);
      const best = maxFilled(cs, qs);
      const report = availability(cs, qs);
      expect(report.shortTotal).toBe(needed - best);
      expect(report.feasible).toBe(best === needed);
      if (report.feasible) {
        feasibleSeen++;
        for (let s = 0; s < 5; s++) expectValidPaper(drawPaper(`i${instance}-s${s}`, cs, qs, SHUFFLE), cs, qs);
      } else {
        infeasibleSeen++;
        expect(() => drawPaper(`i${instance}`, cs, qs, SHUFFLE)).toThrow(PaperShortError);
      }
    }
    // The generator must actually exercise both outcomes.
    expect(feasibleSeen).toBeGreaterThan(30);
    expect(infeasibleSeen).toBeGreaterThan(30);
  });

  it("chooses uniformly among a cell's candidates", () => {
    const four = many("q", 4);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const [item] = drawPaper(`seed-${i}`, [cell({ count: 1 })], four, PLAIN);
      counts.set(item.questionId, (counts.get(item.questionId) ?? 0) + 1);
    }
    for (const q of four) expect(counts.get(q.questionId) ?? 0).toBeGreaterThan(850);
  });

  it("lays the paper out in sections by type, cells in blueprint order unless shuffled", () => {
    const mixed = [
      ...many("s", 10),
      ...many("m", 10, { type: "MULTIPLE" }),
      ...many("t", 10, { type: "TRUE_FALSE" }),
      ...many("f", 10, { type: "FILL_BLANK" }),
      ...many("c", 10, { type: "CASE_ANALYSIS" }),
    ];
    const layoutCells = [
      cell({ type: "CASE_ANALYSIS", count: 2, points: 10 }),
      cell({ type: "TRUE_FALSE", count: 3 }),
      cell({ type: "SINGLE", count: 2, difficultyMax: 3 }),
      cell({ type: "MULTIPLE", count: 3, points: 2 }),
      cell({ type: "FILL_BLANK", count: 2 }),
      cell({ type: "SINGLE", count: 3, difficultyMin: 3 }),
    ];
    for (let i = 0; i < 20; i++) {
      for (const options of [PLAIN, SHUFFLE]) {
        const paper = drawPaper(`seed-${i}`, layoutCells, mixed, options);
        expectValidPaper(paper, layoutCells, mixed);
        const order = paper.map((p) => typeOrder(p.type));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        expect(paper[0].type).toBe("SINGLE");
        expect(paper.at(-1)?.type).toBe("CASE_ANALYSIS");
      }
      // Unshuffled: the SINGLE section has cell 2's questions, then cell 5's.
      const plain = drawPaper(`seed-${i}`, layoutCells, mixed, PLAIN);
      expect(plain.slice(0, 5).map((p) => p.cellIndex)).toEqual([2, 2, 5, 5, 5]);
    }
    // Shuffled: some seed interleaves the two SINGLE cells.
    const interleaved = Array.from({ length: 20 }, (_, i) => drawPaper(`seed-${i}`, layoutCells, mixed, SHUFFLE).slice(0, 5).map((p) => p.cellIndex).join(""));
    expect(interleaved.some((s) => s !== "22555")).toBe(true);
  });

  it("shuffles choice options only, and never changes which questions a seed gives", () => {
    const tf = many("t", 10, { type: "TRUE_FALSE", optionKeys: ["T", "F"] });
    const choice = many("s", 10);
    const mixedCells = [cell({ type: "TRUE_FALSE", count: 5 }), cell({ count: 5 })];
    let choiceShuffled = false;
    for (let i = 0; i < 30; i++) {
      const paper = drawPaper(`seed-${i}`, mixedCells, [...tf, ...choice], SHUFFLE);
      for (const item of paper) {
        if (item.type === "TRUE_FALSE") expect(item.optionOrder).toEqual(["T", "F"]);
        else {
          expect([...item.optionOrder].sort()).toEqual(["A", "B", "C", "D"]);
          if (item.optionOrder.join("") !== "ABCD") choiceShuffled = true;
        }
      }
      const plain = drawPaper(`seed-${i}`, mixedCells, [...tf, ...choice], PLAIN);
      expect(plain.every((item) => item.optionOrder.join("") === (item.type === "SINGLE" ? "ABCD" : "TF"))).toBe(true);
      expect(new Set(ids(plain))).toEqual(new Set(ids(paper)));
    }
    expect(choiceShuffled).toBe(true);
  });

  it("throws PaperShortError with the availability when the pool cannot fill the blueprint", () => {
    const small = many("q", 3);
    const tooMany = [cell({ count: 2 }), cell({ count: 2 })];
    let caught: unknown;
    try {
      drawPaper("seed", tooMany, small, SHUFFLE);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PaperShortError);
    expect(caught instanceof PaperShortError && caught.availability.shortTotal).toBe(1);
  });

  it("rejects a pool holding two versions of one question", () => {
    expect(() => drawPaper("seed", [cell({ count: 1 })], [question("q"), question("q", { versionId: "q-v2" })], SHUFFLE)).toThrow(/more than once/);
  });
});

describe("availability", () => {
  it("counts each question once across overlapping cells and reports the short cell", () => {
    // Cell 0 (LAW.EPL ×3) has 3 candidates; cell 1 (LAW ×4) has those 3 plus 2 more. Only 5
    // distinct questions for 7 slots: 2 short, and it is the broader cell that falls short.
    const pool = [...many("epl", 3, { topicCodes: ["LAW.EPL"] }), ...many("air", 2, { topicCodes: ["LAW.AIR"] })];
    const cells = [cell({ topicCode: "LAW.EPL", count: 3 }), cell({ topicCode: "LAW", count: 4 })];
    expect(availability(cells, pool)).toEqual({
      cells: [
        { cellIndex: 0, needed: 3, available: 3, short: 0 },
        { cellIndex: 1, needed: 4, available: 5, short: 2 },
      ],
      feasible: false,
      shortTotal: 2,
    });
  });

  it("is infeasible even when every cell alone has enough questions", () => {
    const pool = many("q", 3);
    const cells = [cell({ topicCode: "LAW.EPL", count: 2 }), cell({ topicCode: "LAW", count: 2 })];
    const report = availability(cells, pool);
    expect(report.cells.map((c) => c.available)).toEqual([3, 3]);
    expect(report.feasible).toBe(false);
    expect(report.shortTotal).toBe(1);
  });

  it("finds the assignment a greedy fill would miss", () => {
    // Greedy in draw order gives cell 0 (narrowest) q1, leaving cell 1 one short; the
    // augmenting path moves cell 0 to q2.
    const pool = [question("q1", { topicCodes: ["LAW.EPL", "LAW.AIR"] }), question("q2", { topicCodes: ["LAW.EPL"] }), question("q3", { topicCodes: ["LAW.AIR"] })];
    const cells = [cell({ topicCode: "LAW.EPL", count: 1 }), cell({ topicCode: "LAW.AIR", count: 2 })];
    expect(availability(cells, pool)).toMatchObject({ feasible: true, shortTotal: 0 });
  });

  it("reports a cell with no matching question", () => {
    const report = availability([cell({ type: "CASE_ANALYSIS", count: 2 }), cell({ count: 1 })], many("q", 1));
    expect(report.cells).toEqual([
      { cellIndex: 0, needed: 2, available: 0, short: 2 },
      { cellIndex: 1, needed: 1, available: 1, short: 0 },
    ]);
  });
});

describe("drawFromPrepared", () => {
  const pool = [...many("a", 200, { topicCodes: ["LAW.EPL"] }), ...many("b", 200, { topicCodes: ["LAW.AIR", "LAW.EPL"] }), ...many("c", 50, { type: "MULTIPLE" })];
  const cells = [cell({ topicCode: "LAW.EPL", count: 20 }), cell({ topicCode: "LAW.AIR", count: 30 }), cell({ topicCode: "LAW", count: 40 }), cell({ type: "MULTIPLE", count: 10, points: 2 })];

  it("matches drawPaper and does not depend on earlier draws", () => {
    const prepared = preparePool(cells, pool);
    const first = drawFromPrepared("candidate-1", prepared, SHUFFLE);
    expect(first).toEqual(drawPaper("candidate-1", cells, pool, SHUFFLE));
    for (let i = 2; i < 40; i++) expectValidPaper(drawFromPrepared(`candidate-${i}`, prepared, SHUFFLE), cells, pool);
    expect(drawFromPrepared("candidate-1", prepared, SHUFFLE)).toEqual(first);
  });

  it("throws PaperShortError for an infeasible prepared pool", () => {
    const prepared = preparePool([cell({ count: 5 })], many("q", 4));
    expect(prepared.availability.shortTotal).toBe(1);
    expect(() => drawFromPrepared("seed", prepared, PLAIN)).toThrow(PaperShortError);
  });
});
