import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { formatDate, translator, type Locale } from "~/lib/i18n";
import { createPdf, drawQrCode } from "~/lib/pdf.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { inclusiveDays, maskName } from "./rules";

/*
 * The certificate of completion (结业证书) of an offline class: one A4 page with a QR code
 * of /verify/class/<certificateCode>. The holder downloads their own; an organiser with
 * class.manage over the class may download anyone's. The public verification page shows
 * the class title, the holder's name partly masked, the dates and the hours — nothing else.
 */

const CODE_PATTERN = /^CC[A-HJ-NP-Z2-9]{12}$/;

/** Hours the completion earned: the ledger entry when approved, else the class's credit hours. */
async function earnedHours(
  enrolmentId: string,
  creditHours: number
): Promise<number> {
  const entry = await db.hoursEntry.findFirst({
    where: {
      refType: "ClassEnrolment",
      refId: enrolmentId,
      status: "APPROVED",
    },
    orderBy: { recordedAt: "desc" },
    select: { hours: true },
  });
  return entry?.hours ?? creditHours;
}

export type CertificateData = {
  code: string;
  name: string;
  staffNo: string;
  unitName: string;
  classTitle: string;
  classCode: string;
  organiser: string;
  startDate: Date;
  endDate: Date;
  days: number;
  hours: number;
  completedAt: Date;
};

/** The certificate data of a completed enrolment the actor may see; 404 otherwise. */
export async function certificateFor(
  actor: Actor,
  classId: string,
  enrolmentId?: string | null
): Promise<CertificateData> {
  const enrolment = enrolmentId
    ? await db.classEnrolment.findUnique({ where: { id: enrolmentId } })
    : await db.classEnrolment.findUnique({
        where: { classId_personId: { classId, personId: actor.personId } },
      });
  if (
    !enrolment ||
    enrolment.classId !== classId ||
    enrolment.status !== "COMPLETED" ||
    !enrolment.certificateCode
  )
    notFound();
  const cls = await db.trainingClass.findUniqueOrThrow({
    where: { id: classId },
  });
  const organiser = await db.orgUnit.findUniqueOrThrow({
    where: { id: cls.unitId },
    select: { name: true, path: true },
  });
  if (
    enrolment.personId !== actor.personId &&
    !can(actor, "class.manage", organiser.path)
  )
    notFound();
  const person = await db.person.findUniqueOrThrow({
    where: { id: enrolment.personId },
    select: { name: true, staffNo: true, unit: { select: { name: true } } },
  });
  return {
    code: enrolment.certificateCode,
    name: person.name,
    staffNo: person.staffNo,
    unitName: person.unit.name,
    classTitle: cls.title,
    classCode: cls.code,
    organiser: organiser.name,
    startDate: cls.startDate,
    endDate: cls.endDate,
    days: inclusiveDays(cls.startDate, cls.endDate),
    hours: await earnedHours(enrolment.id, cls.creditHours),
    completedAt: enrolment.completedAt ?? cls.endDate,
  };
}

/** Public: what the verification page may show for a certificate code, or null. */
export async function verifyClassCertificate(code: string) {
  if (!CODE_PATTERN.test(code)) return null;
  const enrolment = await db.classEnrolment.findUnique({
    where: { certificateCode: code },
  });
  if (!enrolment || enrolment.status !== "COMPLETED") return null;
  const [cls, person] = await Promise.all([
    db.trainingClass.findUniqueOrThrow({
      where: { id: enrolment.classId },
      select: {
        title: true,
        startDate: true,
        endDate: true,
        creditHours: true,
      },
    }),
    db.person.findUniqueOrThrow({
      where: { id: enrolment.personId },
      select: { name: true },
    }),
  ]);
  return {
    classTitle: cls.title,
    holder: maskName(person.name),
    startDate: cls.startDate,
    endDate: cls.endDate,
    hours: await earnedHours(enrolment.id, cls.creditHours),
  };
}

const hoursText = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);

export async function renderClassCertificatePdf(
  c: CertificateData,
  origin: string,
  locale: Locale
): Promise<Buffer> {
  const t = translator(locale);
  const url = `${origin.replace(/\/$/, "")}/verify/class/${c.code}`;
  const { doc, left, width, finish } = createPdf({
    size: "A4",
    layout: "landscape",
    margin: 56,
    info: {
      Title: `${t("classes.certificate.title")} ${c.classTitle}`,
      Author: t("common.appName"),
      Subject: c.code,
    },
  });
  const height = doc.page.height;

  // A double frame, as printed certificates have.
  doc
    .lineWidth(2)
    .strokeColor("#9a3412")
    .rect(24, 24, doc.page.width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(0.75)
    .rect(32, 32, doc.page.width - 64, height - 64)
    .stroke();

  doc.y = 64;
  doc
    .fontSize(11)
    .fillColor("#475569")
    .text(t("common.appName"), left, doc.y, { width, align: "center" });
  doc.moveDown(0.6);
  doc
    .fontSize(30)
    .fillColor("#7c2d12")
    .text(t("classes.certificate.title"), {
      width,
      align: "center",
      characterSpacing: 8,
    });
  doc.moveDown(1);
  doc
    .fontSize(15)
    .fillColor("#0f172a")
    .text(
      t("classes.certificate.body", {
        name: c.name,
        unit: c.unitName,
        start: formatDate(c.startDate, locale),
        end: formatDate(c.endDate, locale),
        title: c.classTitle,
        days: c.days,
        hours: hoursText(c.hours, locale),
      }),
      left + 40,
      doc.y,
      { width: width - 80, lineGap: 8, align: "justify", indent: 30 }
    );
  doc.moveDown(1);
  doc.fontSize(11).fillColor("#334155");
  doc.text(
    `${t("classes.certificate.staffNo")}：${c.staffNo}    ${t(
      "classes.certificate.classCode"
    )}：${c.classCode}`,
    left + 40,
    doc.y,
    { width: width - 80 }
  );

  const bottom = height - 56 - 110;
  await drawQrCode(doc, url, left + 20, bottom, 100);
  doc
    .fontSize(9.5)
    .fillColor("#475569")
    .text(t("classes.certificate.verifyHint"), left + 132, bottom + 6, {
      width: 300,
    });
  doc
    .fontSize(10.5)
    .fillColor("#0f172a")
    .text(t("classes.certificate.code", { code: c.code }), { width: 300 });
  doc.fontSize(8).fillColor("#475569").text(url, { width: 300 });
  doc
    .fontSize(13)
    .fillColor("#0f172a")
    .text(c.organiser, left + width - 300, bottom + 40, {
      width: 280,
      align: "right",
    });
  doc
    .fontSize(11)
    .text(formatDate(c.completedAt, locale), left + width - 300, doc.y + 4, {
      width: 280,
      align: "right",
    });
  return finish();
}
