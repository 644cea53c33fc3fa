import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { QuestionType } from "~/modules/questions/content";
import { topicMatches, type BlueprintCell } from "~/modules/syllabus/rules";

/*
 * Drawing an exam paper from a blueprint (考试大纲) and a question pool. Pure and
 * deterministic: the same seed, cells and pool always give the same paper, which is how
 * a candidate's paper is reproduced later (for review, appeals or re-grading) without
 * storing it. No I/O.
 *
 * What a paper depends on, exactly: the seed string, the cells in their order, and the
 * *set* of pool questions (the pool is sorted by questionId here, so the order the
 * database returns rows in does not matter). Changing this algorithm, the seed hash or the
 * pure-rand generator changes every paper, so treat them as frozen once papers exist.
 */

export type PoolQuestion = {
  questionId: string;
  versionId: string;
  type: QuestionType;
  difficulty: number;
  topicCodes: string[];
  optionKeys: string[];
};

export type DrawCell = Pick<BlueprintCell, "topicCode" | "type" | "difficultyMin" | "difficultyMax" | "count" | "points">;

export type PaperItem = {
  /** 1-based over the whole paper. */
  position: number;
  questionId: string;
  versionId: string;
  /** Index of the blueprint cell this question fills. */
  cellIndex: number;
  points: number;
  type: QuestionType;
  /** Option keys in the order shown to the candidate. */
  optionOrder: string[];
};

export type CellAvailability = {
  cellIndex: number;
  /** The cell's count. */
  needed: number;
  /** Distinct pool questions matching the cell, whether or not other cells want them too. */
  available: number;
  /** Slots left empty in a maximum assignment of distinct questions to all cells. */
  short: number;
};

export type Availability = { cells: CellAvailability[]; feasible: boolean; shortTotal: number };

export type DrawOptions = { shuffleQuestions: boolean; shuffleOptions: boolean };

/** Thrown when the pool cannot fill the blueprint; `availability` says which cells are short. */
export class PaperShortError extends Error {
  readonly availability: Availability;
  constructor(availability: Availability) {
    super(`The question pool cannot fill the blueprint: ${availability.shortTotal} question(s) short`);
    this.name = "PaperShortError";
    this.availability = availability;
  }
}

/** Spelled out rather than taken from QUESTION_TYPES so reordering that list cannot reorder papers. */
const SECTION_ORDER: Record<QuestionType, number> = { SINGLE: 0, MULTIPLE: 1, TRUE_FALSE: 2, FILL_BLANK: 3, CASE_ANALYSIS: 4 };

/** Paper section order: 单选, 多选, 判断, 填空, 案例分析. */
export function typeOrder(type: QuestionType): number {
  return SECTION_ORDER[type];
}

/** Same type, difficulty within the cell's range, and some topic under the cell's topic. */
export function cellMatches(cell: DrawCell, q: PoolQuestion): boolean {
  if (q.type !== cell.type || q.difficulty < cell.difficultyMin || q.difficulty > cell.difficultyMax) return false;
  return q.topicCodes.some((t) => topicMatches(cell.topicCode, t));
}

// ---------------------------------------------------------------------------
// Prepared pool
// ---------------------------------------------------------------------------

/**
 * Everything about (cells, pool) that does not depend on the seed, computed once per exam
 * so each candidate's draw only touches the questions it picks. Holds scratch buffers
 * that drawFromPrepared reuses: fine because a draw is synchronous and always restores
 * them, but do not share one between worker threads.
 */
export type PreparedPool = {
  readonly cells: readonly DrawCell[];
  readonly availability: Availability;
  /** Internal state; not part of the API. */
  readonly internal: Matching;
};

/**
 * Cells have `count` interchangeable slots; a slot holds one question; a question sits in
 * at most one slot. Questions are indices into `questions` (sorted by questionId).
 */
type Matching = {
  questions: PoolQuestion[];
  /** Per cell: indices of matching questions, ascending (permuted and restored during a draw). */
  candidates: Int32Array[];
  /** Cells by fewest candidates first: the most constrained cells choose before broad ones. */
  drawOrder: Int32Array;
  /** Cells by (typeOrder, cell index): the paper's layout. */
  layout: Int32Array;
  /** Cell c's slots are slotStart[c] .. slotStart[c + 1] - 1. */
  slotStart: Int32Array;
  slotCell: Int32Array;
  slotQuestion: Int32Array;
  filled: Int32Array;
  /** usedMark[q] === generation ⇔ question q sits in a slot in the current draw (no clearing per draw). */
  usedMark: Uint32Array;
  generation: number;
  slotOf: Int32Array;
  /** Undo log for the partial Fisher–Yates over one cell's candidates. */
  undo: Int32Array;
  // Breadth-first search scratch for augmenting paths.
  queue: Int32Array;
  visited: Uint32Array;
  visitGeneration: number;
  parentCell: Int32Array;
  parentQuestion: Int32Array;
};

