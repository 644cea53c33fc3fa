import { OPTION_KEYS, QUESTION_TYPES, type OptionKey, type QuestionContent, type QuestionType } from "./content";

/*
 * The question editor posts flat fields (one textarea per list); these functions turn
 * them into QuestionContent and back. Pure, shared by the routes and their tests.
 * Validation happens afterwards with questionContentSchema.
 */
export type QuestionFormValues = Record<string, string | string[] | undefined>;

const lines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const list = (text: string | undefined) =>
  (text ?? "")
    .split(/[\s,，、]+/)
    .map((t) => t.trim())
    .filter(Boolean);

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** Reads a FormData into plain values, keeping repeated keys (checkboxes) as arrays. */
export function formValues(form: FormData): QuestionFormValues {
  const out: QuestionFormValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : [...arr(existing), value];
  }
  return out;
}

export function contentFromForm(values: QuestionFormValues): QuestionContent {
  const type = (QUESTION_TYPES as readonly string[]).includes(str(values.type)) ? (str(values.type) as QuestionType) : "SINGLE";
  const options = OPTION_KEYS.map((key) => ({ key, text: str(values[`option${key}`]) })).filter((o) => o.text);
  const base = {
    type,
    stem: str(values.stem),
    options: type === "SINGLE" || type === "MULTIPLE" ? options : [],
    explanation: str(values.explanation),
    difficulty: Number(str(values.difficulty)) || 3,
    topicCodes: list(str(values.topicCodes)).map((c) => c.toUpperCase()),
    lawRefs: lines(str(values.lawRefs)).map((line) => {
      const [law, article = ""] = line.split(/[|｜]/);
      return { law: law.trim(), article: article.trim() };
    }),
    tags: (str(values.tags) ? str(values.tags).split(/[,，、]/) : []).map((t) => t.trim()).filter(Boolean),
    notes: str(values.notes),
  };
  switch (type) {
    case "SINGLE":
      // No letter chosen stays empty, so validation asks for one (never a silent "A").
      return { ...base, answer: { type, correct: str(values.correct) as OptionKey } };
    case "MULTIPLE":
      return {
        ...base,
        answer: { type, correct: arr(values.correct) as OptionKey[], scoring: str(values.scoring) === "PARTIAL" ? "PARTIAL" : "ALL_OR_NOTHING" },
      };
    case "TRUE_FALSE": {
      // Neither chosen stays unset, so validation asks for one (never a silent "false").
      const tf = str(values.tfCorrect);
      return { ...base, answer: { type, correct: tf === "true" ? true : tf === "false" ? false : (undefined as unknown as boolean) } };
    }
    case "FILL_BLANK":
      return {
        ...base,
        answer: {
          type,
          blanks: lines(str(values.blanks)).map((line) => ({ accepted: line.split(/[|｜]/).map((a) => a.trim()).filter(Boolean) })),
          caseSensitive: str(values.caseSensitive) === "on",
          ignoreWhitespace: str(values.ignoreWhitespace) === "on",
        },
      };
    case "CASE_ANALYSIS":
      return {
        ...base,
        answer: {
          type,
          modelAnswer: str(values.modelAnswer),
          rubric: lines(str(values.rubric)).map((line) => {
            const [criterion, points = ""] = line.split(/[|｜]/);
            return { criterion: criterion.trim(), points: Number(points.trim()) || 0 };
          }),
        },
      };
  }
}

/** The form's initial values for an existing question. */
export function formFromContent(c: QuestionContent): QuestionFormValues {
  const values: QuestionFormValues = {
    type: c.type,
    stem: c.stem,
    explanation: c.explanation,
    difficulty: String(c.difficulty),
    topicCodes: c.topicCodes.join(" "),
    lawRefs: c.lawRefs.map((l) => (l.article ? `${l.law}|${l.article}` : l.law)).join("\n"),
    tags: c.tags.join(", "),
    notes: c.notes,
    caseSensitive: "",
    ignoreWhitespace: "on",
  };
  for (const o of c.options) values[`option${o.key}`] = o.text;
  const a = c.answer;
  if (a.type === "SINGLE") values.correct = a.correct;
  if (a.type === "MULTIPLE") {
    values.correct = a.correct;
    values.scoring = a.scoring;
  }
  if (a.type === "TRUE_FALSE") values.tfCorrect = String(a.correct);
  if (a.type === "FILL_BLANK") {
    values.blanks = a.blanks.map((b) => b.accepted.join("|")).join("\n");
    values.caseSensitive = a.caseSensitive ? "on" : "";
    values.ignoreWhitespace = a.ignoreWhitespace ? "on" : "";
  }
  if (a.type === "CASE_ANALYSIS") {
    values.modelAnswer = a.modelAnswer;
    values.rubric = a.rubric.map((r) => `${r.criterion}|${r.points}`).join("\n");
  }
  return values;
}

/** Maps a validation issue path (["answer", "blanks", 0]) to the form field that shows it. */
export function fieldForIssue(path: (string | number)[]): string {
  const [head, second] = path.map(String);
  if (head === "answer") {
    if (second === "blanks") return "blanks";
    if (second === "rubric") return "rubric";
    if (second === "modelAnswer") return "modelAnswer";
    return "correct";
  }
  if (head === "options") return "options";
  return head ?? "form";
}
