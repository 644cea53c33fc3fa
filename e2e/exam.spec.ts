import { expect, login, logout, test, type Page } from "./fixtures";

// Issue 5, end to end: a candidate on a phone takes the seeded drawn exam (浙江 mock
// credential exam, ENF-INITIAL: 66 questions incl. one case analysis), loses the network
// mid-exam, reloads, submits; a trainer marks the case answer; the candidate sees the
// result; the item analysis page shows the indices.
test.describe.configure({ mode: "serial" });

const EXAM = "浙江省执法证考试模拟测试（2026）";

async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, "page is wider than the phone screen").toBeLessThanOrEqual(375 + 1);
}

/** Answers the question on screen with its first option (single, multiple or true/false). */
async function answerFirstOption(page: Page) {
  const question = page.getByTestId("question");
  await question.locator("input[type=radio], input[type=checkbox]").first().check();
}

test.describe("a candidate on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("takes the exam, goes offline and back, reloads, and submits", async ({ page, context, consoleErrors }) => {
    // Offline, the browser logs the failed autosave requests.
    consoleErrors.allow(/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/);
    await login(page, "LE330101");
    await page.goto("/take");
    const card = page.getByTestId("my-exam").filter({ hasText: EXAM });
    await card.getByRole("link", { name: "进入考试" }).click();
    await expect(page.getByRole("heading", { name: "考试须知" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.getByRole("button", { name: "开始作答" }).click();
    await expect(page).toHaveURL(/\/take\/attempts\/[^/]+$/);
    const attemptUrl = page.url();

    // Question 1, saved.
    await expect(page.getByRole("heading", { name: /第 1 题/ })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    const clockAtStart = await page.getByTestId("time-left").textContent();
    expect(clockAtStart).toMatch(/^(1:59:\d\d|2:00:00)$/);
    await answerFirstOption(page);
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");

    // Offline: question 2 is answered and queued on the device.
    await context.setOffline(true);
    await page.getByRole("button", { name: "下一题" }).click();
    await expect(page.getByRole("heading", { name: /第 2 题/ })).toBeVisible();
    await answerFirstOption(page);
    await page.getByRole("checkbox", { name: "标记待查" }).check();
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "offline");
    await expect(page.getByText(/条答案待提交/)).toBeVisible();

    // Back online: the queue drains.
    await context.setOffline(false);
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });

    // Reload: both answers and the flag are back, and the clock continues from the server's time.
    await page.reload();
    await expect(page.getByRole("heading", { name: /第 1 题/ })).toBeVisible();
    await expect(page.getByTestId("question").locator("input:checked")).toHaveCount(1);
    await page.getByRole("button", { name: "第 2 题 已答 已标记" }).click();
    await expect(page.getByTestId("question").locator("input[type=radio]:checked, input[type=checkbox]:checked")).toHaveCount(2); // answer + flag
    expect(await page.getByTestId("time-left").textContent()).toMatch(/^1:5\d:\d\d$/);

    // Submit: the summary lists the unanswered questions.
    await page.getByRole("button", { name: "交卷" }).click();
    await expect(page.getByTestId("unanswered-summary")).toContainText("还有 64 题未作答");
    await page.getByRole("button", { name: "确认交卷" }).click();
    await expect(page).toHaveURL(/\/take\/attempts\/[^/]+\/result$/);
    await expect(page.getByTestId("attempt-result")).toContainText("作答 2 / 66 题");
    // The case analysis awaits a marker, so the score is not shown yet.
    await expect(page.getByTestId("attempt-result")).toContainText("主观题正在评阅");
    await expectNoHorizontalOverflow(page);

    // The attempt cannot be reopened: its page now leads to the result.
    await page.goto(attemptUrl);
    await expect(page).toHaveURL(/\/result$/);
    await logout(page);
  });
});

test("a trainer marks the case answer; the candidate then sees the score; the analysis shows the indices", async ({ page }) => {
  // 浙江's trainer marks anonymously: the task shows an answer-sheet code, never the candidate.
  await login(page, "TR330001");
  await page.goto("/marking");
  const tasks = page.getByTestId("marking-tasks");
  await expect(tasks).toBeVisible();
  await expect(tasks).not.toContainText("LE330101");
  await tasks.getByRole("link", { name: /评分/ }).first().click();
  await expect(page.getByRole("heading", { name: /评分 · 答卷/ })).toBeVisible();
  await expect(page.getByText("参考答案")).toBeVisible();
  await page.getByLabel("得分").fill("12");
  await page.getByRole("button", { name: "提交评分" }).click();
  await expect(page).toHaveURL(/\/marking/);
  await logout(page);

  // The candidate's result is now final (the exam shows scores on submit).
  await login(page, "LE330101");
  await page.goto("/take");
  await page.getByTestId("my-exam").filter({ hasText: EXAM }).getByRole("link", { name: /查看第 1 次结果/ }).click();
  await expect(page.getByTestId("score")).toContainText("成绩：");
  await expect(page.getByTestId("attempt-result")).toContainText("不合格");
  await logout(page);

  // Item analysis for the exam, as the trainer.
  await login(page, "TR330001");
  await page.goto("/exams");
  await page.getByRole("link", { name: EXAM }).first().click();
  await page.getByRole("link", { name: /分析/ }).first().click();
  await expect(page.getByTestId("analysis-summary")).toBeVisible();
  await expect(page.getByTestId("items-table")).toBeVisible();
  await expect(page.getByTestId("facility").first()).toHaveText(/^\d\.\d\d$/);
});