export function preparePool(cells: DrawCell[], pool: PoolQuestion[]): PreparedPool {
  for (const c of cells) {
    if (!Number.isInteger(c.count) || c.count < 0) throw new RangeError(`Blueprint cell count must be a non-negative integer, got ${c.count}`);
  }
  // Sorted by id (plain code-unit order, not locale-dependent) so the paper does not
  // depend on the order the pool was loaded in.
  const questions = [...pool].sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
  for (let i = 1; i < questions.length; i++) {
    // Two versions of one question would let it appear twice; which one to use is the caller's call.
    if (questions[i].questionId === questions[i - 1].questionId) throw new Error(`Question ${questions[i].questionId} is in the pool more than once`);
  }

  const n = cells.length;
  const candidates = cells.map((cell) => {
    const list: number[] = [];
    for (let q = 0; q < questions.length; q++) if (cellMatches(cell, questions[q])) list.push(q);
    return Int32Array.from(list);
  });
  const drawOrder = Int32Array.from(cells.keys()).sort((a, b) => candidates[a].length - candidates[b].length || a - b);
  const layout = Int32Array.from(cells.keys()).sort((a, b) => typeOrder(cells[a].type) - typeOrder(cells[b].type) || a - b);
  const slotStart = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) slotStart[c + 1] = slotStart[c] + cells[c].count;
  const slotCell = new Int32Array(slotStart[n]);
  for (let c = 0; c < n; c++) slotCell.fill(c, slotStart[c], slotStart[c + 1]);

  const m: Matching = {
    questions,
    candidates,
    drawOrder,
    layout,
    slotStart,
    slotCell,
    slotQuestion: new Int32Array(slotStart[n]),
    filled: new Int32Array(n),
    usedMark: new Uint32Array(questions.length),
    generation: 0,
    slotOf: new Int32Array(questions.length),
    undo: new Int32Array(Math.max(0, ...candidates.map((c) => c.length))),
    queue: new Int32Array(n),
    visited: new Uint32Array(n),
    visitGeneration: 0,
    parentCell: new Int32Array(n),
    parentQuestion: new Int32Array(n),
  };

  // Maximum assignment: greedy in draw order, then one augmenting-path search per unfilled
  // slot. A cell whose search fails once can never be extended later (augmenting
  // elsewhere does not open a path to it), so one failure per cell ends its search and
  // the result is a maximum matching (Kuhn's algorithm with cell capacities).
  beginDraw(m);
  for (const c of drawOrder) {
    const list = candidates[c];
    for (let i = 0; i < list.length && m.filled[c] < cells[c].count; i++) if (m.usedMark[list[i]] !== m.generation) place(m, c, list[i]);
  }
  for (const c of drawOrder) {
    while (m.filled[c] < cells[c].count) if (!augment(m, c, null)) break;
  }

  const cellsAvailability = cells.map((cell, c) => ({ cellIndex: c, needed: cell.count, available: candidates[c].length, short: cell.count - m.filled[c] }));
  const shortTotal = cellsAvailability.reduce((s, c) => s + c.short, 0);
  return { cells, availability: { cells: cellsAvailability, feasible: shortTotal === 0, shortTotal }, internal: m };
}

/**
 * How well the pool covers the blueprint, exact when cells overlap (a question counts
 * for one cell only). Which cell is reported short is a choice when several could be:
 * the narrowest cells are filled first, so the shortage lands on the broader cells.
 */
export function availability(cells: DrawCell[], pool: PoolQuestion[]): Availability {
  return preparePool(cells, pool).availability;
}

/** Draws one paper; throws PaperShortError when the pool cannot fill the blueprint. */
export function drawPaper(seed: string, cells: DrawCell[], pool: PoolQuestion[], options: DrawOptions): PaperItem[] {
  return drawFromPrepared(seed, preparePool(cells, pool), options);
}

export function drawFromPrepared(seed: string, prepared: PreparedPool, options: DrawOptions): PaperItem[] {
  if (!prepared.availability.feasible) throw new PaperShortError(prepared.availability);
  const m = prepared.internal;
  const cells = prepared.cells;
  const rng = rngFromSeed(seed);
  beginDraw(m);

  // Questions first, then layout and options, so the shuffle settings never change which
  // questions a seed gives.
  for (const c of m.drawOrder) {
    const need = cells[c].count;
    const list = m.candidates[c];
    const len = list.length;
    // Partial Fisher–Yates: each step moves a uniformly chosen not-yet-seen candidate to
    // position i. Candidates already taken by an earlier cell are passed over, so the
    // cell gets a uniform sample of what is left.
    let i = 0;
    while (m.filled[c] < need && i < len) {
      const j = uniformInt(rng, i, len - 1);
      const q = list[j];
      list[j] = list[i];
      list[i] = q;
      m.undo[i++] = j;
      if (m.usedMark[q] !== m.generation) place(m, c, q);
    }
    // Restore the ascending order so the next draw does not depend on this one.
    while (i > 0) {
      const j = m.undo[--i];
      const q = list[j];
      list[j] = list[i];
      list[i] = q;
    }
    // Earlier cells took questions this one needs; the blueprint is feasible, so there is
    // always an augmenting path (some earlier cell can swap to another question).
    while (m.filled[c] < need) if (!augment(m, c, rng)) throw new Error("drawFromPrepared: no augmenting path on a feasible blueprint");
  }

  const items: PaperItem[] = [];
  let sectionStart = 0;
  for (let k = 0; k < m.layout.length; k++) {
    const c = m.layout[k];
    const cell = cells[c];
    const from = m.slotStart[c];
    const to = m.slotStart[c + 1];
    // Unshuffled papers list each cell's questions in bank (questionId) order.
    const picked = m.slotQuestion.slice(from, to);
    if (!options.shuffleQuestions) picked.sort();
    for (const q of picked) {
      const question = m.questions[q];
      items.push({ position: 0, questionId: question.questionId, versionId: question.versionId, cellIndex: c, points: cell.points, type: question.type, optionOrder: question.optionKeys.slice() });
    }
    const sectionEnds = k === m.layout.length - 1 || cells[m.layout[k + 1]].type !== cell.type;
    if (sectionEnds) {
      if (options.shuffleQuestions) shuffle(rng, items, sectionStart, items.length);
      sectionStart = items.length;
    }
  }
  for (let p = 0; p < items.length; p++) {
    const item = items[p];
    item.position = p + 1;
    // Only choice questions have letters worth shuffling; 判断 keeps 正确/错误 in place.
    if (options.shuffleOptions && (item.type === "SINGLE" || item.type === "MULTIPLE")) shuffle(rng, item.optionOrder, 0, item.optionOrder.length);
  }
  return items;
}

