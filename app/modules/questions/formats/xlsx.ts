import ExcelJS from "exceljs";
import { translator, type Locale } from "~/lib/i18n";
import { OPTION_KEYS, QUESTION_TYPES, type Answer, type LawRef, type OptionKey, type QuestionContent, type QuestionType } from "../content";
import { acceptQuestion, DEFAULT_DIFFICULTY, draft, emptyResult, formatLawRef, formatRubricItem, parseLawRef, parseRubricList } from "./shared";
import type { ExportQuestion, ExportResult, ImportProblem, ParseResult } from "./types";

/*
 * The spreadsheet layout Chinese exam platforms use: one row per question, columns found by
 * their heading (Chinese or English, any order), so an export can be edited and imported
 * again and files from other platforms mostly work as they are.
 *
 *   题型 | 题干 | 选项A…选项H | 答案 | 解析 | 难度 | 知识点代码 | 法律依据 | 标签 | 多选计分 | 填空判分
 *   | 参考答案 | 评分要点 | 备注 | 分类     (only 题型, 题干 and 答案 are required)
 *
 * 答案: "B"; "ACD" or "A,C,D"; 正确/错误, 对/错, √/×; fill-in: blanks separated by "；",
 * alternatives by "|". 法律依据: "法律|条款" entries separated by "；". 评分要点: "要点|分值"
 * separated by newlines or "；".
 */

export const MAX_QUESTION_ROWS = 5_000;

