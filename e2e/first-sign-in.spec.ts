import { expect, login, logout, test } from "./fixtures";

test("an issued password must be changed at the first sign-in", async ({ page }) => {
  await login(page, "HR330001");

  // A 浙江 officer in post who has no account yet (seeded officers have none).
  await page.goto("/people?q=33&status=ACTIVE");
  const links = page.getByTestId("people-table").locator("tbody tr td:first-child a");
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(hrefs.length).toBeGreaterThan(0);
  let staffNo = "";
  for (const href of hrefs) {
    await page.goto(href);
    if (await page.getByText("尚未开通账号。").isVisible()) {
      staffNo = (await page.locator("dt", { hasText: "工号" }).locator("xpath=following-sibling::dd").textContent())!.trim();
      break;
    }
  }
  expect(staffNo, "a 浙江 officer without an account").toMatch(/^33\d+$/);

  await page.getByRole("button", { name: "开通账号" }).click();
  const issued = page.getByTestId("issued-password");
  await expect(issued).toBeVisible();
  const password = (await issued.textContent())!.match(/一次性密码：([A-Za-z0-9]{12})。/)?.[1];
  expect(password, "the one-time password").toBeTruthy();
  await expect(page.getByText("待首次登录修改密码")).toBeVisible();
  await logout(page);

  // The officer signs in with it and has to choose a new password first.
  await login(page, staffNo, password!);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByTestId("must-change")).toBeVisible();
  await expect(page.getByTestId("main-nav")).toHaveCount(0);
  // Nothing else is reachable before the change.
  await page.goto("/");
  await expect(page.getByTestId("must-change")).toBeVisible();

  const newPassword = "Green2025river";
  await page.getByLabel("当前密码").fill(password!);
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("确认新密码").fill(newPassword);
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("密码已修改。")).toBeVisible();
  await expect(page.getByTestId("home-roles")).toContainText("学员");
  await expect(page.getByTestId("main-nav").getByRole("link", { name: "首页" })).toBeVisible();

  // The new password works; the issued one no longer does.
  await logout(page);
  await login(page, staffNo, newPassword);
  await expect(page).toHaveURL(/\/$/);
});