// ---------------------------------------------------------------------------
// Matching internals
// ---------------------------------------------------------------------------

function beginDraw(m: Matching): void {
  m.filled.fill(0);
  if (m.generation === 0xffffffff) {
    m.usedMark.fill(0);
    m.generation = 0;
  }
  m.generation++;
}

function place(m: Matching, c: number, q: number): void {
  const slot = m.slotStart[c] + m.filled[c]++;
  m.slotQuestion[slot] = q;
  m.slotOf[q] = slot;
  m.usedMark[q] = m.generation;
}

/**
 * Gives cell `target` one more question along a shortest augmenting path: target takes a
 * question from cell Y1, Y1 takes one from Y2, …, and the last cell takes a free question.
 * Breadth-first over cells (not slots: a cell's slots are interchangeable), so one search
 * costs at most the total length of the candidate lists. With an rng each cell's list is
 * scanned from a random start, so repairs do not always favour low questionIds.
 */
function augment(m: Matching, target: number, rng: RandomGenerator | null): boolean {
  if (m.visitGeneration === 0xffffffff) {
    m.visited.fill(0);
    m.visitGeneration = 0;
  }
  const visit = ++m.visitGeneration;
  let head = 0;
  let tail = 0;
  m.queue[tail++] = target;
  m.visited[target] = visit;
  while (head < tail) {
    const y = m.queue[head++];
    const list = m.candidates[y];
    const len = list.length;
    if (len === 0) continue;
    const start = rng ? uniformInt(rng, 0, len - 1) : 0;
    for (let k = 0; k < len; k++) {
      const q = list[(start + k) % len];
      if (m.usedMark[q] !== m.generation) {
        // Free question: shift each question one step back along the path.
        let cell = y;
        let incoming = q;
        while (cell !== target) {
          const given = m.parentQuestion[cell];
          const slot = m.slotOf[given];
          m.slotQuestion[slot] = incoming;
          m.slotOf[incoming] = slot;
          m.usedMark[incoming] = m.generation;
          incoming = given;
          cell = m.parentCell[cell];
        }
        place(m, target, incoming);
        return true;
      }
      const owner = m.slotCell[m.slotOf[q]];
      if (m.visited[owner] !== visit) {
        m.visited[owner] = visit;
        m.parentCell[owner] = y;
        m.parentQuestion[owner] = q;
        m.queue[tail++] = owner;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/** Fisher–Yates over items[from, to). */
function shuffle<T>(rng: RandomGenerator, items: T[], from: number, to: number): void {
  for (let i = to - 1; i > from; i--) {
    const j = uniformInt(rng, from, i);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/** FNV-1a over UTF-16 code units (stable across runtimes), from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** murmur3's finaliser: FNV's low bits mix poorly for short, similar seeds ("exam-1", "exam-2"). */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A generator seeded from 64 bits of the seed string (two FNV-1a hashes) spread over its
 * 128-bit state: pure-rand's numeric seeding takes only 32 bits, where a collision
 * between two candidates' seeds (likely among ~77,000 of them) gives both the same paper.
 * v8 generators are mutable: each draw makes its own.
 */
function rngFromSeed(seed: string): RandomGenerator {
  const a = fnv1a(seed, 0x811c9dc5);
  const b = fnv1a(seed, 0x9e3779b9);
  const state = [fmix32(a), fmix32(b), fmix32(a ^ 0x5bd1e995), fmix32(b ^ 0x27d4eb2f)];
  // xoroshiro's all-zero state is a fixed point.
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  const rng = xoroshiro128plusFromState(state);
  // The first outputs of a freshly seeded xoroshiro128+ are weakly mixed.
  for (let i = 0; i < 8; i++) rng.next();
  return rng;
}
