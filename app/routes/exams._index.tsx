import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { requireExamStaff } from "~/modules/exams/admin.server";
import { StatusBadge } from "~/modules/exams/components/status-badge";
import { EXAM_STATUSES } from "~/modules/exams/components/status-badge";
import { listExams } from "~/modules/exams/exams.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireExamStaff(actor);
  const url = new URL(request.url);
  const status = url.searchParams.get("status") ?? "";
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 60);
  const exams = await listExams(actor, { status: (EXAM_STATUSES as readonly string[]).includes(status) ? status : undefined, q: q || undefined });
  return { exams, canCreate: canAnywhere(actor, "exam.manage") };
}

export default function Exams() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exams, canCreate } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("exams.title")}
        intro={t("exams.intro")}
        actions={
          canCreate ? (
            <Link to="/exams/new" className="btn">
              {t("exams.new")}
            </Link>
          ) : null
        }
      />
      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3" role="search" aria-label={t("exams.filterLabel")}>
        <div>
          <label htmlFor="filter-q" className="label">
            {t("exams.search")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} className="input" placeholder={t("exams.searchPlaceholder")} />
        </div>
        <FilterSelect id="filter-status" name="status" label={t("exams.columns.status")} defaultValue={params.get("status") ?? ""} options={EXAM_STATUSES.map((s) => ({ value: s, label: t(`exams.statuses.${s}`) }))} />
        <FilterActions resetTo="/exams" className="flex items-end gap-2" />
      </Form>
      <p className="text-sm text-slate-600" data-testid="exams-total">
        {t("common.total", { formatted: formatNumber(exams.length, locale) })}
      </p>
      {exams.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("exams.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="exams-table">
            <thead>
              <tr>
                <th className="hidden md:table-cell">{t("exams.columns.code")}</th>
                <th>{t("exams.columns.title")}</th>
                <th className="hidden lg:table-cell">{t("exams.columns.type")}</th>
                <th className="hidden md:table-cell">{t("exams.columns.unit")}</th>
                <th className="hidden sm:table-cell">{t("exams.columns.window")}</th>
                <th>{t("exams.columns.status")}</th>
                <th className="text-right">{t("exams.columns.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {exams.map((e) => (
                <tr key={e.id}>
                  <td className="hidden font-mono text-xs md:table-cell">{e.code}</td>
                  <td className="min-w-40">
                    <Link to={`/exams/${e.id}`} className="font-medium">
                      {e.title}
                    </Link>
                    <span className="block font-mono text-xs text-slate-500 md:hidden">{e.code}</span>
                    <span className="block text-xs text-slate-500 lg:hidden">{t(`blueprints.examTypes.${e.examType}`)}</span>
                    <span className="block text-xs text-slate-500 md:hidden">{e.unitName}</span>
                    <span className="block text-xs text-slate-500 sm:hidden">
                      {formatDateTime(e.opensAt, locale)} – {formatDateTime(e.closesAt, locale)}
                    </span>
                  </td>
                  <td className="hidden whitespace-nowrap lg:table-cell">{t(`blueprints.examTypes.${e.examType}`)}</td>
                  <td className="hidden md:table-cell">{e.unitName}</td>
                  <td className="hidden text-xs whitespace-nowrap tabular-nums sm:table-cell">
                    {formatDateTime(e.opensAt, locale)}
                    <span className="block">– {formatDateTime(e.closesAt, locale)}</span>
                  </td>
                  <td>
                    <StatusBadge status={e.status} />
                  </td>
                  <td className="text-right tabular-nums">{formatNumber(e.attempts, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
