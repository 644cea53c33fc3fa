import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, httpStatusError, login, logout, test, type Page } from "./fixtures";

/*
 * The question bank's acceptance flow, as the 浙江 trainer TR330001 (edits the 浙江 bank,
 * reads the national one): import Moodle GIFT and Moodle XML exports, refuse a file with a
 * broken question, edit an imported question, export and re-import, review, search.
 *
 * The tests build on each other (what (a) imports is edited in (d), exported in (e)…), so
 * they run serially: after a failure the rest are skipped rather than failing for it.
 *
 * Fixtures (e2e/fixtures/) are written the way Moodle exports: "// question: N  name: …"
 * comments, $CATEGORY, ::title::, [html] text; XML with CDATA, graderinfo, tags. Each file
 * has its own place name (青溪县, 白沙镇, 鹿鸣湖) that appears nowhere in the seed, so a
 * search for it finds exactly that file's questions. The fixture in
 * app/modules/questions/formats/fixtures/ is not used: it deliberately holds broken
 * questions (an essay without model answer, an unclosed "{"), which refuse the whole file.
 */

const TRAINER = "TR330001";
const NATIONAL_ADMIN = "PA100001";
const LEARNER = "LE330101";
const BANK = "浙江省执法培训题库";
const NATIONAL_BANK = "国家执法考试题库";

const GIFT_FILE = "qingxi-moodle.gift.txt";
const XML_FILE = "baisha-moodle.xml";
const BROKEN_GIFT_FILE = "luming-broken.gift.txt";
const BROKEN_XML_FILE = "luming-broken.xml";

test.describe.configure({ mode: "serial" });

function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

async function fixtureText(name: string): Promise<string> {
  return readFile(fixturePath(name), "utf8");
}

/** 1-based number of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the fixture`);
  return index + 1;
}

/** The id of the 浙江 bank, as the import page offers it. */
async function bankId(page: Page): Promise<string> {
  await page.goto("/questions/import");
  const value = await page.locator("#bankId option", { hasText: BANK }).getAttribute("value");
  expect(value).toBeTruthy();
  return value!;
}

/** "共 N 条" on the question list for these filters. */
async function questionTotal(page: Page, filters: Record<string, string>): Promise<number> {
  await page.goto(`/questions?${new URLSearchParams(filters)}`);
  const text = await page.getByTestId("questions-total").textContent();
  const match = /共\s*([\d,]+)\s*条/.exec(text ?? "");
  expect(match, `total in "${text}"`).not.toBeNull();
  return Number(match![1].replace(/,/g, ""));
}

type Upload = string | { name: string; mimeType: string; buffer: Buffer };

/** Uploads a file on the import page for the 浙江 bank and waits for the check report. */
async function checkFile(page: Page, file: Upload) {
  await page.goto("/questions/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入试题");
  await page.getByLabel("试题文件").setInputFiles(typeof file === "string" ? fixturePath(file) : file);
  await page.getByLabel("导入到题库").selectOption({ label: BANK });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("import-report")).toBeVisible();
}

/** Ticks "skip unsupported" when it is offered, confirms, and checks the notice. */
async function confirmImport(page: Page, count: number) {
  const skip = page.getByLabel("跳过以上不支持的题型，导入其余试题");
  if (await skip.count()) await skip.check();
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page).toHaveURL(/\/questions\?bankId=[^&]+&status=DRAFT$/);
  await expect(page.getByText(`已导入 ${count} 道试题（草稿）。`)).toBeVisible();
}

async function expectUnsupported(page: Page, rows: { line: number; kind: string; name: string }[]) {
  const table = page.getByTestId("import-unsupported");
  await expect(table.getByRole("columnheader")).toHaveText(["行号", "题型", "名称"]);
  const body = table.locator("tbody tr");
  await expect(body).toHaveCount(rows.length);
  for (const [i, row] of rows.entries()) {
    await expect(body.nth(i).locator("td")).toHaveText([String(row.line), row.kind, row.name]);
  }
}

// Unsupported kinds by their Chinese names (questionFormats.kinds).
const MATCHING = "匹配题";
const NUMERICAL = "数值题";

