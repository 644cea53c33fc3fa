import { defineConfig, devices } from "@playwright/test";

/*
 * End-to-end tests against the production build (`node server.js`) on a fresh,
 * seeded database (see e2e/start-server.sh). Browser: Debian's Chromium, because
 * `npx playwright install` cannot download here (docs: TOOLCHAIN "Browser tests").
 *
 * Tests share one server and its database, so they keep out of each other's way:
 * - specs that change an account's state for everyone (locking RV320001, the
 *   remembered language of PA100001) live in e2e/exclusive/ and run only after all
 *   other specs have finished (project dependency), because the role-navigation
 *   spec signs in as every demo account;
 * - imported people get staff numbers unique to the run, outside the seeded ranges.
 */
const PORT = 3100;
const baseURL = `http://localhost:${PORT}`;

const chromium = {
  ...devices["Desktop Chrome"],
  // The users are Chinese; without this Chromium sends Accept-Language: en-US.
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // Files run in parallel (2 workers); the tests inside one file run in order.
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // Tests change server state (imports, issued accounts, locks): a retry would not
  // start from the same state, so a failure is reported as it is.
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
  projects: [
    { name: "chromium", testIgnore: "**/exclusive/**", use: chromium },
    { name: "exclusive", testDir: "e2e/exclusive", dependencies: ["chromium"], use: chromium },
  ],
  webServer: {
    command: "./e2e/start-server.sh",
    url: `${baseURL}/healthz`,
    // Always a fresh database: a reused server would carry locks and imports over.
    reuseExistingServer: false,
    // migrate + seed + production build, then start.
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
