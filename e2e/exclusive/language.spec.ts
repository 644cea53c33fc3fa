import { expect, login, logout, test } from "../fixtures";

/*
 * Changes the remembered language of PA100001; in e2e/exclusive/ so it runs after the
 * role-navigation spec, which expects every demo account in Chinese.
 */
const ACCOUNT = "PA100001";

test("switching language shows the pages in English and back, remembered per account", async ({ page, context }) => {
  await login(page, ACCOUNT);
  const nav = page.getByTestId("main-nav");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(nav.getByRole("link", { name: "人员名册" })).toBeVisible();

  // Chinese → English (a full reload of the same page).
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, 周建国");
  await expect(nav.getByRole("link", { name: "People", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "人员名册" })).toHaveCount(0);
  await expect(page.getByTestId("home-roles")).toContainText("Programme administrator");
  await page.goto("/people");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  await expect(page.getByTestId("people-total")).toContainText("in total");

  // Signed out: the sign-in page stays in English (this browser's cookie) ...
  await logout(page);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Staff number or e-mail")).toBeVisible();

  // ... and a browser that never chose gets Chinese, until the account signs in:
  // the account remembers English.
  await context.clearCookies();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await login(page, ACCOUNT);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, 周建国");
  await expect(nav.getByRole("link", { name: "Home", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // English → Chinese, remembered the same way.
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(nav.getByRole("link", { name: "首页", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("周建国，您好");
  await logout(page);
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await context.clearCookies();
  await page.goto("/login");
  // Chinese by default, so switch this browser to English to prove the account wins.
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await login(page, ACCOUNT);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("周建国，您好");
  await expect(nav.getByRole("link", { name: "人员名册", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("the sign-in page switches language before signing in", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
});
