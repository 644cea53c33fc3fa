import { expect, login, logout, test } from "./fixtures";

// Navigation entries (app/modules/access/navigation.ts, labels nav.* in app/locales/zh-CN.ts),
// in the order the menu shows them.
const ALL_NAV = [
  "首页",
  "学习中心",
  "我的学时",
  "我的考试",
  "我的证件",
  "练习与错题本",
  "培训班",
  "消息通知",
  "培训大纲",
  "题库",
  "试题审核",
  "考试大纲",
  "考试管理",
  "阅卷",
  "课件编写",
  "课件审核",
  "课程指派",
  "实训基地",
  "学时达标",
  "学时审核",
  "学时规则",
  "证件管理",
  "持证统计",
  "证件类型",
  "人员名册",
  "组织机构",
  "角色授权",
  "审计日志",
  "账号与安全",
] as const;
type NavLabel = (typeof ALL_NAV)[number];

// Everyone: 首页, 学习中心, 我的学时, 我的考试, 练习与错题本, 培训班, 消息通知, 培训大纲 (syllabus.view), 账号与安全.
// 实训基地 needs class.manage, 学时达标 hours.view, 学时审核 hours.approve, 学时规则 hours.rules,
// 证件管理 and 持证统计 credential.view, 证件类型 credential.manage.
// 题库 and 考试大纲 need question.view, 试题审核 question.review, 考试管理 exam.results,
// 阅卷 exam.mark, 课件编写 course.author, 课件审核 course.review, 课程指派 course.assign.
const EVERYONE: NavLabel[] = ["首页", "学习中心", "我的学时", "我的考试", "我的证件", "练习与错题本", "培训班", "消息通知", "培训大纲"];
const BASIC_NAV: NavLabel[] = [...EVERYONE, "账号与安全"];
const HR_NAV: NavLabel[] = [...EVERYONE, "考试管理", "课程指派", "实训基地", "学时达标", "学时审核", "证件管理", "持证统计", "人员名册", "组织机构", "角色授权", "账号与安全"];
const TRAINER_NAV: NavLabel[] = [...EVERYONE, "题库", "试题审核", "考试大纲", "考试管理", "阅卷", "课件编写", "实训基地", "账号与安全"];

const ROLES: { staffNo: string; role: string; chip: string; nav: NavLabel[] }[] = [
  { staffNo: "ADMIN001", role: "sysadmin", chip: "系统管理员 · 生态环境部", nav: [...ALL_NAV] },
  // Hours are approved by HR, not by the programme admin (who sees credentials but does not issue them).
  { staffNo: "PA100001", role: "programAdmin", chip: "培训管理员 · 生态环境部", nav: ALL_NAV.filter((label) => label !== "学时审核") },
  { staffNo: "HR330001", role: "hr (浙江)", chip: "人事管理员 · 浙江省", nav: HR_NAV },
  { staffNo: "HR320001", role: "hr (江苏)", chip: "人事管理员 · 江苏省", nav: HR_NAV },
  { staffNo: "TR330001", role: "trainer", chip: "培训教师 · 浙江省", nav: TRAINER_NAV },
  { staffNo: "RV320001", role: "reviewer", chip: "评查人员 · 江苏省", nav: BASIC_NAV },
  { staffNo: "LE330101", role: "learner", chip: "学员 · 杭州市", nav: BASIC_NAV },
];

for (const account of ROLES) {
  test(`${account.role} ${account.staffNo} sees the navigation of that role`, async ({ page }) => {
    await login(page, account.staffNo);
    await expect(page).toHaveURL(/\/$/);

    const nav = page.getByTestId("main-nav");
    await expect(nav).toBeVisible();
    for (const label of ALL_NAV) {
      const link = nav.getByRole("link", { name: label, exact: true });
      if (account.nav.includes(label)) await expect(link, `${label} should be shown`).toBeVisible();
      else await expect(link, `${label} should not be shown`).toHaveCount(0);
    }
    // Nothing else, and in the menu's order.
    await expect(nav.getByRole("link")).toHaveText(ALL_NAV.filter((label) => account.nav.includes(label)));
    await expect(page.getByTestId("home-roles")).toContainText(account.chip);

    await logout(page);
  });
}

test("pages outside the role's navigation are not reachable", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of (403|404)\b/);
  await login(page, "LE330101");
  const response = await page.goto("/people");
  expect([403, 404]).toContain(response?.status());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/无权访问|页面不存在/);
});
