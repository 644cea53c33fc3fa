import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { listPeople } from "~/modules/compliance/compliance.server";
import { hours } from "~/modules/compliance/components/charts";
import { ComplianceNav, UnitBreadcrumb } from "~/modules/compliance/components/compliance-nav";
import { parseYear, PEOPLE_FILTERS, peopleQuerySchema } from "~/modules/compliance/rules";

/** GET /compliance/people?unit=&year=&filter=behind|notMet|all&after= — officers of a subtree with their hours (hours.view). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const q = peopleQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  return listPeople(actor, { unitId: q.unit, year: parseYear(q.year, new Date()), filter: q.filter, after: q.after });
}

export default function CompliancePeople() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = new URLSearchParams({ unit: d.unit.id, year: String(d.year), filter: d.filter });
  const next = new URLSearchParams(base);
  if (d.next) next.set("after", d.next);
  const status = (p: (typeof d.items)[number]) => (p.met ? "met" : p.behind ? "behind" : "onPace");
  return (
    <div className="space-y-4">
      <UnitBreadcrumb trail={d.breadcrumb} unitName={d.unit.name} link={(id) => `/compliance/people?${new URLSearchParams({ unit: id, year: String(d.year), filter: d.filter })}`} />
      <PageHeader
        title={`${t("compliance.people.title")} · ${d.unit.name}`}
        intro={t("compliance.people.intro")}
        actions={
          <a href={`/compliance/people.xlsx?${base}`} className="btn-secondary" download data-testid="export-people">
            {t("compliance.people.export")}
          </a>
        }
      />
      <ComplianceNav unitId={d.unit.id} year={d.year} />
      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3" role="search" aria-label={t("compliance.people.filter")}>
        <input type="hidden" name="unit" value={d.unit.id} />
        <FilterSelect id="filter-year" name="year" label={t("compliance.year")} all={false} defaultValue={String(d.year)} options={d.years.map((y) => ({ value: String(y), label: t("compliance.yearOption", { year: y }) }))} />
        <FilterSelect id="filter-list" name="filter" label={t("compliance.people.filter")} all={false} defaultValue={params.get("filter") ?? d.filter} options={PEOPLE_FILTERS.map((f) => ({ value: f, label: t(`compliance.people.filters.${f}`) }))} />
        <FilterActions resetTo={`/compliance/people?unit=${d.unit.id}`} className="flex items-end gap-2" />
      </Form>
      <p className="text-sm text-slate-600" data-testid="people-total">
        {t("compliance.people.count", { formatted: formatNumber(d.total, locale) })} · {t(`compliance.basis.${d.basis}`)}
      </p>
      {d.items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("compliance.people.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="compliance-people">
            <thead>
              <tr>
                <th scope="col">{t("compliance.columns.name")}</th>
                <th scope="col" className="hidden md:table-cell">
                  {t("compliance.columns.unit")}
                </th>
                <th scope="col" className="text-right">
                  {t("compliance.columns.hours")}
                </th>
                <th scope="col" className="hidden text-right sm:table-cell">
                  {t("compliance.columns.required")}
                </th>
                <th scope="col" className="hidden text-right sm:table-cell">
                  {t("compliance.columns.projected")}
                </th>
                <th scope="col">{t("compliance.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((p) => (
                <tr key={p.id} data-testid="compliance-person-row" data-staff-no={p.staffNo}>
                  <td>
                    <Link to={`/hours/people/${p.id}?year=${d.year}`} className="font-medium" data-testid="person-hours-link">
                      {p.name}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {p.staffNo}
                      <span className="md:hidden"> · {p.unitName}</span>
                    </span>
                  </td>
                  <td className="hidden md:table-cell">{p.unitName}</td>
                  <td className="text-right tabular-nums">
                    {hours(p.total, locale)}
                    <span className="block text-xs text-slate-500 sm:hidden">/ {hours(p.required, locale)}</span>
                  </td>
                  <td className="hidden text-right tabular-nums sm:table-cell">{hours(p.required, locale)}</td>
                  <td className="hidden text-right tabular-nums sm:table-cell">{hours(p.projected, locale)}</td>
                  <td className={status(p) === "behind" ? "font-medium text-red-700" : status(p) === "met" ? "text-emerald-800" : ""}>{t(`compliance.status.${status(p)}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex flex-wrap gap-2" aria-label="pagination">
        {params.get("after") ? (
          <Link to={`/compliance/people?${base}`} className="btn-secondary">
            {t("compliance.people.first")}
          </Link>
        ) : null}
        {d.next ? (
          <Link to={`/compliance/people?${next}`} className="btn-secondary" rel="next" data-testid="people-next">
            {t("compliance.people.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
