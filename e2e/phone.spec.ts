import { expect, login, test, type Page } from "./fixtures";

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalOverflow(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, "page is wider than the phone screen").toBeLessThanOrEqual(375 + 1);
}

test("on a phone the pages fit the screen and the menu navigates", async ({ page }) => {
  await page.goto("/login");
  await expectNoHorizontalOverflow(page);

  await login(page, "HR330001");
  await expect(page.getByTestId("home-roles")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  // The side navigation is replaced by the menu.
  await expect(page.getByTestId("main-nav")).toBeHidden();

  const menu = page.locator("details").filter({ has: page.locator("summary", { hasText: "菜单" }) });
  const menuNav = menu.getByRole("navigation", { name: "主导航" });
  await expect(menuNav).toBeHidden();
  await menu.locator("summary").click();
  await expect(menuNav).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await menuNav.getByRole("link", { name: "人员名册" }).click();

  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("人员名册");
  await expect(page.getByTestId("people-table")).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // A person's page, reached from the list.
  await page.getByTestId("people-table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/people\/[^/]+$/);
  await expect(page.getByText("调动与状态记录")).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