test("(a) a Moodle GIFT export: check report by type, unsupported ones by line, then import", async ({ page }) => {
  await login(page, TRAINER);
  const gift = await fixtureText(GIFT_FILE);
  const id = await bankId(page);
  // Only banks the trainer may edit are offered: not the national one (read-only for them).
  await expect(page.locator("#bankId option")).toHaveText([BANK]);
  expect(await questionTotal(page, { bankId: id, q: "青溪" })).toBe(0);

  await checkFile(page, GIFT_FILE);
  await expect(page.getByTestId("import-report")).toContainText("GIFT（Moodle）");
  await expect(page.getByTestId("import-problems")).toHaveCount(0);
  const ready = page.getByTestId("import-ready");
  await expect(ready).toContainText("共 6 道试题可以导入：");
  await expect(ready.getByRole("listitem")).toHaveText(["单选题 1 道", "多选题 1 道", "判断题 2 道", "填空题 2 道"]);
  await expectUnsupported(page, [
    { line: lineOf(gift, "::青溪县-违法行为与法律::"), kind: MATCHING, name: "青溪县-违法行为与法律" },
    { line: lineOf(gift, "::青溪县-罚款计算::"), kind: NUMERICAL, name: "青溪县-罚款计算" },
  ]);

  // Unsupported questions are skipped only when the person says so.
  await expect(page.getByLabel("跳过以上不支持的题型，导入其余试题")).not.toBeChecked();
  await confirmImport(page, 6);
  await expect(page.getByTestId("questions-table")).toContainText("青溪县某重点排污单位未按规定公开排放信息");
  expect(await questionTotal(page, { bankId: id, q: "青溪" })).toBe(6);
  expect(await questionTotal(page, { bankId: id, q: "青溪", status: "DRAFT" })).toBe(6);
});

test("(b) a Moodle XML export: check report by type, unsupported ones by line, then import", async ({ page }) => {
  await login(page, TRAINER);
  const xml = await fixtureText(XML_FILE);
  const id = await bankId(page);
  expect(await questionTotal(page, { bankId: id, q: "白沙" })).toBe(0);

  await checkFile(page, XML_FILE);
  await expect(page.getByTestId("import-report")).toContainText("Moodle XML");
  await expect(page.getByTestId("import-problems")).toHaveCount(0);
  const ready = page.getByTestId("import-ready");
  await expect(ready).toContainText("共 5 道试题可以导入：");
  await expect(ready.getByRole("listitem")).toHaveText(["单选题 1 道", "多选题 1 道", "判断题 1 道", "填空题 1 道", "案例分析题 1 道"]);
  await expectUnsupported(page, [
    { line: lineOf(xml, '<question type="matching">'), kind: MATCHING, name: "白沙镇-违法行为与法律" },
    { line: lineOf(xml, '<question type="numerical">'), kind: NUMERICAL, name: "白沙镇-罚款计算" },
  ]);

  await confirmImport(page, 5);
  expect(await questionTotal(page, { bankId: id, q: "白沙" })).toBe(5);

  // The essay's "information for graders" became the model answer and the rubric.
  await page.goto(`/questions?${new URLSearchParams({ bankId: id, q: "白沙", type: "CASE_ANALYSIS" })}`);
  await page.getByTestId("questions-table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("案例分析题 · 第 1 版");
  // The first answer is the current version's; the version history repeats it further down.
  const answer = page.getByTestId("question-answer").first();
  await expect(answer).toContainText("属于逃避监管的违法行为");
  await expect(answer.getByRole("listitem")).toHaveText(["认定违法事实（4）", "正确适用法律条款（4）", "提出处理意见（2）"]);
});

test("(c) a file with one broken question names its line and imports nothing", async ({ page, consoleErrors }) => {
  // A refused file is answered 422, which the browser logs.
  consoleErrors.allow(httpStatusError(422));
  await login(page, TRAINER);
  const id = await bankId(page);
  const bankBefore = await questionTotal(page, { bankId: id });
  const wordBefore = await questionTotal(page, { bankId: id, q: "鹿鸣湖" });

  // GIFT: a multiple choice whose options are all "~" (no correct answer); the other two are fine.
  const gift = await fixtureText(BROKEN_GIFT_FILE);
  await checkFile(page, BROKEN_GIFT_FILE);
  await expect(page.getByText("文件中有 1 处问题，未导入任何试题")).toBeVisible();
  const problems = page.getByTestId("import-problems");
  await expect(problems.getByRole("columnheader")).toHaveText(["行号", "问题"]);
  await expect(problems.locator("tbody tr")).toHaveCount(1);
  await expect(problems.locator("tbody tr td")).toHaveText([String(lineOf(gift, "::鹿鸣湖-执法证件::")), "没有标出正确答案。"]);
  await expect(page.getByTestId("import-ready")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);

  // Moodle XML that is not well-formed: a <text> left open; the parser names the line where
  // the mismatched closing tag stands (the one after the open <text>).
  const xml = await fixtureText(BROKEN_XML_FILE);
  await checkFile(page, BROKEN_XML_FILE);
  await expect(page.getByText("文件中有 1 处问题，未导入任何试题")).toBeVisible();
  await expect(problems.locator("tbody tr td")).toHaveText([String(lineOf(xml, "可以随意设置排污口") + 1), "XML 格式错误，文件无法读取。"]);
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);

  // Nothing was imported, not even the good questions of either file.
  expect(await questionTotal(page, { bankId: id, q: "鹿鸣湖" })).toBe(wordBefore);
  expect(wordBefore).toBe(0);
  expect(await questionTotal(page, { bankId: id })).toBe(bankBefore);
});

