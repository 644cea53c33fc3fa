import { useTranslation } from "react-i18next";

export const EXAM_STATUSES = ["DRAFT", "PUBLISHED", "CANCELLED"] as const;

const STYLES: Record<string, string> = {
  DRAFT: "bg-amber-50 text-amber-900 ring-amber-300",
  PUBLISHED: "bg-green-50 text-green-800 ring-green-300",
  CANCELLED: "bg-slate-100 text-slate-600 ring-slate-300",
};

/** An exam's status as a small badge (text, not colour alone, carries the meaning). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ${STYLES[status] ?? STYLES.CANCELLED}`}>{t(`exams.statuses.${status}`)}</span>;
}