const COLUMNS = [
  { key: "type", width: 12 },
  { key: "stem", width: 60 },
  ...OPTION_KEYS.map((k) => ({ key: `option${k}`, width: 24 })),
  { key: "answer", width: 14 },
  { key: "explanation", width: 40 },
  { key: "difficulty", width: 8 },
  { key: "topics", width: 20 },
  { key: "laws", width: 36 },
  { key: "tags", width: 18 },
  { key: "scoring", width: 12 },
  { key: "blankOptions", width: 14 },
  { key: "modelAnswer", width: 50 },
  { key: "rubric", width: 40 },
  { key: "notes", width: 30 },
  { key: "category", width: 20 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
const REQUIRED: ColumnKey[] = ["type", "stem", "answer"];

/** Headings other platforms use for the same columns (the dictionary holds ours). */
const ALIASES: Record<string, ColumnKey> = {
  试题类型: "type",
  题目类型: "type",
  类型: "type",
  题目: "stem",
  题目内容: "stem",
  试题内容: "stem",
  试题题干: "stem",
  question: "stem",
  正确答案: "answer",
  标准答案: "answer",
  correctanswer: "answer",
  答案解析: "explanation",
  试题解析: "explanation",
  难易程度: "difficulty",
  难度等级: "difficulty",
  知识点: "topics",
  法条: "laws",
  题库分类: "category",
  ...Object.fromEntries(OPTION_KEYS.map((k) => [k.toLowerCase(), `option${k}` as ColumnKey])),
};

const translators = { "zh-CN": translator("zh-CN"), en: translator("en") } as const;
const LOCALES = ["zh-CN", "en"] as const;

const normalize = (heading: string) => heading.normalize("NFKC").replace(/[\s*:]/g, "").toLowerCase();
const heading = (locale: Locale, key: ColumnKey) => translators[locale](`questionFormats.columns.${key}`);

const TYPE_ALIASES: Record<string, QuestionType> = {
  单选: "SINGLE",
  单项选择题: "SINGLE",
  单选择题: "SINGLE",
  多选: "MULTIPLE",
  多项选择题: "MULTIPLE",
  不定项选择题: "MULTIPLE",
  判断: "TRUE_FALSE",
  是非题: "TRUE_FALSE",
  填空: "FILL_BLANK",
  案例分析: "CASE_ANALYSIS",
  案例题: "CASE_ANALYSIS",
  案例: "CASE_ANALYSIS",
};

function typeFromCell(value: string): QuestionType | null {
  const v = normalize(value);
  for (const type of QUESTION_TYPES) {
    if (v === type.toLowerCase() || LOCALES.some((l) => normalize(translators[l](`questionFormats.types.${type}`)) === v)) return type;
  }
  return TYPE_ALIASES[v] ?? null;
}

const TRUE_WORDS = ["正确", "对", "是", "√", "✓", "✔", "t", "true", "y", "yes", "correct", "right"];
const FALSE_WORDS = ["错误", "错", "否", "×", "✗", "✘", "x", "f", "false", "n", "no", "incorrect", "wrong"];

function trueFalseFromText(value: string): boolean | null {
  const v = normalize(value);
  if (TRUE_WORDS.includes(v) || LOCALES.some((l) => normalize(translators[l]("questionFormats.trueFalse.true")) === v)) return true;
  if (FALSE_WORDS.includes(v) || LOCALES.some((l) => normalize(translators[l]("questionFormats.trueFalse.false")) === v)) return false;
  return null;
}

/** "ACD", "A,C,D", "A、C、D", "a c d" → letters; null if anything else is there. */
function lettersFromCell(value: string): OptionKey[] | null {
  const v = value.normalize("NFKC").toUpperCase().replace(/[\s,，、;；/|]+/g, "");
  if (!/^[A-Z]+$/.test(v)) return null;
  const letters = [...v];
  return letters.every((l) => (OPTION_KEYS as readonly string[]).includes(l)) ? (letters as OptionKey[]) : null;
}

const DIFFICULTY_WORDS: Record<string, number> = { 易: 1, 容易: 1, 简单: 1, 较易: 2, 中: 3, 中等: 3, 适中: 3, 一般: 3, 较难: 4, 难: 5, 困难: 5, easy: 1, medium: 3, hard: 5 };

function difficultyFromCell(value: string): number | null {
  const v = normalize(value);
  if (!v) return DEFAULT_DIFFICULTY;
  if (/^[1-5](?:\.0+)?$/.test(v)) return Number(v);
  return DIFFICULTY_WORDS[v] ?? null;
}

function scoringFromCell(value: string): "ALL_OR_NOTHING" | "PARTIAL" | null {
  const v = normalize(value);
  if (!v) return "ALL_OR_NOTHING";
  for (const scoring of ["ALL_OR_NOTHING", "PARTIAL"] as const) {
    if (v === normalize(scoring) || LOCALES.some((l) => normalize(translators[l](`questionFormats.scoring.${scoring}`)) === v)) return scoring;
  }
  if (["全对", "全部正确得分", "全对才得分"].includes(v)) return "ALL_OR_NOTHING";
  if (["部分得分", "按比例得分", "少选得分"].includes(v)) return "PARTIAL";
  return null;
}

const BLANK_OPTIONS = ["caseSensitive", "keepWhitespace"] as const;

/** "区分大小写，保留空格" → flags; null if a word is not one of them. */
function blankOptionsFromCell(value: string): { caseSensitive: boolean; ignoreWhitespace: boolean } | null {
  const flags = { caseSensitive: false, ignoreWhitespace: true };
  // Not split on spaces: "Keep spaces" is one option.
  for (const word of splitList(value, /[,，、;；\n]+/).map(normalize)) {
    const option = BLANK_OPTIONS.find((o) => normalize(o) === word || LOCALES.some((l) => normalize(translators[l](`questionFormats.blankOptions.${o}`)) === word));
    if (option === "caseSensitive") flags.caseSensitive = true;
    else if (option === "keepWhitespace") flags.ignoreWhitespace = false;
    else return null;
  }
  return flags;
}

const splitList = (value: string, separators: RegExp) =>
  value
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);

function cellOf(cell: ExcelJS.Cell): { text: string; formula: boolean } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: "", formula: false };
  // Formulas are refused, not evaluated: the cached result may be stale or absent.
  if (typeof value === "object" && ("formula" in value || "sharedFormula" in value)) return { text: "", formula: true };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  const text = typeof value === "number" || typeof value === "boolean" ? String(value) : cell.text;
  return { text: text.replace(/\r\n?/g, "\n").trim(), formula: false };
}

/** The heading row: the first of the top rows that names the stem column. */
function findHeadings(sheet: ExcelJS.Worksheet) {
  const known = new Map<string, { key: ColumnKey; locale: Locale }>();
  for (const locale of LOCALES) for (const c of COLUMNS) known.set(normalize(heading(locale, c.key)), { key: c.key, locale });
  for (const [alias, key] of Object.entries(ALIASES)) if (!known.has(alias)) known.set(alias, { key, locale: "zh-CN" });
  let best = { row: 1, columns: new Map<ColumnKey, number>(), english: false };
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    const columns = new Map<ColumnKey, number>();
    let english = 0;
    sheet.getRow(r).eachCell((cell, col) => {
      const found = known.get(normalize(cellOf(cell).text));
      if (found && !columns.has(found.key)) {
        columns.set(found.key, col);
        if (found.locale === "en") english++;
      }
    });
    if (columns.size > best.columns.size) best = { row: r, columns, english: english > columns.size / 2 };
    if (columns.has("stem")) break;
  }
  return best;
}

