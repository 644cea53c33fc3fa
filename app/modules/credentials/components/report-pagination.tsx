import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links keeping the current filter. */
export function ReportPagination({ path, page, pageCount }: { path: string; page: number; pageCount: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const link = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `${path}?${next}`;
  };
  return (
    <nav className="flex flex-wrap items-center gap-2" aria-label={t("credentialViews.manage.pagination")}>
      {page > 1 ? (
        <Link to={link(page - 1)} className="btn-secondary" rel="prev">
          {t("credentialViews.manage.previous")}
        </Link>
      ) : null}
      <span className="text-sm text-slate-600" data-testid="page-of">
        {t("credentialViews.manage.pageOf", { page, count: pageCount })}
      </span>
      {page < pageCount ? (
        <Link to={link(page + 1)} className="btn-secondary" rel="next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}
