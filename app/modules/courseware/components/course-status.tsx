import { useTranslation } from "react-i18next";

const STYLES: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  IN_REVIEW: "bg-amber-100 text-amber-900",
  PUBLISHED: "bg-brand-100 text-brand-800",
  RETIRED: "bg-slate-200 text-slate-600",
};

/** A course's workflow status as a small badge. */
export function CourseStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[status] ?? STYLES.DRAFT}`} data-testid="course-status">
      {t(`authoring.statuses.${status}`)}
    </span>
  );
}

/** "Unpublished changes": the draft differs from what learners see. */
export function ChangedBadge() {
  const { t } = useTranslation();
  return <span className="inline-block rounded-full bg-sky-100 px-2 py-0.5 text-xs whitespace-nowrap text-sky-900">{t("authoring.unpublishedChanges")}</span>;
}
