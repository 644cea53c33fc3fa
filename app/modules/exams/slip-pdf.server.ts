import { formatDateTime, translator, type Locale } from "~/lib/i18n";
import { createPdf } from "~/lib/pdf.server";

/*
 * The result slip (成绩单) as a one-page A4 PDF (font and document set-up: ~/lib/pdf.server).
 */

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

function formatScore(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** Renders the slip; resolves with the PDF bytes. */
export function renderSlipPdf(slip: SlipData, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const { doc, left, width, finish } = createPdf({
    size: "A4",
    margin: 56,
    info: { Title: `${t("results.slip.title")} ${slip.examTitle}`, Author: t("common.appName"), Subject: slip.attemptId, CreationDate: slip.issuedAt },
  });

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
  return finish();
}
