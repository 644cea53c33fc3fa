import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, login, logout, test, type Page } from "./fixtures";

/*
 * Courseware acceptance flow, from the writing of a course to the learner's record:
 *
 * (a) the 浙江 trainer TR330001 creates a course at /author with one lesson (1 minute,
 *     0.25 学时, a <Callout> and a <KnowledgeCheck>), watches the live preview, has an
 *     import line and a {…} expression refused with their lines, fixes them, submits;
 * (b) the national programme administrator PA100001 approves: version 1 is published;
 * (c) the 浙江 HR administrator HR330001 assigns the course to LE330101 with a due date
 *     (a course can only be assigned once it is published, so this comes after (b));
 * (d) LE330101, on a phone, finds it first in the learning centre, answers the check
 *     wrongly then rightly, studies until the heartbeats have counted enough time,
 *     completes the lesson and finds the record in "my learning";
 * (e) the trainer changes the lesson and PA100001 publishes version 2: the learner's course
 *     page shows 第 2 版 while the record stays with 第 1 版.
 *
 * Serial: each test builds on the previous one. Test (d) waits for real heartbeats (the
 * server measures time on task between beats with its own clock), about 65 s.
 */

const TRAINER = "TR330001";
const REVIEWER = "PA100001";
const HR = "HR330001";
const LEARNER = "LE330101";

const COURSE_CODE = "zj-e2e-site-inspection";
const COURSE_TITLE = "现场检查准备要点（端到端测试）";
const LESSON_TITLE = "现场检查前的准备";
const CALLOUT_TITLE = "执法提示";

/*
 * The knowledge check cites a seed question by its id: file name and position in the file
 * (app/cli/seed/question-bank.server.ts). law-004 is a true/false question; its answer is
 * read from the seed file, so the test answers wrongly first and then rightly.
 */
const QUESTION_ID = "law-004";

type SeedQuestion = { type: string; answer: { type: string; correct: unknown } };

async function seedQuestion(id: string): Promise<SeedQuestion> {
  const [file, position] = /^(.+)-(\d{3})$/.exec(id)!.slice(1);
  const path = fileURLToPath(new URL(`../content/question-bank/${file}.json`, import.meta.url));
  const questions = JSON.parse(await readFile(path, "utf8")) as SeedQuestion[];
  return questions[Number(position) - 1];
}

/** The lesson file. `extra` lines go right after the front matter; `paragraph` is the first paragraph. */
function lessonSource({ extra = [] as string[], paragraph = "掌握现场检查前应当做好的准备工作。" } = {}): string {
  return [
    "---",
    `title: "${LESSON_TITLE}"`,
    "minutes: 1",
    "creditHours: 0.25",
    "syllabusCodes: []",
    "laws: []",
    "---",
    "",
    ...extra,
    "## 学习目标",
    "",
    paragraph,
    "",
    `<Callout type="note" title="${CALLOUT_TITLE}">`,
    "",
    "进入现场前核对执法证件，检查时不少于两名执法人员。",
    "",
    "</Callout>",
    "",
    `<KnowledgeCheck question="${QUESTION_ID}" />`,
    "",
  ].join("\n");
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function placeOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" is not in the lesson`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

/** The due date: 30 days from today in China, as the date input wants it and as pages show it. */
function dueDate() {
  const date = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  const shown = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(`${iso}T23:59:59.999+08:00`),
  );
  return { iso, shown };
}
const DUE = dueDate();

/** Study hours for a time on task (app/modules/courseware/rules.ts creditedHours): quarter hours of 45 min, capped. */
/** The default hours rules (app/modules/hours/rules.ts): ≥30 min = 1, 15–30 = 0.5, 1–15 = 0.25, capped at the lesson's credit. */
function creditFor(minutes: number, lessonCreditHours: number): number {
  const byMinutes = minutes >= 30 ? 1 : minutes >= 15 ? 0.5 : minutes >= 1 ? 0.25 : 0;
  return Math.min(lessonCreditHours, byMinutes);
}

test.describe.configure({ mode: "serial" });

