import { expect, httpStatusError, login, logout, test, type Page } from "./fixtures";

/** Staff numbers in the people table of the current page. */
async function staffNumbers(page: Page): Promise<string[]> {
  const table = page.getByTestId("people-table");
  // Column 2 is the staff number (name, staff number, unit, ...).
  return (await table.locator("tbody tr td:nth-child(2)").allTextContents()).map((s) => s.trim());
}

/** Searches and waits for the results: the address changes a moment before the page shows them. */
async function search(page: Page, q: string) {
  const before = await page.getByTestId("people-total").textContent();
  await page.getByLabel("姓名或工号").fill(q);
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q)}(&|$)`));
  // Every search here narrows the list, so its total differs from the one before.
  await expect(page.getByTestId("people-total")).not.toHaveText(before ?? "");
}

test("HR of 浙江 sees only 浙江 officers and gets 404 for a 江苏 officer", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(404));

  // A 江苏 officer's page address, as 江苏's own HR sees it.
  await login(page, "HR320001");
  await page.goto("/people?q=32000001");
  const jiangsuLink = page.getByTestId("people-table").getByRole("link").first();
  const jiangsuHref = await jiangsuLink.getAttribute("href");
  expect(jiangsuHref).toMatch(/^\/people\/[^/]+$/);
  await page.goto(jiangsuHref!);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("页面不存在");
  await logout(page);

  await login(page, "HR330001");
  await page.goto("/people");
  await expect(page.getByTestId("people-total")).toBeVisible();

  // "3" matches the staff numbers of 浙江 (33…) and 江苏 (32…): only 33… may appear, on every page.
  await search(page, "3");
  const totalText = await page.getByTestId("people-total").textContent();
  const total = Number(totalText!.replace(/[^\d]/g, ""));
  expect(total).toBeGreaterThan(50);
  const seen: string[] = [];
  for (;;) {
    const numbers = await staffNumbers(page);
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect(n, "a staff number outside 浙江").toMatch(/^33/);
    seen.push(...numbers);
    const next = page.getByRole("link", { name: "下一页" });
    if ((await next.count()) === 0) break;
    await next.click();
    await expect(page).toHaveURL(/after=/);
    await expect(page.getByTestId("people-table").locator("tbody tr td:nth-child(2)").first()).not.toHaveText(numbers[0]);
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(total);

  // A 江苏 staff number finds nothing.
  await search(page, "32000001");
  await expect(page.getByTestId("people-total")).toHaveText("共 0 条");
  await expect(page.getByText("没有符合条件的人员。")).toBeVisible();
  await expect(page.getByTestId("people-table")).toHaveCount(0);

  // Its address is "page not found", the same as for an id that does not exist.
  const response = await page.goto(jiangsuHref!);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  const missing = await page.goto("/people/no-such-person");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
});

test("unknown pages give the 404 page", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(404));
  await login(page, "HR330001");
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
});
