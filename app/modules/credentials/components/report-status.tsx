import { useTranslation } from "react-i18next";

const STYLES: Record<string, string> = {
  ACTIVE: "bg-green-50 text-green-800 ring-green-300",
  EXPIRING: "bg-amber-50 text-amber-900 ring-amber-300",
  GRACE: "bg-orange-50 text-orange-900 ring-orange-300",
  EXPIRED: "bg-red-50 text-red-800 ring-red-300",
  SUSPENDED: "bg-red-50 text-red-800 ring-red-300",
  REVOKED: "bg-slate-100 text-slate-700 ring-slate-300",
  APPLIED: "bg-sky-50 text-sky-900 ring-sky-300",
  NOMINATED: "bg-sky-50 text-sky-900 ring-sky-300",
};

/** A credential's display status as a small badge (the text carries the meaning, not the colour). */
export function ReportStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STYLES[status] ?? STYLES.REVOKED}`} data-status={status}>
      {t(`credentialViews.status.${status}`)}
    </span>
  );
}
