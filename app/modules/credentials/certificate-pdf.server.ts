import type { Actor } from "~/lib/actor.server";
import { formatDate, formatDateTime, translator, type Locale } from "~/lib/i18n";
import { createPdf, drawQrCode } from "~/lib/pdf.server";
import { credentialForDocuments, verifyUrl, type DocumentCredential } from "./verify.server";

/*
 * The credential certificate (电子证书): one A4 page with the holder, the credential and its
 * status at the moment of printing, and a QR code of the public verification page
 * /verify/credential/<code>. Only a valid credential (active, or active and expiring) prints
 * as valid; any other prints its status in red across the page. Nothing is stored: the
 * verification page always shows the status as it is now, not as printed.
 *
 * Who: the holder; HR and programme admins with credential.view over the holder; 404 otherwise.
 */

export async function credentialCertificate(
  actor: Actor,
  id: string,
  options: { origin: string; locale: Locale; now?: Date },
): Promise<{ pdf: Buffer; fileName: string }> {
  const now = options.now ?? new Date();
  const credential = await credentialForDocuments(actor, id, now);
  const pdf = await renderCredentialCertificatePdf(credential, verifyUrl(options.origin, credential.verifyCode), options.locale, now);
  const t = translator(options.locale);
  return { pdf, fileName: `${t("verify.certificate.fileName")}-${credential.number ?? credential.verifyCode}-${credential.holder.staffNo}.pdf` };
}

/** The status line as printed: "有效", "已暂停（自 2026/03/01 起）", … */
export function printedStatus(c: Pick<DocumentCredential, "publicStatus" | "statusSince">, locale: Locale): string {
  const t = translator(locale);
  const label = t(`verify.status.${c.publicStatus}`);
  if (c.publicStatus === "SUSPENDED" && c.statusSince) return t("verify.suspendedSince", { status: label, date: formatDate(c.statusSince, locale) });
  if (c.publicStatus === "REVOKED" && c.statusSince) return t("verify.revokedOn", { status: label, date: formatDate(c.statusSince, locale) });
  return label;
}

export async function renderCredentialCertificatePdf(c: DocumentCredential, url: string, locale: Locale, printedAt: Date): Promise<Buffer> {
  const t = translator(locale);
  const typeName = locale === "zh-CN" ? c.type.name : c.type.nameEn;
  const valid = c.publicStatus === "VALID" || c.publicStatus === "EXPIRING";
  const { doc, left, width, finish } = createPdf({
    size: "A4",
    margin: 56,
    info: { Title: `${t("verify.certificate.title", { type: typeName })} ${c.holder.name}`, Author: t("common.appName"), Subject: c.number ?? c.verifyCode, CreationDate: printedAt },
  });

  // A double frame, as printed certificates have.
  doc.lineWidth(2).strokeColor("#1e3a8a").rect(28, 28, doc.page.width - 56, doc.page.height - 56).stroke();
  doc.lineWidth(0.75).rect(34, 34, doc.page.width - 68, doc.page.height - 68).stroke();

  doc.fontSize(11).fillColor("#475569").text(t("common.appName"), left, 64, { align: "center", width });
  doc.moveDown(0.6);
  doc.fontSize(24).fillColor("#0f172a").text(t("verify.certificate.title", { type: typeName }), { align: "center", width, characterSpacing: locale === "zh-CN" ? 3 : 0 });
  doc.moveDown(1);

  if (!valid) {
    // Not valid: say so before anything else, in red, in a box.
    const y = doc.y;
    doc.lineWidth(1.5).strokeColor("#b91c1c").rect(left, y, width, 46).stroke();
    doc.fontSize(14).fillColor("#b91c1c").text(t("verify.certificate.notValid", { status: printedStatus(c, locale) }), left + 12, y + 14, { width: width - 24, align: "center" });
    doc.y = y + 62;
  }

  const rows: [string, string][] = [
    [t("verify.fields.holder"), c.holder.name],
    [t("verify.fields.staffNo"), c.holder.staffNo],
    [t("verify.fields.unit"), c.holder.unitName],
    [t("verify.fields.number"), c.number ?? "—"],
    [t("verify.fields.type"), typeName],
    [t("verify.fields.issuingUnit"), c.issuingUnit?.name ?? "—"],
    [t("verify.fields.validFrom"), formatDate(c.validFrom, locale) || "—"],
    [t("verify.fields.validUntil"), c.validUntil ? formatDate(c.validUntil, locale) : t("verify.noExpiry")],
    [t("verify.certificate.statusAtPrinting"), printedStatus(c, locale)],
  ];
  const labelWidth = 150;
  const rowHeight = 30;
  let y = doc.y;
  doc.lineWidth(0.75).strokeColor("#cbd5e1");
  doc.moveTo(left, y).lineTo(left + width, y).stroke();
  rows.forEach(([label, value], i) => {
    const isStatus = i === rows.length - 1;
    doc.fontSize(11).fillColor("#475569").text(label, left + 8, y + 9, { width: labelWidth - 16, lineBreak: false });
    doc
      .fontSize(isStatus ? 13 : 12.5)
      .fillColor(isStatus ? (valid ? "#166534" : "#b91c1c") : "#0f172a")
      .text(value, left + labelWidth, y + 8, { width: width - labelWidth - 8, lineBreak: false, ellipsis: true });
    y += rowHeight;
    doc.moveTo(left, y).lineTo(left + width, y).stroke();
  });

  // Verification block: QR code on the left, hint, code and address beside it.
  y += 28;
  const qrSize = 120;
  await drawQrCode(doc, url, left, y, qrSize);
  const textLeft = left + qrSize + 16;
  const textWidth = width - qrSize - 16;
  doc.fontSize(10).fillColor("#475569").text(t("verify.certificate.verifyHint"), textLeft, y + 4, { width: textWidth });
  doc.moveDown(0.3);
  doc.fontSize(11).fillColor("#0f172a").text(t("verify.certificate.code", { code: c.verifyCode }), { width: textWidth });
  doc.fontSize(8.5).fillColor("#475569").text(url, { width: textWidth });
  doc.moveDown(0.6);
  doc.fontSize(10).text(t("verify.certificate.printedAt", { time: formatDateTime(printedAt, locale) }), { width: textWidth });
  doc.fontSize(9).text(t("verify.certificate.statusNote"), { width: textWidth });
  return finish();
}
