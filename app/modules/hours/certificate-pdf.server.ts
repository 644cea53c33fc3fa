import { randomBytes } from "node:crypto";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, isUniqueViolation, write } from "~/lib/db.server";
import { formatDateTime, translator, type Locale } from "~/lib/i18n";
import { createPdf, drawQrCode } from "~/lib/pdf.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { personYear } from "./ledger.server";
import { certificateCodeFrom, isCertificateCode, publicSnapshot, type CertificateSnapshot } from "./officer";
import { HOURS_CATEGORIES, HOURS_SOURCES } from "./rules";

/*
 * The study-hours certificate (学时证明): a one-page A4 PDF of a person's year as it
 * stands when downloaded, with a QR code of /verify/hours/<code>. Every download is a
 * new HoursCertificate row (append-only) holding the printed figures, so the public
 * verification page shows exactly what that paper says, even after later corrections.
 *
 * Who: one's own year; HR (hours.view or hours.approve) for a person in scope; 404 otherwise.
 */

export function newCertificateCode(): string {
  // 64 random bytes are far more than 20 characters need even after rejection sampling.
  return certificateCodeFrom(randomBytes(64));
}

export async function certificateSnapshot(personId: string, year: number, issuedAt: Date): Promise<CertificateSnapshot> {
  const data = await personYear(personId, year, issuedAt);
  const pro = data.evaluation.categories.PROFESSIONAL_LEGAL;
  const pol = data.evaluation.categories.POLITICAL_THEORY;
  return {
    name: data.person.name,
    staffNo: data.person.staffNo,
    unitName: data.person.unitName,
    year,
    professional: { required: pro.requirement, credited: pro.credited, carriedIn: pro.carriedIn, met: pro.met },
    political: { required: pol.requirement, credited: pol.credited, met: pol.met },
    bySource: HOURS_CATEGORIES.flatMap((category) =>
      HOURS_SOURCES.map((source) => ({ source, category, credited: data.evaluation.categories[category].bySource[source].credited })).filter((s) => s.credited > 0),
    ),
    rules: { national: data.rules.national?.version ?? null, provincial: data.rules.provincial?.version ?? null },
    issuedAt: issuedAt.toISOString(),
  };
}

/** Issues (records) a certificate and renders it. `origin` is the site's address for the QR code. */
export async function issueCertificate(
  actor: Actor,
  options: { personId?: string; year: number; locale: Locale; origin: string; now?: Date },
): Promise<{ pdf: Buffer; fileName: string; code: string }> {
  const personId = options.personId ?? actor.personId;
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, unitId: true, unit: { select: { path: true } } } });
  if (!person) notFound();
  if (personId !== actor.personId && !can(actor, "hours.view", person.unit.path) && !can(actor, "hours.approve", person.unit.path)) notFound();
  const issuedAt = options.now ?? new Date();
  const snapshot = await certificateSnapshot(personId, options.year, issuedAt);
  let code = newCertificateCode();
  for (let attempt = 0; ; attempt++) {
    try {
      await write(async (tx) => {
        const created = await tx.hoursCertificate.create({ data: { code, personId, year: options.year, snapshot: JSON.stringify(snapshot), issuedAt } });
        await audit(tx, actorAudit(actor), { action: "hours.certificate", objectType: "HoursCertificate", objectId: created.id, unitId: person.unitId, after: { personId, year: options.year, code } });
      });
      break;
    } catch (error) {
      // ~100 bits: a collision is practically impossible, but never print someone else's code.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
      code = newCertificateCode();
    }
  }
  const url = `${options.origin.replace(/\/$/, "")}/verify/hours/${code}`;
  const pdf = await renderCertificatePdf(snapshot, code, url, options.locale);
  const t = translator(options.locale);
  return { pdf, code, fileName: `${t("ledger.certificate.fileName")}-${snapshot.staffNo}-${options.year}.pdf` };
}

/** The public view of a certificate: masked name and the printed figures, or null for an unknown code. */
export async function verifyCertificate(code: string) {
  const normal = code.trim().toUpperCase();
  if (!isCertificateCode(normal)) return null;
  const row = await db.hoursCertificate.findUnique({ where: { code: normal }, select: { snapshot: true } });
  if (!row) return null;
  return { code: normal, ...publicSnapshot(JSON.parse(row.snapshot) as CertificateSnapshot) };
}

const hoursText = (value: number, locale: Locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);

