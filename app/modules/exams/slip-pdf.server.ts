import { existsSync, readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import { formatDateTime, translator, type Locale } from "~/lib/i18n";

/*
 * The result slip (成绩单) as a one-page A4 PDF, drawn with pdfkit. Chinese text needs a
 * font with CJK glyphs embedded in the file: WenQuanYi Micro Hei from the Debian package
 * fonts-wqy-microhei by default, or any TrueType/OpenType font named by PDF_FONT_PATH
 * (for a collection, .ttc, PDF_FONT_NAME picks the face by its PostScript name).
 */

export const DEFAULT_PDF_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
const DEFAULT_TTC_FACE = "WenQuanYiMicroHei";

export type SlipData = {
  examTitle: string;
  examCode: string;
  name: string;
  staffNo: string;
  unitName: string;
  attemptNumber: number;
  submittedAt: Date | null;
  score: number;
  maxScore: number;
  passMark: number;
  passed: boolean;
  attemptId: string;
  issuedAt: Date;
};

export class PdfFontMissingError extends Error {}

let cachedFont: { path: string; data: Buffer } | null = null;

/** The CJK font for PDFs (path from PDF_FONT_PATH or the Debian default), read once. */
export function pdfFont(): { data: Buffer; family: string | undefined; path: string } {
  const path = process.env.PDF_FONT_PATH?.trim() || DEFAULT_PDF_FONT_PATH;
  if (cachedFont?.path !== path) {
    if (!existsSync(path)) {
      throw new PdfFontMissingError(
        `PDF font not found at ${path}. Install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei), ` +
          `or set PDF_FONT_PATH to a TrueType/OpenType font with Chinese glyphs (for a .ttc collection also set PDF_FONT_NAME to the face's PostScript name).`,
      );
    }
    cachedFont = { path, data: readFileSync(path) };
  }
  const family = /\.(ttc|otc)$/i.test(path) ? process.env.PDF_FONT_NAME?.trim() || DEFAULT_TTC_FACE : undefined;
  return { data: cachedFont.data, family, path };
}

function formatScore(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Renders the slip; resolves with the PDF bytes. */
export function renderSlipPdf(slip: SlipData, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const font = pdfFont();
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: `${t("results.slip.title")} ${slip.examTitle}`, Author: t("common.appName"), Subject: slip.attemptId, CreationDate: slip.issuedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont("cjk", font.data, font.family);
  doc.font("cjk");
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.fontSize(11).fillColor("#475569").text(t("common.appName"), { align: "center" });
  doc.moveDown(0.4);
  doc.fontSize(22).fillColor("#0f172a").text(t("results.slip.title"), { align: "center" });
  doc.moveDown(0.3);
  doc.fontSize(14).text(slip.examTitle, { align: "center" });
  doc.fontSize(10).fillColor("#475569").text(slip.examCode, { align: "center" });
  doc.moveDown(1.2);

  const rows: [string, string][] = [
    [t("results.slip.name"), slip.name],
    [t("results.slip.staffNo"), slip.staffNo],
    [t("results.slip.unit"), slip.unitName],
    [t("results.slip.attemptNumber"), String(slip.attemptNumber)],
    [t("results.slip.submittedAt"), `${formatDateTime(slip.submittedAt, locale)} ${t("results.slip.beijingTime")}`],
    [t("results.slip.score"), `${formatScore(slip.score, locale)} / ${formatScore(slip.maxScore, locale)}`],
    [t("results.slip.passMark"), formatScore(slip.passMark, locale)],
    [t("results.slip.result"), slip.passed ? t("results.passedYes") : t("results.passedNo")],
  ];
  const labelWidth = 130;
  const rowHeight = 28;
  let y = doc.y;
  doc.lineWidth(0.75).strokeColor("#cbd5e1");
  doc.moveTo(left, y).lineTo(left + width, y).stroke();
  for (const [label, value] of rows) {
    doc.fontSize(11).fillColor("#475569").text(label, left + 8, y + 8, { width: labelWidth - 16, lineBreak: false });
    doc.fontSize(12).fillColor("#0f172a").text(value, left + labelWidth, y + 7, { width: width - labelWidth - 8, lineBreak: false, ellipsis: true });
    y += rowHeight;
    doc.moveTo(left, y).lineTo(left + width, y).stroke();
  }
  doc.y = y + 24;
  doc.x = left;

  doc.fontSize(9).fillColor("#475569");
  doc.text(t("results.slip.verification", { attemptId: slip.attemptId }), left, doc.y, { width });
  doc.moveDown(0.3);
  doc.text(t("results.slip.issuedAt", { time: `${formatDateTime(slip.issuedAt, locale)} ${t("results.slip.beijingTime")}` }), { width });
  doc.end();
  return done;
}
