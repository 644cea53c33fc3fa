import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";
import { searchPeople } from "~/modules/people/people.server";
import { parsePeopleFilter, PERSON_STATUSES, STAFF_CATEGORIES } from "~/modules/people/rules";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.view");
  const { after, ...filter } = parsePeopleFilter(new URL(request.url).searchParams);
  const [result, units] = await Promise.all([searchPeople(actor, filter, after), unitOptions(actor, "person.view", false)]);
  return {
    ...result,
    units,
    can: {
      create: canAnywhere(actor, "person.manage"),
      import: canAnywhere(actor, "person.import"),
      export: canAnywhere(actor, "person.export"),
      exportFull: canAnywhere(actor, "person.viewIdCard") && canAnywhere(actor, "person.export"),
    },
  };
}

export default function People() {
  const { t, i18n } = useTranslation();
  const { people, total, nextAfter, units, can } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const locale = i18n.language as Locale;
  const filterParams = new URLSearchParams(params);
  filterParams.delete("after");
  const nextParams = new URLSearchParams(filterParams);
  if (nextAfter) nextParams.set("after", nextAfter);
  const exportFullParams = new URLSearchParams(filterParams);
  exportFullParams.set("full", "1");
  return (
    <div>
      <PageHeader
        title={t("people.title")}
        actions={
          <>
            {can.create ? (
              <Link to="/people/new" className="btn">
                {t("people.new")}
              </Link>
            ) : null}
            {can.import ? (
              <Link to="/people/import" className="btn-secondary">
                {t("people.importLink")}
              </Link>
            ) : null}
            {can.export ? (
              <a href={`/people/export?${filterParams}`} className="btn-secondary" download>
                {t("people.export")}
              </a>
            ) : null}
            {can.exportFull ? (
              <a href={`/people/export?${exportFullParams}`} className="btn-secondary" download>
                {t("people.exportFull")}
              </a>
            ) : null}
          </>
        }
      />
      <Form method="get" className="card mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5" role="search">
        <div className="lg:col-span-2">
          <label htmlFor="q" className="label">
            {t("people.searchLabel")}
          </label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("people.searchPlaceholder")} className="input" />
        </div>
        <FilterSelect name="unitId" label={t("people.unitFilter")} defaultValue={params.get("unitId") ?? ""} options={unitSelectOptions(units)} />
        <FilterSelect
          name="category"
          label={t("people.categoryFilter")}
          defaultValue={params.get("category") ?? ""}
          options={STAFF_CATEGORIES.map((c) => ({ value: c, label: t(`people.category.${c}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("people.statusFilter")}
          defaultValue={params.get("status") ?? ""}
          options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`people.status.${s}`) }))}
        />
        <FilterActions resetTo="/people" className="flex gap-2 sm:col-span-2 lg:col-span-5" />
      </Form>
      <p className="mb-2 text-sm text-slate-600" data-testid="people-total">
        {t("common.total", { formatted: formatNumber(total, locale) })}
      </p>
      {people.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("people.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="people-table">
            <thead>
              <tr>
                <th>{t("people.columns.name")}</th>
                <th>{t("people.columns.staffNo")}</th>
                <th>{t("people.unit")}</th>
                <th className="hidden sm:table-cell">{t("people.columns.category")}</th>
                <th className="hidden md:table-cell">{t("people.columns.post")}</th>
                <th className="hidden lg:table-cell">{t("people.columns.idCard")}</th>
                <th>{t("people.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/people/${p.id}`}>{p.name}</Link>
                  </td>
                  <td className="font-mono text-xs">{p.staffNo}</td>
                  <td>{p.unit.name}</td>
                  <td className="hidden sm:table-cell">{t(`people.category.${p.category}`)}</td>
                  <td className="hidden md:table-cell">{p.post}</td>
                  <td className="hidden font-mono text-xs lg:table-cell">{p.idCardMasked}</td>
                  <td>{t(`people.status.${p.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="mt-4 flex gap-2" aria-label="pagination">
        {params.get("after") ? (
          <Link to={`/people?${filterParams}`} className="btn-secondary">
            {t("common.firstPage")}
          </Link>
        ) : null}
        {nextAfter ? (
          <Link to={`/people?${nextParams}`} className="btn-secondary" rel="next">
            {t("common.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
