import { useTranslation } from "react-i18next";

const STYLES: Record<string, string> = {
  ACTIVE: "border-green-300 bg-green-50 text-green-900",
  EXPIRING: "border-amber-300 bg-amber-50 text-amber-900",
  GRACE: "border-orange-300 bg-orange-50 text-orange-900",
  EXPIRED: "border-slate-300 bg-slate-100 text-slate-700",
  SUSPENDED: "border-red-300 bg-red-50 text-red-900",
  REVOKED: "border-red-400 bg-red-100 text-red-900",
  APPLIED: "border-sky-300 bg-sky-50 text-sky-900",
  NOMINATED: "border-sky-300 bg-sky-50 text-sky-900",
  REJECTED: "border-slate-300 bg-slate-100 text-slate-700",
  WITHDRAWN: "border-slate-300 bg-slate-100 text-slate-700",
};

/** A credential's status as shown (displayStatus); data-status carries the code for tests. */
export function CredentialStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid="credential-status"
      data-status={status}
      className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[status] ?? STYLES.EXPIRED}`}
    >
      {t(`credentials.statuses.${status}`)}
    </span>
  );
}
