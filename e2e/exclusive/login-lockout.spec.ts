import { expect, httpStatusError, DEMO_PASSWORD, submitLogin, test } from "../fixtures";

/*
 * Locks the reviewer's demo account (RV320001) for the rest of the run: this spec is in
 * e2e/exclusive/, which runs after every spec that signs in as the demo accounts.
 * Defaults: 5 failures per account within 15 minutes (LOGIN_MAX_FAILURES_PER_ACCOUNT).
 */
const ACCOUNT = "RV320001";
const MAX_FAILURES = 5;

test("too many failed sign-ins lock the account, even against the right password", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(401));
  consoleErrors.allow(httpStatusError(429));
  await page.goto("/login");

  for (let attempt = 1; attempt <= MAX_FAILURES; attempt++) {
    const response = await submitLogin(page, ACCOUNT, `wrong-password-${attempt}`);
    expect(response.status(), `attempt ${attempt}`).toBe(401);
    await expect(page.getByTestId("login-error")).toHaveText("工号/邮箱或密码不正确。");
  }

  const locked = await submitLogin(page, ACCOUNT, "wrong-password-6");
  expect(locked.status()).toBe(429);
  await expect(page.getByTestId("login-error")).toContainText("该账号登录失败次数过多");
  await expect(page.getByTestId("login-error")).toContainText("分钟后再试");

  // The right password no longer helps until the window has passed.
  const refused = await submitLogin(page, ACCOUNT, DEMO_PASSWORD);
  expect(refused.status()).toBe(429);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("login-error")).toContainText("该账号登录失败次数过多");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
