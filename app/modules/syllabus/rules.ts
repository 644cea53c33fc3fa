import { z } from "zod";
import { QUESTION_TYPES } from "~/modules/questions/content";

/** Syllabus audiences: the staff categories plus new recruits (新入职人员). */
export const SYLLABUS_AUDIENCES = ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "NEW_RECRUIT"] as const;
export type SyllabusAudience = (typeof SYLLABUS_AUDIENCES)[number];
export type TopicHours = Partial<Record<SyllabusAudience, number>>;

/** National codes: "LAW", "LAW.EPL". */
export const NATIONAL_CODE = /^[A-Z][A-Z0-9]*(\.[A-Z0-9]+)*$/;
/** Provincial codes carry the province's division code, so they never collide: "330000:LAW.LOCAL1". */
export const PROVINCIAL_CODE = /^\d{6}:[A-Z][A-Z0-9]*(\.[A-Z0-9]+)*$/;

export function provincialCode(provinceCode: string, localCode: string): string {
  return `${provinceCode}:${localCode}`;
}

export function isProvincialCode(code: string): boolean {
  return PROVINCIAL_CODE.test(code);
}

const hoursValue = z.coerce.number().min(0, { message: "syllabus.errors.hours" }).max(200, { message: "syllabus.errors.hours" }).multipleOf(0.5, { message: "syllabus.errors.hours" });

export const topicInputSchema = z.object({
  localCode: z
    .string({ message: "errors.required" })
    .trim()
    .toUpperCase()
    .regex(NATIONAL_CODE, { message: "syllabus.errors.codeFormat" }),
  name: z.string({ message: "errors.required" }).trim().min(2, { message: "errors.tooShort" }).max(60, { message: "errors.tooLong" }),
  description: z.string().trim().max(2_000, { message: "errors.tooLong" }).optional().default(""),
  laws: z.string().trim().max(2_000).optional().default(""),
  ENFORCEMENT: hoursValue.default(0),
  MONITORING: hoursValue.default(0),
  LEADERSHIP: hoursValue.default(0),
  NEW_RECRUIT: hoursValue.default(0),
});

/** "a；b\nc" → ["a", "b", "c"]: laws are entered one per line or separated by ；. */
export function splitLaws(text: string): string[] {
  return text
    .split(/[\n；;]/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export type TopicNode = { code: string; parentCode: string | null; hours: TopicHours };

/** Yearly hours per audience summed over the whole tree. */
export function totalHours(topics: TopicNode[]): Record<SyllabusAudience, number> {
  const total = { ENFORCEMENT: 0, MONITORING: 0, LEADERSHIP: 0, NEW_RECRUIT: 0 };
  for (const t of topics) for (const a of SYLLABUS_AUDIENCES) total[a] += t.hours[a] ?? 0;
  return total;
}

/** Leaf topics (no children) with no active question: where the question bank has gaps. */
export function coverageGaps(topics: TopicNode[], questionCounts: Map<string, number>): string[] {
  const parents = new Set(topics.map((t) => t.parentCode).filter(Boolean));
  return topics.filter((t) => !parents.has(t.code) && !(questionCounts.get(t.code) ?? 0)).map((t) => t.code);
}

// ---------------------------------------------------------------------------
// Exam blueprints (考试大纲)
// ---------------------------------------------------------------------------
export const EXAM_TYPES = ["CREDENTIAL_INITIAL", "CREDENTIAL_RENEWAL", "MONITORING_CREDENTIAL", "CLASS_TEST", "PRACTICE"] as const;
export type ExamType = (typeof EXAM_TYPES)[number];

export const blueprintCellSchema = z
  .object({
    topicCode: z.string().trim().min(1, { message: "errors.required" }),
    type: z.enum(QUESTION_TYPES, { message: "errors.required" }),
    difficultyMin: z.coerce.number().int().min(1).max(5),
    difficultyMax: z.coerce.number().int().min(1).max(5),
    count: z.coerce.number().int().min(1, { message: "blueprints.errors.count" }).max(200, { message: "blueprints.errors.count" }),
    points: z.coerce.number().min(0.5, { message: "blueprints.errors.points" }).max(100, { message: "blueprints.errors.points" }),
  })
  .refine((c) => c.difficultyMin <= c.difficultyMax, { path: ["difficultyMax"], message: "blueprints.errors.difficultyRange" });
export type BlueprintCell = z.infer<typeof blueprintCellSchema>;

export const blueprintSchema = z.object({
  code: z.string({ message: "errors.required" }).trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,40}$/, { message: "blueprints.errors.codeFormat" }),
  name: z.string({ message: "errors.required" }).trim().min(2, { message: "errors.required" }).max(80, { message: "errors.tooLong" }),
  examType: z.enum(EXAM_TYPES, { message: "errors.required" }),
  notes: z.string().trim().max(2_000).optional().default(""),
  cells: z.array(blueprintCellSchema).min(1, { message: "blueprints.errors.noCells" }),
});

export type BlueprintSummary = {
  questions: number;
  marks: number;
  /** Share of marks by top-level topic ("LAW" for "LAW.EPL"), in percent. */
  topicWeights: { code: string; percent: number }[];
  typeMix: { type: string; count: number; marks: number }[];
  /** Marks by difficulty band: easy 1–2, medium 3, hard 4–5 (a cell's band is its mid-point). */
  difficulty: { easy: number; medium: number; hard: number };
};

export function summarizeBlueprint(cells: BlueprintCell[]): BlueprintSummary {
  const marks = cells.reduce((s, c) => s + c.count * c.points, 0);
  const byTopic = new Map<string, number>();
  const byType = new Map<string, { count: number; marks: number }>();
  const difficulty = { easy: 0, medium: 0, hard: 0 };
  for (const c of cells) {
    const m = c.count * c.points;
    const root = c.topicCode.includes(":") ? c.topicCode : c.topicCode.split(".")[0];
    byTopic.set(root, (byTopic.get(root) ?? 0) + m);
    const t = byType.get(c.type) ?? { count: 0, marks: 0 };
    byType.set(c.type, { count: t.count + c.count, marks: t.marks + m });
    const mid = (c.difficultyMin + c.difficultyMax) / 2;
    difficulty[mid < 2.5 ? "easy" : mid <= 3.5 ? "medium" : "hard"] += m;
  }
  const pct = (v: number) => (marks ? Math.round((v / marks) * 1000) / 10 : 0);
  return {
    questions: cells.reduce((s, c) => s + c.count, 0),
    marks,
    topicWeights: [...byTopic].map(([code, v]) => ({ code, percent: pct(v) })).sort((a, b) => b.percent - a.percent),
    typeMix: [...byType].map(([type, v]) => ({ type, ...v })),
    difficulty: { easy: pct(difficulty.easy), medium: pct(difficulty.medium), hard: pct(difficulty.hard) },
  };
}

/** Whether a question's topics fall under a cell's topic (a cell on "LAW" takes "LAW.EPL"). */
export function topicMatches(cellTopic: string, questionTopic: string): boolean {
  return questionTopic === cellTopic || questionTopic.startsWith(`${cellTopic}.`);
}
