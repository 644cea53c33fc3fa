import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { ReportNav } from "~/modules/credentials/components/report-nav";
import { ReportPagination } from "~/modules/credentials/components/report-pagination";
import { ReportStatusBadge } from "~/modules/credentials/components/report-status";
import { EXPIRY_WINDOWS, parseSearchQuery, REPORT_STATUSES } from "~/modules/credentials/report-rules";
import { searchCredentials, typeOptions } from "~/modules/credentials/reports.server";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

/** GET /credentials/manage — credentials in the actor's credential.view scope, filtered and paginated. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.view");
  const query = parseSearchQuery(new URL(request.url).searchParams);
  const [list, units, types] = await Promise.all([searchCredentials(actor, query), unitOptions(actor, "credential.view"), typeOptions()]);
  return { ...list, units, types, canIssue: canAnywhere(actor, "credential.issue") };
}

export default function ManageCredentials() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { items, total, page, pageCount, units, types, canIssue } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  const typeName = (ty: { name: string; nameEn: string }) => (locale === "en" ? ty.nameEn : ty.name);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("credentialViews.manage.title")}
        intro={t("credentialViews.manage.intro")}
        actions={
          <a href={`/credentials/manage.xlsx?${exportParams}`} className="btn-secondary" download data-testid="credentials-export">
            {t("credentialViews.export.button")}
          </a>
        }
      />
      <ReportNav canIssue={canIssue} />
      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" role="search" aria-label={t("credentialViews.manage.filterLabel")}>
        <FilterSelect id="filter-unit" name="unit" label={t("credentialViews.manage.unit")} defaultValue={params.get("unit") ?? ""} options={unitSelectOptions(units)} />
        <FilterSelect id="filter-type" name="type" label={t("credentialViews.manage.type")} defaultValue={params.get("type") ?? ""} options={types.map((ty) => ({ value: ty.code, label: typeName(ty) }))} />
        <FilterSelect
          id="filter-status"
          name="status"
          label={t("credentialViews.manage.status")}
          defaultValue={params.get("status") ?? ""}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`credentialViews.status.${s}`) }))}
        />
        <FilterSelect
          id="filter-window"
          name="window"
          label={t("credentialViews.manage.window")}
          defaultValue={params.get("window") ?? ""}
          options={EXPIRY_WINDOWS.map((d) => ({ value: String(d), label: t("credentialViews.manage.windowOption", { days: d }) }))}
        />
        <div>
          <label htmlFor="filter-q" className="label">
            {t("credentialViews.manage.q")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} maxLength={40} className="input" autoComplete="off" />
        </div>
        <FilterActions resetTo="/credentials/manage" className="flex items-end gap-2" />
      </Form>

      <p className="text-sm text-slate-600" data-testid="credentials-total" data-total={total}>
        {t("common.total", { formatted: formatNumber(total, locale) })}
      </p>
      {items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("credentialViews.manage.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="credentials-list">
            <thead>
              <tr>
                <th>{t("credentialViews.columns.name")}</th>
                <th className="hidden md:table-cell">{t("credentialViews.columns.unit")}</th>
                <th>{t("credentialViews.columns.type")}</th>
                <th className="hidden sm:table-cell">{t("credentialViews.columns.number")}</th>
                <th>{t("credentialViews.columns.status")}</th>
                <th className="hidden sm:table-cell">{t("credentialViews.columns.validUntil")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-testid="credential-row" data-id={c.id} data-status={c.status} data-staff-no={c.staffNo}>
                  <td>
                    <Link to={`/credentials/${c.id}`} className="font-medium">
                      {c.name}
                    </Link>
                    <span className="block text-xs text-slate-500">{c.staffNo}</span>
                    <span className="block text-xs text-slate-500 md:hidden">{c.unitName}</span>
                  </td>
                  <td className="hidden md:table-cell">{c.unitName}</td>
                  <td>
                    {locale === "en" ? c.typeNameEn : c.typeName}
                    <span className="block text-xs text-slate-500 sm:hidden">{c.number ?? c.externalNumber ?? ""}</span>
                  </td>
                  <td className="hidden whitespace-nowrap tabular-nums sm:table-cell">{c.number ?? c.externalNumber ?? "—"}</td>
                  <td>
                    <ReportStatusBadge status={c.status} />
                    <span className="mt-0.5 block text-xs whitespace-nowrap text-slate-500 sm:hidden">{c.validUntil ? formatDate(c.validUntil, locale) : ""}</span>
                  </td>
                  <td className="hidden whitespace-nowrap sm:table-cell">
                    {c.validUntil ? formatDate(c.validUntil, locale) : t("credentialViews.noExpiry")}
                    {c.daysLeft !== null && c.daysLeft >= 0 && c.daysLeft <= 90 ? (
                      <span className="block text-xs text-amber-800">{t("credentialViews.daysLeftValue", { days: c.daysLeft })}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ReportPagination path="/credentials/manage" page={page} pageCount={pageCount} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
