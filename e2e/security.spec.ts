import { expect, test } from "./fixtures";

test("pages carry the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");

  const home = await page.request.get("/", { maxRedirects: 0 });
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a cross-site POST is refused", async ({ page }) => {
  const evil = await page.request.post("/login", {
    headers: { Origin: "http://evil.example" },
    form: { identifier: "ADMIN001", password: "Demo2025pass" },
    maxRedirects: 0,
  });
  expect(evil.status()).toBe(403);
  expect(evil.headers()["set-cookie"]).toBeUndefined();

  // The same request from the site itself is not refused (set-locale: no sign-in needed).
  const same = await page.request.post("/set-locale", {
    headers: { Origin: "http://localhost:3100" },
    form: { locale: "zh-CN", redirectTo: "/login" },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(302);
});
