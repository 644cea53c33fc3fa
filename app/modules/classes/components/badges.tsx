import { useTranslation } from "react-i18next";

const CLASS_STYLES: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-300",
  OPEN: "bg-green-50 text-green-800 ring-green-300",
  CLOSED: "bg-amber-50 text-amber-900 ring-amber-300",
  COMPLETED: "bg-sky-50 text-sky-900 ring-sky-300",
  CANCELLED: "bg-slate-50 text-slate-500 ring-slate-200",
};

const ENROLMENT_STYLES: Record<string, string> = {
  APPLIED: "bg-amber-50 text-amber-900 ring-amber-300",
  ENROLLED: "bg-green-50 text-green-800 ring-green-300",
  WAITLISTED: "bg-orange-50 text-orange-900 ring-orange-300",
  COMPLETED: "bg-sky-50 text-sky-900 ring-sky-300",
  INCOMPLETE: "bg-red-50 text-red-800 ring-red-300",
  REJECTED: "bg-slate-50 text-slate-500 ring-slate-200",
  WITHDRAWN: "bg-slate-50 text-slate-500 ring-slate-200",
};

export function ClassStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${
        CLASS_STYLES[status] ?? CLASS_STYLES.DRAFT
      }`}
    >
      {t(`classes.status.${status}`)}
    </span>
  );
}

export function EnrolmentBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${
        ENROLMENT_STYLES[status] ?? ENROLMENT_STYLES.APPLIED
      }`}
      data-testid="enrolment-status"
    >
      {t(`classes.enrolmentStatus.${status}`)}
    </span>
  );
}

/** A percentage with one decimal, or a dash when there is nothing to divide by. */
export function Percent({ value }: { value: number | null }) {
  return <>{value === null ? "—" : `${value}%`}</>;
}
