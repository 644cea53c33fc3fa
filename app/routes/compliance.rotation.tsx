import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { CoverageByUnit, percent } from "~/modules/compliance/components/charts";
import { ComplianceNav, UnitBreadcrumb } from "~/modules/compliance/components/compliance-nav";
import { missingPeople, rotationCoverage } from "~/modules/compliance/rotation.server";
import { parsePeriod } from "~/modules/compliance/rules";

/** GET /compliance/rotation?unit=&period=2021-2025&after= — rotation-training coverage and the officers still missing (hours.view). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const unitId = params.get("unit")?.slice(0, 40) || null;
  const period = parsePeriod(params.get("period"), new Date());
  const coverage = await rotationCoverage(actor, { unitId, period });
  const missing = await missingPeople(actor, { unitId: coverage.unit.id, period, after: params.get("after")?.slice(0, 40) });
  return { ...coverage, missing };
}

export default function ComplianceRotation() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = new URLSearchParams({ unit: d.unit.id, period: d.period.key });
  const next = new URLSearchParams(base);
  if (d.missing.next) next.set("after", d.missing.next);
  const due = formatDate(d.dueDate, locale);
  return (
    <div className="space-y-4">
      <UnitBreadcrumb trail={d.breadcrumb} unitName={d.unit.name} link={(id) => `/compliance/rotation?${new URLSearchParams({ unit: id, period: d.period.key })}`} />
      <PageHeader
        title={`${t("compliance.rotation.title")} · ${d.unit.name}`}
        intro={t("compliance.rotation.intro")}
        actions={
          <a href={`/compliance/rotation.xlsx?${base}`} className="btn-secondary" download data-testid="export-rotation">
            {t("compliance.rotation.export")}
          </a>
        }
      />
      <ComplianceNav unitId={d.unit.id} />
      <Form method="get" className="card flex flex-wrap items-end gap-2" role="search" aria-label={t("compliance.rotation.period")}>
        <input type="hidden" name="unit" value={d.unit.id} />
        <div>
          <label htmlFor="period" className="label">
            {t("compliance.rotation.period")}
          </label>
          <select id="period" name="period" defaultValue={d.period.key} className="input" data-testid="period-select">
            {d.periods.map((p) => (
              <option key={p.key} value={p.key}>
                {t("compliance.rotation.periodOption", { from: p.startYear, to: p.endYear })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("compliance.show")}
        </button>
      </Form>
      {d.period.assumed ? (
        <Notice kind="info">
          <span data-testid="assumed-period">{t("compliance.rotation.assumedNote")}</span>
        </Notice>
      ) : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div className="card" data-testid="rotation-officers">
          <p className="text-sm text-slate-600">{t("compliance.columns.officers")}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums">{formatNumber(d.totals.officers, locale)}</p>
        </div>
        <div className="card" data-testid="rotation-covered">
          <p className="text-sm text-slate-600">{t("compliance.rotation.covered")}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="rotation-covered-value">
            {formatNumber(d.totals.covered, locale)}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("compliance.rotation.rate", { rate: percent(d.totals.rate, locale) })}</p>
        </div>
        <div className="card" data-testid="rotation-missing">
          <p className="text-sm text-slate-600">{t("compliance.rotation.missing")}</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="rotation-missing-value">
            {formatNumber(d.totals.missing, locale)}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t("compliance.rotation.dueDate", { date: due })}</p>
        </div>
      </div>
      {d.units.length > 0 ? (
        <section className="card">
          <CoverageByUnit units={d.units} unitLink={(id) => `/compliance/rotation?${new URLSearchParams({ unit: id, period: d.period.key })}`} />
        </section>
      ) : null}
      <section className="space-y-2" aria-labelledby="missing-title">
        <h2 id="missing-title" className="font-semibold">
          {t("compliance.rotation.missingTitle")}
        </h2>
        {d.missing.items.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("compliance.rotation.missingEmpty")}</p>
        ) : (
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="rotation-missing-table">
              <thead>
                <tr>
                  <th scope="col">{t("compliance.columns.name")}</th>
                  <th scope="col" className="hidden sm:table-cell">
                    {t("compliance.columns.unit")}
                  </th>
                  <th scope="col" className="hidden md:table-cell">
                    {t("compliance.columns.post")}
                  </th>
                  <th scope="col">{t("compliance.columns.dueDate")}</th>
                </tr>
              </thead>
              <tbody>
                {d.missing.items.map((p) => (
                  <tr key={p.id} data-testid="rotation-missing-row" data-staff-no={p.staffNo}>
                    <td>
                      <Link to={`/hours/people/${p.id}`} className="font-medium">
                        {p.name}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        {p.staffNo}
                        <span className="sm:hidden"> · {p.unitName}</span>
                      </span>
                    </td>
                    <td className="hidden sm:table-cell">{p.unitName}</td>
                    <td className="hidden md:table-cell">{p.post}</td>
                    <td className="whitespace-nowrap">{due}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="flex flex-wrap gap-2" aria-label="pagination">
          {params.get("after") ? (
            <Link to={`/compliance/rotation?${base}`} className="btn-secondary">
              {t("compliance.people.first")}
            </Link>
          ) : null}
          {d.missing.next ? (
            <Link to={`/compliance/rotation?${next}`} className="btn-secondary" rel="next" data-testid="rotation-next">
              {t("compliance.people.next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
