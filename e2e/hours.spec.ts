import { runClassToday } from "./class-flow";
import { expect, login, logout, test, type Page } from "./fixtures";

/*
 * Study hours acceptance flow (issue 6), on the demo seed:
 *
 * (a) the 浙江 trainer TR330001 runs a one-session class today: creates it, opens it,
 *     nominates LE330101 and shows the check-in QR; LE330101 checks in on a phone by opening
 *     the QR's address; the trainer sees the attendance and completes the class; LE330101
 *     finds the class's 8 hours in 我的学时;
 * (b) the 浙江 HR administrator approves LE330101's pending external hours: the officer's
 *     total and 杭州's dashboard figures move; HR drills down to the people behind pace
 *     and exports them;
 * (c) the programme administrator lowers next year's requirement: this year's figures and
 *     requirement on LE330101's page stay as they were.
 *
 * Serial: each test builds on the previous one.
 */

const TRAINER = "TR330001";
const HR = "HR330001";
const ADMIN = "PA100001";
const LEARNER = "LE330101";
const CLASS_TITLE = "执法文书制作专题培训（端到端测试）";

test.describe.configure({ mode: "serial" });

async function professionalHours(page: Page): Promise<number> {
  await page.goto("/hours");
  return Number(await page.getByTestId("hours-professional").getAttribute("data-credited"));
}

let hoursBeforeClass = 0;

test("(a) a class today: QR check-in on a phone, completion, and the hours in 我的学时", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await login(page, LEARNER);
  hoursBeforeClass = await professionalHours(page);
  await logout(page);

  await login(page, TRAINER);
  const { officer, close } = await runClassToday(page, browser, { title: CLASS_TITLE, typeLabel: "专题培训", hours: 8, officer: LEARNER });

  // The class is in the officer's hours, on the phone.
  await officer.goto("/hours");
  const entry = officer.getByTestId("hours-entries").locator("tr").filter({ hasText: CLASS_TITLE });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId("entry-hours")).toContainText("8");
  // At least: the courseware spec may add a lesson's quarter hour for the same officer meanwhile.
  expect(Number(await officer.getByTestId("hours-professional").getAttribute("data-credited"))).toBeGreaterThanOrEqual(hoursBeforeClass + 8);
  await expect(officer.getByTestId("progress-ring")).toBeVisible();
  await close();
});

test("(b) HR approves external hours; 杭州's dashboard moves; HR exports the people behind pace", async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, HR);
  const hangzhou = "/compliance/units/" + (await unitId(page, "杭州市"));
  await page.goto(hangzhou);
  const metBefore = Number(await page.getByTestId("stat-met-value").textContent());

  await page.goto("/hours/approvals");
  const row = page.getByTestId("approvals").locator("tr").filter({ hasText: LEARNER }).filter({ hasText: "省级网络学院课程学习（外部平台）" });
  await expect(row).toHaveCount(1);
  await row.getByTestId("approve-entry").click();
  await expect(row).toHaveCount(0);

  // 47 seeded hours + the class's 8 + these 6: LE330101 now meets the 60 hours.
  await page.goto(hangzhou);
  await expect(page.getByTestId("stat-met-value")).toHaveText(String(metBefore + 1));

  // Drill down to the people behind pace and export them.
  await page.getByTestId("behind-pace-link").click();
  await expect(page).toHaveURL(/\/compliance\/people\?/);
  const people = page.getByTestId("compliance-person-row");
  await expect(people.first()).toBeVisible();
  await expect(page.locator(`[data-testid="compliance-person-row"][data-staff-no="${LEARNER}"]`)).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-people").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = await download.path();
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved!);
  const sheet = workbook.worksheets[0];
  const total = Number((/[\d,]+/.exec((await page.getByTestId("people-total").textContent()) ?? "")?.[0] ?? "").replace(/,/g, ""));
  expect(sheet.actualRowCount - 1, "data rows in the export").toBe(total);
  await logout(page);

  await login(page, LEARNER);
  await page.goto("/hours");
  await expect(page.getByTestId("hours-met")).toHaveAttribute("data-met", "yes");
});

/** A unit's id from the compliance unit table of the actor's own unit. */
async function unitId(page: Page, name: string): Promise<string> {
  await page.goto("/compliance");
  const row = page.getByTestId("unit-row").filter({ hasText: name }).first();
  const id = await row.getAttribute("data-unit-id");
  expect(id, `unit row for ${name}`).toBeTruthy();
  return id!;
}

test("(c) a rule change for next year leaves this year's figures alone", async ({ page }) => {
  await login(page, LEARNER);
  const before = await professionalHours(page);
  const requiredBefore = await page.getByTestId("hours-professional").getAttribute("data-required");
  await logout(page);

  const nextYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() + 1;
  await login(page, ADMIN);
  await page.goto(`/hours/rules?year=${nextYear}`);
  const form = page.getByTestId("rules-form");
  await form.getByLabel("专业知识和法律学时要求").fill("48");
  await form.getByLabel("修订说明").fill("端到端测试：下一年度调整");
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rule-professional")).toHaveText("48 学时");
  await expect(page.getByTestId("rule-versions")).toContainText("端到端测试：下一年度调整");
  await logout(page);

  await login(page, LEARNER);
  expect(await professionalHours(page)).toBe(before);
  await expect(page.getByTestId("hours-professional")).toHaveAttribute("data-required", requiredBefore ?? "60");
});