export async function parseQuestionsXlsx(data: Buffer): Promise<ParseResult> {
  const result = emptyResult();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    result.problems.push({ line: 0, message: "questionFormats.errors.notXlsx" });
    return result;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    result.problems.push({ line: 0, message: "questionFormats.errors.notXlsx" });
    return result;
  }
  const { row: headingRow, columns, english } = findHeadings(sheet);
  const locale: Locale = english ? "en" : "zh-CN";
  const missing = REQUIRED.filter((k) => !columns.has(k));
  if (missing.length) {
    const names = missing.map((k) => heading(locale, k)).join(locale === "en" ? ", " : "、");
    result.problems.push({ line: headingRow, message: "questionFormats.errors.missingColumns", params: { columns: names } });
    return result;
  }

  const rows: { number: number; cells: Map<ColumnKey, { text: string; formula: boolean }> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number <= headingRow || rows.length > MAX_QUESTION_ROWS) return;
    const cells = new Map([...columns].map(([key, col]) => [key, cellOf(row.getCell(col))]));
    if ([...cells.values()].some((c) => c.text || c.formula)) rows.push({ number, cells });
  });
  if (rows.length > MAX_QUESTION_ROWS) {
    result.problems.push({ line: 0, message: "questionFormats.errors.tooManyRows", params: { max: MAX_QUESTION_ROWS } });
    return result;
  }
  for (const row of rows) readRow(row.number, row.cells, locale, result);
  return result;
}

function readRow(line: number, cells: Map<ColumnKey, { text: string; formula: boolean }>, locale: Locale, result: ParseResult): void {
  const get = (key: ColumnKey) => cells.get(key)?.text ?? "";
  const problems: ImportProblem[] = [];
  const problem = (key: ColumnKey, message: string, params: Record<string, string | number> = {}) =>
    problems.push({ line, message, params: { column: heading(locale, key), ...params } });
  for (const [key, cell] of cells) if (cell.formula) problem(key, "questionFormats.errors.formula");

  const type = typeFromCell(get("type"));
  if (!type) problem("type", "questionFormats.errors.badType", { value: get("type") });
  let options = OPTION_KEYS.map((key) => ({ key, text: get(`option${key}`) })).filter((o) => o.text);
  const difficulty = difficultyFromCell(get("difficulty"));
  if (difficulty === null) problem("difficulty", "questionFormats.errors.badDifficulty", { value: get("difficulty") });
  const laws = splitList(get("laws"), /[；;\n]+/).map(parseLawRef).filter((r): r is LawRef => r !== null);

  const answerText = get("answer");
  let answer: Answer | null = null;
  if (type === "SINGLE" || type === "MULTIPLE") {
    const letters = lettersFromCell(answerText);
    if (!letters || (type === "SINGLE" && letters.length !== 1)) problem("answer", "questionFormats.errors.badAnswerLetters", { value: answerText });
    else if (type === "SINGLE") answer = { type, correct: letters[0] };
    else {
      const scoring = scoringFromCell(get("scoring"));
      if (!scoring) problem("scoring", "questionFormats.errors.badScoring", { value: get("scoring") });
      else answer = { type, correct: letters, scoring };
    }
  } else if (type === "TRUE_FALSE") {
    // Some platforms list 正确/错误 as options A/B and answer with the letter.
    const tfOptions = options.length > 0 && options.every((o) => trueFalseFromText(o.text) !== null);
    const byLetter = tfOptions ? options.find((o) => o.key === answerText.normalize("NFKC").toUpperCase()) : undefined;
    const correct = byLetter ? trueFalseFromText(byLetter.text) : trueFalseFromText(answerText);
    if (tfOptions) options = [];
    if (correct === null) problem("answer", "questionFormats.errors.badTrueFalse", { value: answerText });
    else answer = { type, correct };
  } else if (type === "FILL_BLANK") {
    const blanks = splitList(answerText, /[;；]/).map((blank) => ({ accepted: splitList(blank, /[|｜]/) }));
    const flags = blankOptionsFromCell(get("blankOptions"));
    if (!flags) problem("blankOptions", "questionFormats.errors.badBlankOptions", { value: get("blankOptions") });
    else answer = { type, blanks, ...flags };
  } else if (type === "CASE_ANALYSIS") {
    const { items, bad } = parseRubricList(get("rubric"));
    for (const text of bad) problem("rubric", "questionFormats.errors.badRubric", { text });
    answer = { type, modelAnswer: get("modelAnswer") || answerText, rubric: items };
  }
  if (problems.length || !type || !answer || difficulty === null) return void result.problems.push(...problems);

  const content: QuestionContent = {
    ...draft(type, answer, get("stem")),
    options,
    explanation: get("explanation"),
    difficulty,
    topicCodes: splitList(get("topics"), /[\s,，、;；]+/),
    lawRefs: laws,
    tags: [...new Set(splitList(get("tags"), /[,，、;；\n]+/))],
    notes: get("notes"),
  };
  const column = (path: string): string => {
    const [head, second] = path.split(".");
    const key: ColumnKey =
      head === "options"
        ? (`option${options[Number(second)]?.key ?? "A"}` as ColumnKey)
        : head === "answer"
          ? second === "modelAnswer" || second === "rubric" || second === "scoring"
            ? second
            : "answer"
          : (({ topicCodes: "topics", lawRefs: "laws" }) as Record<string, ColumnKey>)[head] ?? (head as ColumnKey);
    return COLUMNS.some((c) => c.key === key) ? heading(locale, key) : path;
  };
  acceptQuestion(result, content, line, { category: get("category") || undefined }, column);
}

