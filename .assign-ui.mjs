import { chromium } from "@playwright/test";
const base = "http://localhost:5199";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
const page = await ctx.newPage();
page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
await page.goto(base + "/login?redirectTo=/assignments");
await page.getByLabel("工号或电子邮箱").fill(process.env.WHO ?? "HR330001");
await page.getByLabel("密码").fill("Demo2025pass");
await page.getByRole("button", { name: "登录" }).click();
await page.waitForURL("**/assignments");
await page.waitForTimeout(1000);
await page.screenshot({ path: "/tmp/assign-ui/shots/1-list.png", fullPage: true });
// submit empty form -> errors
await page.getByRole("button", { name: "指派", exact: true }).click();
await page.waitForTimeout(500);
await page.screenshot({ path: "/tmp/assign-ui/shots/2-errors.png", fullPage: true });
// person by staff number, out of scope
await page.getByLabel("课程").first().selectOption({ index: 1 });
await page.getByLabel("个人").check();
await page.getByLabel("工号").fill("HR320001");
await page.getByRole("button", { name: "指派", exact: true }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: "/tmp/assign-ui/shots/3-person-error.png", fullPage: true });
// unit assignment
await page.getByLabel("单位").first().check();
await page.getByLabel("单位（含下级单位）").first().selectOption({ label: /杭州市/ }).catch(async () => {
  const opts = await page.getByLabel("单位（含下级单位）").first().locator("option").allTextContents();
  const o = opts.find((x) => x.includes("杭州市"));
  await page.getByLabel("单位（含下级单位）").first().selectOption({ label: o });
});
await page.getByLabel("人员类别").selectOption("ENFORCEMENT");
await page.getByLabel(/完成期限/).fill("2030-01-31");
await page.getByRole("button", { name: "指派", exact: true }).click();
await page.waitForURL(/\/assignments\/[a-z0-9]+/);
await page.waitForTimeout(1000);
await page.screenshot({ path: "/tmp/assign-ui/shots/4-detail.png", fullPage: true });
await page.getByText("撤销指派").click();
await page.getByRole("button", { name: "确认撤销" }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: "/tmp/assign-ui/shots/5-revoked.png", fullPage: true });
await page.goto(base + "/assignments?status=ALL");
await page.waitForTimeout(800);
await page.screenshot({ path: "/tmp/assign-ui/shots/6-list-all.png", fullPage: true });
await browser.close();