/** Opens the course's editor page from the authoring list. */
async function openCourse(page: Page) {
  await page.goto("/author");
  await page.getByTestId("author-courses").getByRole("link", { name: COURSE_TITLE }).click();
  await expect(page).toHaveURL(/\/author\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
}

/** Replaces the whole lesson file in the editor. */
async function typeLesson(page: Page, source: string) {
  await page.getByTestId("lesson-source").fill(source);
}

/** As PA100001: approves the course under review and checks the published version number. */
async function approve(page: Page, version: number) {
  await login(page, REVIEWER);
  await page.goto("/author/review");
  await page.getByTestId("course-review-queue").getByRole("link", { name: COURSE_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
  await expect(page.getByTestId("course-status")).toHaveText("待审核");
  await page.getByLabel("审核意见（退回时必填）").fill("内容准确，同意发布。");
  const label = version === 1 ? "通过并发布" : `通过并发布为第 ${version} 版`;
  await page.getByRole("button", { name: label, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `已通过审核并发布为第 ${version} 版。` })).toBeVisible();
  await expect(page.getByTestId("course-status")).toHaveText("已发布");
  await expect(page.getByText(`学员当前学习第 ${version} 版`)).toBeVisible();
  await logout(page);
}

test("(a) the trainer writes a lesson with a live preview; import and {…} are refused with their lines; submit", async ({ page }) => {
  const question = await seedQuestion(QUESTION_ID);
  expect(question.type, `${QUESTION_ID} must be an objective question the check can score`).toBe("TRUE_FALSE");

  await login(page, TRAINER);
  await page.goto("/author");
  await page.getByRole("link", { name: "新建课程" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建课程");
  await page.getByLabel("课程代码").fill(COURSE_CODE);
  await page.getByLabel("课程名称").fill(COURSE_TITLE);
  await page.getByLabel("课程简介").fill("进入现场前的证件、人员和文书准备。");
  // 执法人员 is ticked by default; LE330101 is one.
  await expect(page.getByLabel("执法人员")).toBeChecked();
  await page.getByRole("button", { name: "创建课程" }).click();
  await expect(page).toHaveURL(/\/author\/[^/]+$/);
  await expect(page.getByRole("status").filter({ hasText: "课程已创建。" })).toBeVisible();
  await expect(page.getByTestId("course-status")).toHaveText("草稿");
  await expect(page.getByText("尚未发布，学员看不到")).toBeVisible();

  // A new lesson starts from a template and opens in the editor.
  await page.getByLabel("新课时名称").fill(LESSON_TITLE);
  await page.getByRole("button", { name: "新增课时" }).click();
  await expect(page).toHaveURL(/\/author\/[^/]+\/lessons\/[^/]+$/);
  // (The preview renders the lesson title as a second h1.)
  await expect(page.getByRole("heading", { level: 1, name: `第 1 课：${LESSON_TITLE}` })).toBeVisible();
  const preview = page.getByTestId("lesson-preview");
  const problems = page.getByTestId("lesson-problems");
  const callout = preview.getByRole("complementary", { name: CALLOUT_TITLE });
  await expect(callout).toHaveCount(0);

  // The preview follows the text: the callout appears, the check shows as a placeholder.
  const valid = lessonSource();
  await typeLesson(page, valid);
  await expect(callout).toBeVisible();
  await expect(callout).toContainText("进入现场前核对执法证件");
  await expect(preview).toContainText(`随堂检测（试题 ${QUESTION_ID}）：预览中不显示`);
  await expect(page.getByText("没有发现问题")).toBeVisible();
  await expect(problems).toHaveCount(0);

  // An import statement is refused, at its line.
  const withImport = lessonSource({ extra: ['import x from "y"', ""] });
  const importAt = placeOf(withImport, "import x");
  await typeLesson(page, withImport);
  await expect(problems).toBeVisible();
  await expect(problems.getByRole("listitem")).toHaveText([new RegExp(`^第 ${importAt.line} 行第 ${importAt.column} 列\\s*不允许使用 import / export 语句$`)]);
  await expect(callout).toHaveCount(0);

  // Then a JavaScript expression as well: both are listed, in file order.
  const withBoth = lessonSource({ extra: ['import x from "y"', ""], paragraph: "检查人员不少于 {1+1} 名。" });
  const expressionAt = placeOf(withBoth, "{1+1}");
  await typeLesson(page, withBoth);
  await expect(problems.getByRole("listitem")).toHaveText([
    new RegExp(`^第 ${importAt.line} 行第 ${importAt.column} 列\\s*不允许使用 import / export 语句$`),
    new RegExp(`^第 ${expressionAt.line} 行第 ${expressionAt.column} 列\\s*不允许使用 JavaScript 表达式`),
  ]);
  await expect(problems).toContainText("发现 2 处问题");

  // A problem's place moves the cursor there.
  await problems.getByRole("button", { name: `第 ${expressionAt.line} 行第 ${expressionAt.column} 列` }).click();
  await expect(page.getByText(`第 ${expressionAt.line} 行，第 ${expressionAt.column} 列`)).toBeVisible();

  // Fixed: the preview is back, and the lesson is saved without problems.
  await typeLesson(page, valid);
  await expect(problems).toHaveCount(0);
  await expect(callout).toBeVisible();
  await expect(page.getByText("没有发现问题")).toBeVisible();
  await page.getByTestId("save-lesson").click();
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
  await expect(page.getByText("已全部保存")).toBeVisible();

  // Back on the course: one valid lesson of 1 minute and 0.25 学时; submit for review.
  await page.getByRole("link", { name: `← ${COURSE_TITLE}` }).click();
  const lessons = page.getByTestId("lesson-list").getByRole("listitem");
  await expect(lessons).toHaveCount(1);
  await expect(lessons.first()).toContainText(LESSON_TITLE);
  await expect(lessons.first()).toContainText("约 1 分钟 · 0.25 学时");
  await expect(lessons.first()).toContainText("无问题");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已提交审核。" })).toBeVisible();
  await expect(page.getByTestId("course-status")).toHaveText("待审核");
  await logout(page);
});

test("(b) the programme administrator approves: version 1 is published", async ({ page }) => {
  await approve(page, 1);
});

test("(c) the HR administrator assigns the course to the learner with a due date", async ({ page }) => {
  await login(page, HR);
  await page.goto("/assignments");
  const form = page.locator("form#assign");
  const course = form.getByLabel("课程", { exact: true });
  const value = await course.locator("option", { hasText: COURSE_TITLE }).getAttribute("value");
  expect(value).toBeTruthy();
  await course.selectOption(value!);
  // The person fields replace the unit fields once the page is interactive.
  await expect(async () => {
    await form.getByLabel("个人", { exact: true }).check();
    await expect(form.getByLabel("单位（含下级单位）")).toHaveCount(0, { timeout: 1_000 });
  }).toPass();
  await form.getByLabel("工号").fill(LEARNER);
  await form.getByLabel(/^完成期限/).fill(DUE.iso);
  await form.getByRole("button", { name: "指派", exact: true }).click();

  await expect(page).toHaveURL(/\/assignments\/[^/]+$/);
  await expect(page.getByRole("status").filter({ hasText: "课程已指派。" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
  await expect(page.getByText(`（${LEARNER}）`).first()).toBeVisible();
  await expect(page.getByText(DUE.shown)).toBeVisible();
  const learners = page.getByTestId("assignment-learners");
  await expect(learners.getByRole("row")).toHaveCount(2);
  await expect(learners).toContainText(LEARNER);
  await expect(learners).toContainText("0 / 1");
  await logout(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("(d) the learner finds the assigned course first, passes the check, studies and completes the lesson", async ({ page }) => {
    // About 60 s of heartbeats (two 30-second beats) plus the pages.
    test.setTimeout(150_000);
    const question = await seedQuestion(QUESTION_ID);
    const right = question.answer.correct === true ? "正确" : "错误";
    const wrong = right === "正确" ? "错误" : "正确";

    await login(page, LEARNER);
    await page.goto("/learn");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("学习中心");
    const first = page.getByTestId("catalogue").getByRole("listitem").first();
    await expect(first.getByRole("heading")).toHaveText(COURSE_TITLE);
    await expect(first).toContainText("已指派");
    await expect(first).toContainText(`截止 ${DUE.shown}`);
    await expect(first).toContainText("已完成 0 / 1 课");
    await first.getByRole("link", { name: COURSE_TITLE }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
    await expect(page.getByText(`第 1 版 · 0.25 学时 · 截止 ${DUE.shown}`)).toBeVisible();
    await expect(page.getByTestId("course-progress")).toHaveText("已完成 0 / 1 课");
    await page.getByTestId("resume").click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_TITLE);
    const meta = page.getByTestId("lesson-meta");
    await expect(meta).toHaveText("约 1 分钟 · 0.25 学时 · 已学 0 分钟");
    await expect(page.getByRole("complementary", { name: CALLOUT_TITLE })).toBeVisible();
    const startedAt = Date.now();

    // The knowledge check is scored on the server: wrong, then right.
    const check = page.getByTestId("knowledge-check");
    await check.getByRole("radio", { name: wrong, exact: true }).check();
    await check.getByRole("button", { name: "提交答案" }).click();
    await expect(check.getByRole("status")).toContainText("回答不正确，请再想一想。");
    await check.getByRole("radio", { name: right, exact: true }).check();
    await check.getByRole("button", { name: "提交答案" }).click();
    await expect(check.getByRole("status")).toContainText("回答正确。");

    // Heartbeats every 30 s count time while the page is visible and the learner active:
    // 60% of 1 minute is 36 s, so the beat at 60 s is the one that makes it. Small moves
    // and scrolls keep the learner active.
    let step = 0;
    await expect
      .poll(
        async () => {
          step += 1;
          await page.mouse.move(100 + (step % 2) * 40, 300 + (step % 3) * 20);
          await page.evaluate((y) => window.scrollTo(0, y), (step % 2) * 120);
          return meta.textContent();
        },
        { message: "time on task reaches 1 minute", timeout: 100_000, intervals: [5_000] },
      )
      .toContain("已学 1 分钟");
    const waited = Math.round((Date.now() - startedAt) / 1000);
    expect(waited, "seconds of study before the minute was counted").toBeGreaterThanOrEqual(50);

    await page.getByRole("button", { name: "完成本课" }).click();
    const record = page.getByTestId("learning-record");
    await expect(record).toBeVisible();
    const [, minutes, hours] = /^本课已完成：学习 (\d+) 分钟，记 ([\d.]+) 学时。$/.exec((await record.textContent()) ?? "") ?? [];
    expect(Number(minutes), "minutes on task in the record").toBeGreaterThanOrEqual(1);
    // Credit follows the hours rules in force: a minute or more of study earns 0.25 学时,
    // which is also this lesson's cap.
    expect(Number(hours)).toBe(creditFor(Number(minutes), 0.25));
    await expect(page.getByRole("button", { name: "完成本课" })).toHaveCount(0);

    // Course progress.
    await page.getByRole("link", { name: `← ${COURSE_TITLE}` }).click();
    await expect(page.getByTestId("course-progress")).toHaveText("已完成 1 / 1 课");
    await expect(page.getByRole("listitem").filter({ hasText: LESSON_TITLE })).toContainText(`已完成 · ${hours} 学时`);
    await page.goto("/learn");
    await expect(page.getByTestId("catalogue").getByRole("listitem").first()).toContainText("已完成 1 / 1 课");

    // My learning: the record against version 1, and this year's hours.
    await page.goto("/learn/mine");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的学习");
    const rows = page.getByTestId("learning-records").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first().locator("td")).toHaveText([`${COURSE_TITLE}（第 1 版）· ${LESSON_TITLE}`, minutes, hours, /\d/]);
    await expect(page.getByTestId("hours-this-year")).toHaveText(hours);
    await expect(page.getByRole("link", { name: COURSE_TITLE })).toBeVisible();

    // The study-hours ledger has the lesson, approved, with the same hours.
    await page.goto("/hours");
    const entry = page.getByTestId("hours-entries").locator("tr").filter({ hasText: LESSON_TITLE });
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute("data-status", "APPROVED");
    await expect(entry.getByTestId("entry-hours")).toContainText(hours);
  });
});

test("(e) a second version: the learner's course shows 第 2 版, the record stays with 第 1 版", async ({ page }) => {
  await login(page, TRAINER);
  await openCourse(page);
  await expect(page.getByTestId("course-status")).toHaveText("已发布");
  await page.getByTestId("lesson-list").getByRole("link", { name: LESSON_TITLE }).click();
  await typeLesson(page, lessonSource({ paragraph: "掌握现场检查前应当做好的准备工作，以及检查中的安全注意事项。" }));
  await expect(page.getByText("没有发现问题")).toBeVisible();
  await page.getByTestId("save-lesson").click();
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
  await page.getByRole("link", { name: `← ${COURSE_TITLE}` }).click();
  // Learners keep version 1 until the change is approved.
  await expect(page.getByTestId("course-status")).toHaveText("草稿");
  await expect(page.getByText("有未发布的修改")).toBeVisible();
  await expect(page.getByText("学员当前学习第 1 版")).toBeVisible();
  await expect(page.getByTestId("lesson-list")).toContainText("与已发布版本不同");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("course-status")).toHaveText("待审核");
  await logout(page);

  await approve(page, 2);

  await login(page, LEARNER);
  await page.goto("/learn");
  await page.getByTestId("catalogue").getByRole("link", { name: COURSE_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
  await expect(page.getByText(`第 2 版 · 0.25 学时 · 截止 ${DUE.shown}`)).toBeVisible();
  // The changed lesson is a new lesson version: its completion is for version 2 to earn.
  await expect(page.getByTestId("course-progress")).toHaveText("已完成 0 / 1 课");

  await page.goto("/learn/mine");
  const rows = page.getByTestId("learning-records").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator("td").first()).toHaveText(`${COURSE_TITLE}（第 1 版）· ${LESSON_TITLE}`);
  await logout(page);
});
