import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { expect, httpStatusError, login, test, type Page } from "./fixtures";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// GB 11643-1999 check character (ISO 7064 MOD 11-2), as the app validates it.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first17 + "10X98765432"[sum % 11];
}
function withWrongCheckDigit(id: string): string {
  const wrong = id[17] === "1" ? "2" : "1";
  return id.slice(0, 17) + wrong;
}

/** Fills rows 2–4 of the downloaded template (row 1 is the header). */
async function fillTemplate(template: Buffer, rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  rows.forEach((cells, i) => cells.forEach((value, j) => (sheet.getCell(i + 2, j + 1).value = value)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(page: Page, file: Buffer) {
  await page.getByLabel("Excel 文件（.xlsx）").setInputFiles({ name: "人员导入.xlsx", mimeType: XLSX, buffer: file });
  await page.getByRole("button", { name: "检查并导入" }).click();
}

async function searchTotal(page: Page, q: string) {
  await page.goto(`/people?q=${encodeURIComponent(q)}`);
  return page.getByTestId("people-total");
}

test("a file with one bad row imports nothing and names the row; fixed, it imports all", async ({ page, consoleErrors }) => {
  consoleErrors.allow(httpStatusError(422));
  await login(page, "HR330001");
  await page.goto("/people");
  await page.getByRole("link", { name: "批量导入" }).click();
  await expect(page).toHaveURL(/\/people\/import$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("批量导入人员");

  // The template, downloaded the way a user does.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载导入模板" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("人员导入模板.xlsx");
  const template = await readFile((await download.path())!);

  // Staff numbers unique to this run (seeded ones are 33000001…, HR330001…).
  const run = Date.now().toString(36).toUpperCase();
  const staffNos = [1, 2, 3].map((i) => `E2E${run}${i}`);
  const birth = String(100 + Math.floor(Math.random() * 800));
  const ids = staffNos.map((_, i) => idNumber(`33010619900${i + 1}15${birth}`.slice(0, 17)));
  const row = (i: number, idCard: string) => [
    `测试${"甲乙丙"[i]}`,
    staffNos[i],
    "330106",
    "执法人员",
    "执法队员",
    "是",
    "2020-07-01",
    "本科",
    `1380000000${i}`,
    idCard,
  ];

  // Excel row 3 (the second data row) has an ID number with a wrong check digit.
  const bad = await fillTemplate(template, [row(0, ids[0]), row(1, withWrongCheckDigit(ids[1])), row(2, ids[2])]);
  await upload(page, bad);
  const errors = page.getByTestId("import-errors");
  await expect(errors).toBeVisible();
  await expect(page.getByText("文件中有 1 处错误，未导入任何数据。")).toBeVisible();
  await expect(errors.getByRole("columnheader")).toHaveText(["行号", "列", "问题"]);
  const errorRows = errors.locator("tbody tr");
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first().locator("td")).toHaveText(["3", "身份证号", /身份证号无效/]);

  // Nothing was imported, not even the good rows.
  for (const staffNo of staffNos) await expect(await searchTotal(page, staffNo)).toHaveText("共 0 条");

  // Fixed, the same file imports all three.
  await page.goto("/people/import");
  const good = await fillTemplate(template, [row(0, ids[0]), row(1, ids[1]), row(2, ids[2])]);
  await upload(page, good);
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByText("已导入 3 人。")).toBeVisible();
  await expect(await searchTotal(page, `E2E${run}`)).toHaveText("共 3 条");
});
