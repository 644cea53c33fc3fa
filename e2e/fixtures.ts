import { test as base, expect, type Page, type Response } from "@playwright/test";

/** Password of every seeded demo account (app/cli/seed/seed.server.ts). */
export const DEMO_PASSWORD = "Demo2025pass";

/** Texts the specs look for, in both languages where a spec needs both. */
export const LABELS = {
  identifier: /^(工号或电子邮箱|Staff number or e-mail)$/,
  password: /^(密码|Password)$/,
  signIn: /^(登录|Sign in)$/,
  signOut: /^(退出登录|Sign out)$/,
};

type ConsoleGuard = {
  /** Lets a test declare a console error it expects (e.g. the 401 of a wrong password). */
  allow(pattern: RegExp): void;
};

export const test = base.extend<{ consoleErrors: ConsoleGuard }>({
  /*
   * Fails the test on any console error or uncaught page error in any page of the
   * test's browser context, unless the test declared it with consoleErrors.allow().
   * Auto fixture: every test gets it without asking.
   */
  consoleErrors: [
    async ({ context }, use) => {
      const allowed: RegExp[] = [];
      const seen: string[] = [];
      const onConsole = (message: import("@playwright/test").ConsoleMessage) => {
        if (message.type() !== "error") return;
        const { url } = message.location();
        seen.push(`console.error: ${message.text()}${url ? ` (${url})` : ""}`);
      };
      const onPageError = (error: import("@playwright/test").WebError) => {
        const e = error.error();
        seen.push(`page error: ${e.stack ?? e.message}`);
      };
      context.on("console", onConsole);
      context.on("weberror", onPageError);
      await use({ allow: (pattern) => allowed.push(pattern) });
      context.off("console", onConsole);
      context.off("weberror", onPageError);
      const unexpected = seen.filter((line) => !allowed.some((pattern) => pattern.test(line)));
      expect(unexpected, "unexpected console errors or page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page };

/** The browser logs failed requests as console errors; this matches one with `status`. */
export function httpStatusError(status: number): RegExp {
  return new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`);
}

/** Waits for the response of the next POST the page sends (a Remix form submission). */
export function nextPost(page: Page): Promise<Response> {
  return page.waitForResponse((response) => response.request().method() === "POST");
}

/** Fills and submits the sign-in form; does not check the outcome. */
export async function submitLogin(page: Page, staffNo: string, password: string) {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/login")) await page.goto("/login");
  await page.getByLabel(LABELS.identifier).fill(staffNo);
  await page.getByLabel(LABELS.password).fill(password);
  const response = nextPost(page);
  await page.getByRole("button", { name: LABELS.signIn }).click();
  return response;
}

/**
 * Signs in through the sign-in page and waits until the browser has left it
 * (home, or the forced password change for an issued password).
 */
export async function login(page: Page, staffNo: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await submitLogin(page, staffNo, password);
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
}

/** Signs out with the header button (or the one on the forced-change page). */
export async function logout(page: Page) {
  await page.getByRole("button", { name: LABELS.signOut }).click();
  await expect(page).toHaveURL(/\/login$/);
}
