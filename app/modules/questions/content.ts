import { z } from "zod";

/*
 * The canonical form of a question's content, shared by the editor, the database
 * (one QuestionVersion row holds one of these), every import/export format and the
 * grading rules. Pure: no I/O.
 */
export const QUESTION_TYPES = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "FILL_BLANK", "CASE_ANALYSIS"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const OPTION_KEYS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

export const MULTIPLE_SCORING = ["ALL_OR_NOTHING", "PARTIAL"] as const;

/** A blank in a fill-in-the-blank stem is written as three or more underscores: "____". */
export const BLANK_MARKER = /_{3,}/g;

const text = (max: number) => z.string().trim().min(1, { message: "errors.required" }).max(max, { message: "errors.tooLong" });

export const optionSchema = z.object({ key: z.enum(OPTION_KEYS), text: text(1_000) });

export const lawRefSchema = z.object({
  law: text(100),
  /** As written in the law: "第六十三条", "第五十九条第一款". */
  article: z.string().trim().max(60).default(""),
});
export type LawRef = z.infer<typeof lawRefSchema>;

export const rubricItemSchema = z.object({
  criterion: text(500),
  points: z.number({ message: "questions.errors.rubricPoints" }).positive({ message: "questions.errors.rubricPoints" }).max(100, { message: "questions.errors.rubricPoints" }),
});

export const answerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("SINGLE"), correct: z.enum(OPTION_KEYS, { message: "questionFormats.errors.noCorrectAnswer" }) }),
  z.object({
    type: z.literal("MULTIPLE"),
    correct: z.array(z.enum(OPTION_KEYS)).min(2, { message: "questions.errors.multipleNeedsTwo" }),
    scoring: z.enum(MULTIPLE_SCORING).default("ALL_OR_NOTHING"),
  }),
  z.object({ type: z.literal("TRUE_FALSE"), correct: z.boolean({ message: "questionFormats.errors.noCorrectAnswer" }) }),
  z.object({
    type: z.literal("FILL_BLANK"),
    /** One entry per blank, in stem order; each lists every accepted answer. */
    blanks: z
      .array(z.object({ accepted: z.array(text(200)).min(1, { message: "questions.errors.blanksRequired" }) }))
      .min(1, { message: "questions.errors.blanksRequired" }),
    caseSensitive: z.boolean().default(false),
    ignoreWhitespace: z.boolean().default(true),
  }),
  z.object({
    type: z.literal("CASE_ANALYSIS"),
    modelAnswer: text(10_000),
    rubric: z.array(rubricItemSchema).min(1, { message: "questions.errors.rubricRequired" }),
  }),
]);
export type Answer = z.infer<typeof answerSchema>;

export const questionContentSchema = z
  .object({
    type: z.enum(QUESTION_TYPES),
    /** Markdown (rendered safely: no raw HTML). */
    stem: text(10_000),
    options: z.array(optionSchema).max(8, { message: "questions.errors.tooManyOptions" }).default([]),
    answer: answerSchema,
    explanation: z.string().trim().max(10_000).default(""),
    difficulty: z.number({ message: "questions.errors.difficulty" }).int({ message: "questions.errors.difficulty" }).min(1, { message: "questions.errors.difficulty" }).max(5, { message: "questions.errors.difficulty" }),
    topicCodes: z.array(z.string().trim().min(1)).default([]),
    lawRefs: z.array(lawRefSchema).default([]),
    tags: z.array(z.string().trim().min(1).max(40)).default([]),
    /** Author's notes: sources, doubts about a fact. Not shown to candidates. */
    notes: z.string().trim().max(2_000).default(""),
  })
  .superRefine((q, ctx) => {
    for (const problem of contentProblems(q as QuestionContent)) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
  });
export type QuestionContent = {
  type: QuestionType;
  stem: string;
  options: { key: OptionKey; text: string }[];
  answer: Answer;
  explanation: string;
  difficulty: number;
  topicCodes: string[];
  lawRefs: LawRef[];
  tags: string[];
  notes: string;
};

/** Consistency rules between type, options, answer and stem. Messages are dictionary keys. */
export function contentProblems(q: QuestionContent): { message: string; path: (string | number)[] }[] {
  const problems: { message: string; path: (string | number)[] }[] = [];
  if (q.answer.type !== q.type) problems.push({ message: "questions.errors.answerTypeMismatch", path: ["answer"] });
  const keys = q.options.map((o) => o.key);
  if (q.type === "SINGLE" || q.type === "MULTIPLE") {
    const min = q.type === "SINGLE" ? 2 : 3;
    if (q.options.length < min) problems.push({ message: "questions.errors.tooFewOptions", path: ["options"] });
    // Options are A, B, C… in order with no gaps, so exports and papers agree on letters.
    if (keys.some((k, i) => k !== OPTION_KEYS[i])) problems.push({ message: "questions.errors.optionKeysOrder", path: ["options"] });
    if (new Set(q.options.map((o) => o.text)).size !== q.options.length) problems.push({ message: "questions.errors.duplicateOptions", path: ["options"] });
    const correct = q.answer.type === "SINGLE" ? [q.answer.correct] : q.answer.type === "MULTIPLE" ? q.answer.correct : [];
    if (correct.some((k) => !keys.includes(k))) problems.push({ message: "questions.errors.answerNotAnOption", path: ["answer"] });
    if (q.answer.type === "MULTIPLE" && new Set(correct).size !== correct.length) problems.push({ message: "questions.errors.answerNotAnOption", path: ["answer"] });
  } else if (q.options.length > 0) {
    problems.push({ message: "questions.errors.optionsNotAllowed", path: ["options"] });
  }
  if (q.type === "FILL_BLANK" && q.answer.type === "FILL_BLANK") {
    const blanks = (q.stem.match(BLANK_MARKER) ?? []).length;
    if (blanks !== q.answer.blanks.length) problems.push({ message: "questions.errors.blankCountMismatch", path: ["answer"] });
  }
  return problems;
}