test("(d) editing an imported draft records version 2 with its change note", async ({ page }) => {
  // App bug: routes/questions.$id.edit is nested in routes/questions.$id (flat-route name
  // "questions.$id.edit"), and questions.$id.tsx renders no <Outlet />, so /questions/:id/edit
  // shows the question page instead of the editor. Remove this line once the route is fixed
  // (e.g. renamed questions.$id_.edit.tsx); the test then fails as "expected to fail".
  await login(page, TRAINER);
  const id = await bankId(page);
  await page.goto(`/questions?${new URLSearchParams({ bankId: id, q: "青溪", type: "SINGLE" })}`);
  await page.getByTestId("questions-table").getByRole("link", { name: /青溪县某重点排污单位/ }).click();
  await expect(page).toHaveURL(/\/questions\/[^/]+$/);
  const questionUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("单选题 · 第 1 版");
  await expect(page.getByTestId("question-status")).toHaveText("草稿");
  await expect(page.getByTestId("question-versions").locator(":scope > li")).toHaveCount(1);

  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("编辑 · 第 1 版");
  const stem = page.getByLabel("题干", { exact: true });
  await expect(stem).toHaveValue(/青溪县某重点排污单位未按规定公开排放信息/);
  const newStem = "青溪县某重点排污单位未按照规定如实向社会公开其主要污染物的排放情况。对此，负有环境保护监督管理职责的部门可以采取的措施是：";
  await stem.fill(newStem);
  await page.getByLabel("修改说明").fill("题干改为法条原文的表述");
  await page.getByRole("button", { name: "保存", exact: true }).click();

  await expect(page).toHaveURL(questionUrl);
  await expect(page.getByText("已保存为第 2 版。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("单选题 · 第 2 版");
  await expect(page.getByTestId("question-status")).toHaveText("草稿");
  await expect(page.getByText(newStem).first()).toBeVisible();
  const versions = page.getByTestId("question-versions").locator(":scope > li");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText("第 2 版");
  await expect(versions.nth(0)).toContainText("题干改为法条原文的表述");
  await expect(versions.nth(0)).toContainText(TRAINER);
  await expect(versions.nth(1)).toContainText("第 1 版");
});

test("(e) the bank exports as Excel and GIFT; the GIFT export imports back whole", async ({ page }) => {
  // App bug: the loader of routes/questions.export (a page with a default export) throws the
  // file as a Response; Remix renders a thrown Response of a page route in its error
  // boundary ("200 出错了"), so no file is ever downloaded. The file needs a resource route
  // (no default export), as people.export has. Remove this line once that is fixed.
  await login(page, TRAINER);
  const id = await bankId(page);
  const total = await questionTotal(page, { bankId: id });
  // 6 from GIFT + 5 from XML (earlier tests); nothing else is in the 浙江 bank.
  expect(total).toBe(11);

  async function exportAs(formatLabel: string) {
    await page.goto("/questions/export");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("导出试题");
    await page.getByLabel("题库", { exact: true }).selectOption({ label: BANK });
    await page.getByLabel("格式", { exact: true }).selectOption({ label: formatLabel });
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "导出", exact: true }).click();
    const download = await downloading;
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  }

  // Excel: one row per question under the header row.
  const xlsx = await exportAs("Excel（.xlsx）");
  expect(xlsx.name).toMatch(new RegExp(`^${BANK}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const stemColumn = header.indexOf("题干");
  expect(stemColumn, `题干 in ${header.join(",")}`).toBeGreaterThan(0);
  const stems: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1 && String(row.getCell(stemColumn).value ?? "").trim()) stems.push(String(row.getCell(stemColumn).value));
  });
  expect(stems).toHaveLength(total);
  expect(stems.some((s) => s.includes("白沙镇一家实行排污登记管理的小型企业"))).toBe(true);

  // GIFT, imported back into the same bank: every exported question is ready again.
  const gift = await exportAs("GIFT（Moodle）");
  expect(gift.name).toMatch(new RegExp(`^${BANK}-\\d{4}-\\d{2}-\\d{2}\\.gift\\.txt$`));
  await checkFile(page, { name: gift.name, mimeType: "text/plain", buffer: gift.bytes });
  await expect(page.getByTestId("import-problems")).toHaveCount(0);
  await expect(page.getByTestId("import-unsupported")).toHaveCount(0);
  const ready = page.getByTestId("import-ready");
  await expect(ready).toContainText(`共 ${total} 道试题可以导入：`);
  // (Listed in the order the types first occur; questions imported together may export in any order.)
  await expect(ready.getByRole("listitem")).toHaveCount(5);
  expect((await ready.getByRole("listitem").allTextContents()).sort()).toEqual(["单选题 2 道", "多选题 2 道", "判断题 3 道", "填空题 3 道", "案例分析题 1 道"].sort());
  // Duplicates are allowed on import: the bank now holds every question twice.
  await confirmImport(page, total);
  expect(await questionTotal(page, { bankId: id })).toBe(2 * total);
});

test("(f) a submitted draft is approved by someone else, not by its author", async ({ page }) => {
  await login(page, TRAINER);
  const id = await bankId(page);
  await page.goto(`/questions?${new URLSearchParams({ bankId: id, q: "排污登记", status: "DRAFT" })}`);
  await page.getByTestId("questions-table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/questions\/[^/]+$/);
  const questionPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("question-status")).toHaveText("草稿");

  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("状态已更新。")).toBeVisible();
  await expect(page.getByTestId("question-status")).toHaveText("待审核");
  // The author may not review their own question.
  await expect(page.getByRole("button", { name: "审核通过" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "退回修改" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "提交审核" })).toHaveCount(0);
  await logout(page);

  // The national programme admin reviews every bank: the question waits in their queue.
  await login(page, NATIONAL_ADMIN);
  await page.goto("/questions/review");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("待审核试题");
  await page.getByTestId("review-queue").locator(`a[href="${questionPath}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${questionPath}$`));
  await expect(page.getByTestId("question-status")).toHaveText("待审核");
  await page.getByLabel("审核意见").fill("表述准确，同意启用。");
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByText("状态已更新。")).toBeVisible();
  await expect(page.getByTestId("question-status")).toHaveText("已启用");
  await expect(page.getByRole("button", { name: "审核通过" })).toHaveCount(0);
  await expect(page.getByText(/通过 · 第 1 版：表述准确，同意启用。/)).toBeVisible();
});

test("(g) searching finds seed questions by a Chinese word; a learner has no question bank", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(404));
  await login(page, TRAINER);
  await page.goto("/questions");
  await page.getByLabel("关键词").fill("听证");
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=%E5%90%AC%E8%AF%81(&|$)/);
  const table = page.getByTestId("questions-table");
  await expect(table).toBeVisible();
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
  const hit = table.getByRole("link", { name: /听证/ }).first();
  await expect(hit).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText(NATIONAL_BANK);

  // A seed question is in the national bank: the 浙江 trainer reads it but may not change it.
  await hit.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("第 1 版");
  await expect(page.getByText(NATIONAL_BANK).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "编辑", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "停用" })).toHaveCount(0);
  await logout(page);

  await login(page, LEARNER);
  const response = await page.goto("/questions");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
});