export async function renderCertificatePdf(s: CertificateSnapshot, code: string, url: string, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const issuedAt = new Date(s.issuedAt);
  const { doc, left, width, finish } = createPdf({
    size: "A4",
    margin: 56,
    info: { Title: `${t("ledger.certificate.title")} ${s.name} ${s.year}`, Author: t("common.appName"), Subject: code, CreationDate: issuedAt },
  });

  doc.fontSize(11).fillColor("#475569").text(t("common.appName"), { align: "center" });
  doc.moveDown(0.4);
  doc.fontSize(24).fillColor("#0f172a").text(t("ledger.certificate.title"), { align: "center", characterSpacing: locale === "zh-CN" ? 4 : 0 });
  doc.moveDown(0.3);
  doc.fontSize(13).text(t("ledger.certificate.subtitle", { year: s.year }), { align: "center" });
  doc.moveDown(1);

  doc.fontSize(12).fillColor("#0f172a").text(
    t("ledger.certificate.body", {
      name: s.name,
      unit: s.unitName,
      year: s.year,
      hours: hoursText(s.professional.credited + s.professional.carriedIn, locale),
      required: hoursText(s.professional.required, locale),
    }),
    left,
    doc.y,
    { width, lineGap: 4 },
  );
  doc.moveDown(0.8);

  const [open, close] = locale === "zh-CN" ? ["（", "）"] : [" (", ")"];
  const met = (ok: boolean) => (ok ? t("ledger.certificate.met") : t("ledger.certificate.notMet"));
  const rows: [string, string][] = [
    [t("ledger.certificate.name"), s.name],
    [t("ledger.certificate.staffNo"), s.staffNo],
    [t("ledger.certificate.unit"), s.unitName],
    [t("ledger.certificate.year"), String(s.year)],
    [
      t("ledger.certificate.professional"),
      `${hoursText(s.professional.credited + s.professional.carriedIn, locale)} / ${hoursText(s.professional.required, locale)}${s.professional.carriedIn > 0 ? `${open}${t("ledger.certificate.carriedIn", { hours: hoursText(s.professional.carriedIn, locale) })}${close}` : ""} · ${met(s.professional.met)}`,
    ],
    [t("ledger.certificate.political"), `${hoursText(s.political.credited, locale)}${s.political.required > 0 ? ` / ${hoursText(s.political.required, locale)} · ${met(s.political.met)}` : ""}`],
    [t("ledger.certificate.result"), met(s.professional.met && s.political.met)],
    [
      t("ledger.certificate.rules"),
      [
        s.rules.national ? t("ledger.rules.national", { version: s.rules.national }) : t("ledger.rules.default"),
        s.rules.provincial ? t("ledger.rules.provincial", { version: s.rules.provincial }) : null,
      ]
        .filter(Boolean)
        .join(" · "),
    ],
  ];
  // Wide enough for the longest Chinese label on one line.
  const labelWidth = 180;
  const rowHeight = 26;
  let y = doc.y;
  doc.lineWidth(0.75).strokeColor("#cbd5e1");
  doc.moveTo(left, y).lineTo(left + width, y).stroke();
  for (const [label, value] of rows) {
    doc.fontSize(10.5).fillColor("#475569").text(label, left + 8, y + 8, { width: labelWidth - 16, lineBreak: false });
    doc.fontSize(11.5).fillColor("#0f172a").text(value, left + labelWidth, y + 7, { width: width - labelWidth - 8, lineBreak: false, ellipsis: true });
    y += rowHeight;
    doc.moveTo(left, y).lineTo(left + width, y).stroke();
  }

  if (s.bySource.length) {
    y += 18;
    doc.fontSize(12).fillColor("#0f172a").text(t("ledger.certificate.bySource"), left, y);
    y = doc.y + 6;
    for (const item of s.bySource) {
      doc.fontSize(10.5).fillColor("#334155").text(`${t(`ledger.sources.${item.source}`)}${open}${t(`ledger.categories.${item.category}`)}${close}`, left + 8, y, { width: width - 120, lineBreak: false });
      doc.text(t("ledger.hoursValue", { hours: hoursText(item.credited, locale) }), left + width - 110, y, { width: 110, align: "right", lineBreak: false });
      y += 18;
    }
  }

  // Verification block: QR code on the left, code and address beside it.
  y = Math.max(y + 24, doc.y + 24);
  const qrSize = 110;
  await drawQrCode(doc, url, left, y, qrSize);
  doc.fontSize(10).fillColor("#475569");
  doc.text(t("ledger.certificate.verifyHint"), left + qrSize + 16, y + 4, { width: width - qrSize - 16 });
  doc.fontSize(11).fillColor("#0f172a").text(t("ledger.certificate.code", { code }), { width: width - qrSize - 16 });
  doc.fontSize(8.5).fillColor("#475569").text(url, { width: width - qrSize - 16 });
  doc.moveDown(0.6);
  doc.fontSize(10).text(t("ledger.certificate.issuedAt", { time: formatDateTime(issuedAt, locale) }), { width: width - qrSize - 16 });
  return finish();
}
