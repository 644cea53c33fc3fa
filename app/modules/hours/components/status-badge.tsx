import { useTranslation } from "react-i18next";

const STYLES: Record<string, string> = {
  PENDING: "bg-amber-50 text-amber-900 ring-amber-300",
  APPROVED: "bg-green-50 text-green-800 ring-green-300",
  REJECTED: "bg-red-50 text-red-800 ring-red-300",
  VOIDED: "bg-slate-100 text-slate-600 ring-slate-300",
};

/** A ledger entry's status as a small badge (the text carries the meaning, not the colour). */
export function EntryStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STYLES[status] ?? STYLES.VOIDED}`} data-status={status}>
      {t(`ledger.statuses.${status}`)}
    </span>
  );
}
