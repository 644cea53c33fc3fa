import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { classStats } from "~/modules/compliance/compliance.server";
import { ClassRates, percent } from "~/modules/compliance/components/charts";
import { ComplianceNav, UnitBreadcrumb, YearSelect } from "~/modules/compliance/components/compliance-nav";
import { parseYear } from "~/modules/compliance/rules";

/** GET /compliance/classes?unit=&year= — fill and attendance of the classes organised in the subtree (hours.view). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  return classStats(actor, { unitId: params.get("unit")?.slice(0, 40) || null, year: parseYear(params.get("year"), new Date()) });
}

export default function ComplianceClasses() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <UnitBreadcrumb trail={d.breadcrumb} unitName={d.unit.name} link={(id) => `/compliance/classes?unit=${id}&year=${d.year}`} />
      <PageHeader
        title={`${t("compliance.classes.title")} · ${d.unit.name}`}
        intro={t("compliance.classes.intro")}
        actions={<YearSelect year={d.year} years={d.years} keep={{ unit: d.unit.id }} />}
      />
      <ComplianceNav unitId={d.unit.id} year={d.year} />
      {d.items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("compliance.classes.empty")}</p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <div className="card">
              <p className="text-sm text-slate-600">
                {t("compliance.classes.summary", { classes: formatNumber(d.totals.classes, locale), capacity: formatNumber(d.totals.capacity, locale), seated: formatNumber(d.totals.seated, locale) })}
              </p>
            </div>
            <div className="card" data-testid="classes-fill">
              <p className="text-sm text-slate-600">{t("compliance.classes.fill")}</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums">{percent(d.totals.fill, locale)}</p>
            </div>
            <div className="card" data-testid="classes-attendance">
              <p className="text-sm text-slate-600">{t("compliance.classes.attendance")}</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums">{percent(d.totals.attendance, locale)}</p>
            </div>
          </div>
          <section className="card">
            <ClassRates items={d.items} />
          </section>
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="class-rates-table">
              <caption className="sr-only">{t("compliance.charts.classes")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("compliance.columns.classTitle")}</th>
                  <th scope="col" className="hidden md:table-cell">
                    {t("compliance.columns.dates")}
                  </th>
                  <th scope="col" className="hidden text-right sm:table-cell">
                    {t("compliance.columns.seated")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("compliance.columns.fill")}
                  </th>
                  <th scope="col" className="hidden text-right sm:table-cell">
                    {t("compliance.columns.sessionsHeld")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("compliance.columns.attendance")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((c) => (
                  <tr key={c.id} data-testid="class-rate-row" data-class-code={c.code}>
                    <th scope="row" className="font-normal">
                      <span className="font-medium">{c.title}</span>
                      <span className="block text-xs text-slate-500">
                        {c.code} · {t(`compliance.classes.types.${c.type}`, { defaultValue: c.type })} · {c.unitName}
                      </span>
                    </th>
                    <td className="hidden whitespace-nowrap md:table-cell">
                      {formatDate(c.startDate, locale)} – {formatDate(c.endDate, locale)}
                    </td>
                    <td className="hidden text-right tabular-nums sm:table-cell">
                      {formatNumber(c.seated, locale)} / {formatNumber(c.capacity, locale)}
                    </td>
                    <td className="text-right tabular-nums">{percent(c.fill, locale)}</td>
                    <td className="hidden text-right tabular-nums sm:table-cell">
                      {formatNumber(c.sessionsHeld, locale)} / {formatNumber(c.sessions, locale)}
                    </td>
                    <td className="text-right tabular-nums">{percent(c.attendance, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <a href={`/compliance/classes.xlsx?unit=${d.unit.id}&year=${d.year}`} className="btn-secondary inline-block" download data-testid="export-classes">
        {t("compliance.classes.export")}
      </a>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