// ---------------------------------------------------------------------------
// Export and template
// ---------------------------------------------------------------------------

/** The row for one question, or why it cannot be written without changing on re-import. */
function rowOf(q: ExportQuestion, locale: Locale): { values: Record<string, string | number> } | { reason: string } {
  const t = translators[locale];
  const c = q.content;
  const sep = locale === "en" ? "; " : "；";
  const clash = (values: string[], separators: RegExp) => values.some((v) => separators.test(v));
  const values: Record<string, string | number> = {
    type: t(`questionFormats.types.${c.type}`),
    stem: c.stem,
    explanation: c.explanation,
    difficulty: c.difficulty,
    topics: c.topicCodes.join(" "),
    laws: c.lawRefs.map(formatLawRef).join(sep),
    tags: c.tags.join(locale === "en" ? ", " : "，"),
    notes: c.notes,
    category: q.category ?? "",
  };
  if (
    clash(c.topicCodes, /[\s,，、;；]/) ||
    clash(c.tags, /[,，、;；\n]/) ||
    clash(c.lawRefs.map((r) => r.law), /[|｜;；\n]/) ||
    clash(c.lawRefs.map((r) => r.article), /[;；\n]/)
  ) {
    return { reason: "questionFormats.skipped.separatorInText" };
  }
  for (const o of c.options) values[`option${o.key}`] = o.text;
  switch (c.answer.type) {
    case "SINGLE":
      values.answer = c.answer.correct;
      break;
    case "MULTIPLE":
      values.answer = c.answer.correct.join("");
      values.scoring = t(`questionFormats.scoring.${c.answer.scoring}`);
      break;
    case "TRUE_FALSE":
      values.answer = t(`questionFormats.trueFalse.${c.answer.correct}`);
      break;
    case "FILL_BLANK":
      values.blankOptions = [
        ...(c.answer.caseSensitive ? [t("questionFormats.blankOptions.caseSensitive")] : []),
        ...(c.answer.ignoreWhitespace ? [] : [t("questionFormats.blankOptions.keepWhitespace")]),
      ].join(locale === "en" ? ", " : "，");
      if (clash(c.answer.blanks.flatMap((b) => b.accepted), /[|｜;；]/)) return { reason: "questionFormats.skipped.separatorInText" };
      values.answer = c.answer.blanks.map((b) => b.accepted.join("|")).join(sep);
      break;
    case "CASE_ANALYSIS":
      values.modelAnswer = c.answer.modelAnswer;
      values.rubric = c.answer.rubric.map(formatRubricItem).join("\n");
      break;
  }
  return { values };
}

function questionSheet(workbook: ExcelJS.Workbook, name: string, locale: Locale): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: heading(locale, c.key), key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // Text format: "1" stays an answer, not a number; long laws are not turned into dates.
  for (const key of ["answer", "topics", "laws", "tags"]) sheet.getColumn(key).numFmt = "@";
  for (const key of ["stem", "explanation", "modelAnswer", "rubric", "notes"]) sheet.getColumn(key).alignment = { wrapText: true, vertical: "top" };
  return sheet;
}

export async function serializeQuestionsXlsx(qs: ExportQuestion[], locale: Locale): Promise<ExportResult<Buffer>> {
  const t = translators[locale];
  const workbook = new ExcelJS.Workbook();
  const sheet = questionSheet(workbook, t("questionFormats.template.sheetName"), locale);
  const skipped: ExportResult<Buffer>["skipped"] = [];
  qs.forEach((q, index) => {
    const row = rowOf(q, locale);
    if ("reason" in row) skipped.push({ index, reason: row.reason });
    else sheet.addRow(row.values);
  });
  return { data: Buffer.from(await workbook.xlsx.writeBuffer()), exported: qs.length - skipped.length, skipped };
}

