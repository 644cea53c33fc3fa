import { expect, httpStatusError, login, submitLogin, test } from "./fixtures";

test("a wrong password shows the error and signs nobody in", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(401));
  await page.goto("/login");
  const response = await submitLogin(page, "LE330101", "not-the-password-1");
  expect(response.status()).toBe(401);
  await expect(page.getByTestId("login-error")).toHaveText("工号/邮箱或密码不正确。");
  await expect(page).toHaveURL(/\/login$/);

  // The same account with the right password still gets in (one failure locks nothing).
  await login(page, "LE330101");
  await expect(page.getByTestId("home-roles")).toContainText("学员 · 杭州市");
});

test("signing in needs both fields", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(400));
  await page.goto("/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("必填").first()).toBeVisible();
});
