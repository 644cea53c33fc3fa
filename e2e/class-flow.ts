import type { Browser } from "@playwright/test";
import { expect, login, type Page } from "./fixtures";

/** A wall-clock time in Shanghai as a datetime-local value, `minutes` from now. */
export function shanghaiLocal(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

/**
 * The organiser (signed in on `page`) runs a one-session class today for one officer:
 * creates it, opens it, nominates the officer and shows the check-in QR; the officer
 * checks in on a phone by opening the QR's address; the organiser sees the attendance
 * and completes the class. Returns the officer's phone page (still open) and the class URL.
 */
export async function runClassToday(
  page: Page,
  browser: Browser,
  options: { title: string; typeLabel: string; hours: number; officer: string },
): Promise<{ officer: Page; classUrl: string; close: () => Promise<void> }> {
  await page.goto("/classes/new");
  const form = page.getByTestId("class-form");
  await form.getByLabel("名称", { exact: true }).fill(options.title);
  await form.getByLabel("类型", { exact: true }).selectOption({ label: options.typeLabel });
  await form.getByLabel("名额", { exact: true }).fill("30");
  await form.getByLabel("学时", { exact: true }).fill(String(options.hours));
  await form.getByLabel("结业出勤率（%）", { exact: true }).fill("80");
  const session = page.getByTestId("sessions-editor");
  await session.getByLabel("第 1 课次").fill("现场实训");
  await session.getByLabel("开始时间").fill(shanghaiLocal(-5));
  await session.getByLabel("结束时间").fill(shanghaiLocal(30));
  await page.getByTestId("class-save").click();
  await expect(page).toHaveURL(/\/classes\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(options.title);

  await page.getByTestId("class-open").click();
  await page.getByTestId("nominate-form").getByRole("textbox").fill(options.officer);
  await page.getByTestId("nominate-submit").click();
  await expect(page.getByTestId("enrolments").locator(`[data-staff-no="${options.officer}"]`)).toBeVisible();
  const classUrl = page.url();

  await page.getByTestId("session-checkin-link").first().click();
  await expect(page.getByTestId("checkin-qr")).toBeVisible();
  const checkinPath = (await page.getByTestId("checkin-url").getAttribute("href")) ?? "";
  expect(checkinPath).toMatch(/^\/checkin\//);

  // The officer's phone opens the address in the QR code.
  const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const officer = await phone.newPage();
  await login(officer, options.officer);
  await officer.goto(checkinPath);
  await expect(officer.getByTestId("checkin-result")).toHaveAttribute("data-ok", "true");
  await expect(officer.getByTestId("checkin-result")).toContainText("签到成功");
  // Opening it again writes nothing new.
  await officer.goto(checkinPath);
  await expect(officer.getByTestId("checkin-result")).toHaveAttribute("data-ok", "true");

  await page.goto(classUrl);
  await expect(page.getByTestId("attendance-cell").first()).toHaveAttribute("data-present", "true");
  await page.getByTestId("class-complete").click();
  await expect(page.getByTestId("class-action-result")).toContainText("合格 1 人");
  return { officer, classUrl, close: () => phone.close() };
}