/** Examples for the template's third sheet (Chinese: the laws are Chinese in any UI language). */
const EXAMPLES: ExportQuestion[] = [
  {
    content: {
      ...draft("SINGLE", { type: "SINGLE", correct: "B" }, "《中华人民共和国环境保护法》自何时起施行？"),
      options: [
        { key: "A", text: "2014年4月24日" },
        { key: "B", text: "2015年1月1日" },
        { key: "C", text: "2015年7月1日" },
        { key: "D", text: "2016年1月1日" },
      ],
      explanation: "该法于2014年4月24日修订通过，自2015年1月1日起施行。",
      difficulty: 1,
      topicCodes: ["LAW.EPL"],
      lawRefs: [{ law: "中华人民共和国环境保护法", article: "第七十条" }],
      tags: ["基础知识"],
    },
    category: "法律法规",
  },
  {
    content: {
      ...draft("MULTIPLE", { type: "MULTIPLE", correct: ["A", "B", "D"], scoring: "PARTIAL" }, "企业事业单位违法排放污染物，受到罚款处罚，被责令改正而拒不改正的，下列说法正确的有："),
      options: [
        { key: "A", text: "可以自责令改正之日的次日起按日连续处罚" },
        { key: "B", text: "按照原处罚数额按日连续处罚" },
        { key: "C", text: "只能由县级以上人民政府决定" },
        { key: "D", text: "地方性法规可以根据实际需要增加按日连续处罚的违法行为种类" },
      ],
      difficulty: 3,
      lawRefs: [{ law: "中华人民共和国环境保护法", article: "第五十九条" }],
    },
    category: "法律法规",
  },
  {
    content: {
      ...draft("TRUE_FALSE", { type: "TRUE_FALSE", correct: false }, "现场检查时，执法人员可以由一人单独进行并制作笔录。"),
      explanation: "现场检查应当由两名以上执法人员进行。",
      difficulty: 2,
    },
  },
  {
    content: {
      ...draft(
        "FILL_BLANK",
        { type: "FILL_BLANK", blanks: [{ accepted: ["三十日", "30日"] }, { accepted: ["三十日", "30日"] }], caseSensitive: false, ignoreWhitespace: true },
        "查封、扣押的期限不得超过____；情况复杂的，经批准可以延长，但延长期限不得超过____。",
      ),
      difficulty: 3,
    },
  },
  {
    content: {
      ...draft(
        "CASE_ANALYSIS",
        {
          type: "CASE_ANALYSIS",
          modelAnswer: "该公司通过暗管排放水污染物，违反了相关规定，应当依法责令改正并处以罚款；情节严重的，移送公安机关。",
          rubric: [
            { criterion: "认定违法事实", points: 4 },
            { criterion: "正确适用法律条款", points: 4 },
            { criterion: "提出处理意见", points: 2 },
          ],
        },
        "某化工公司被发现通过暗管向河流排放生产废水。请分析该公司的违法行为并提出处理意见。",
      ),
      difficulty: 4,
      lawRefs: [
        { law: "中华人民共和国水污染防治法", article: "第八十三条" },
        { law: "中华人民共和国环境保护法", article: "第六十三条" },
      ],
    },
    category: "案例分析",
  },
];

export async function questionsTemplate(locale: Locale): Promise<Buffer> {
  const t = translators[locale];
  const workbook = new ExcelJS.Workbook();
  const sheet = questionSheet(workbook, t("questionFormats.template.sheetName"), locale);
  const types = QUESTION_TYPES.map((type) => t(`questionFormats.types.${type}`));
  const scoring = (["ALL_OR_NOTHING", "PARTIAL"] as const).map((s) => t(`questionFormats.scoring.${s}`));
  const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
  for (let row = 2; row <= 1000; row++) {
    sheet.getCell(row, col("type")).dataValidation = { type: "list", allowBlank: false, formulae: [`"${types.join(",")}"`] };
    sheet.getCell(row, col("scoring")).dataValidation = { type: "list", allowBlank: true, formulae: [`"${scoring.join(",")}"`] };
    sheet.getCell(row, col("difficulty")).dataValidation = { type: "whole", operator: "between", allowBlank: true, formulae: [1, 5] };
  }
  const notes = workbook.addWorksheet(t("questionFormats.template.notesSheet"));
  notes.getColumn(1).width = 110;
  for (const line of t("questionFormats.template.notes", { returnObjects: true }) as unknown as string[]) notes.addRow([line]);
  const examples = questionSheet(workbook, t("questionFormats.template.examplesSheet"), locale);
  for (const q of EXAMPLES) {
    const row = rowOf(q, locale);
    if ("values" in row) examples.addRow(row.values);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
