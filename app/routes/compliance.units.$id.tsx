import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { dashboard } from "~/modules/compliance/compliance.server";
import { hours, HoursHistogram, MetRateByUnit, MetTrend, percent } from "~/modules/compliance/components/charts";
import { ComplianceNav, UnitBreadcrumb, YearSelect } from "~/modules/compliance/components/compliance-nav";
import { parseYear } from "~/modules/compliance/rules";

/** GET /compliance/units/:id?year= — the compliance dashboard of a unit's subtree (hours.view over the unit, else 404). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const year = parseYear(new URL(request.url).searchParams.get("year"), new Date());
  return dashboard(actor, { unitId: params.id!, year });
}

function Stat({ label, value, hint, testId, children }: { label: string; value: string; hint?: string; testId: string; children?: React.ReactNode }) {
  return (
    <div className="card" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`${testId}-value`}>
        {value}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {children}
    </div>
  );
}

export default function ComplianceDashboard() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const d = useLoaderData<typeof loader>();
  const unitLink = (id: string) => `/compliance/units/${id}?year=${d.year}`;
  const peopleLink = (id: string, filter = "behind") => `/compliance/people?unit=${id}&year=${d.year}&filter=${filter}`;
  return (
    <div className="space-y-4">
      <UnitBreadcrumb trail={d.breadcrumb} unitName={d.unit.name} link={unitLink} />
      <PageHeader
        title={t("compliance.unitTitle", { unit: d.unit.name, year: d.year })}
        intro={t("compliance.intro")}
        actions={<YearSelect year={d.year} years={d.years} />}
      />
      <ComplianceNav unitId={d.unit.id} year={d.year} />

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("compliance.stats.officers")} value={formatNumber(d.totals.officers, locale)} hint={t("compliance.stats.officersHint")} testId="stat-officers" />
        <Stat label={t("compliance.stats.met")} value={formatNumber(d.totals.met, locale)} hint={t("compliance.stats.metRate", { rate: percent(d.totals.metRate, locale) })} testId="stat-met">
          <Link to={peopleLink(d.unit.id, "notMet")} className="mt-1 block text-xs" data-testid="not-met-link">
            {t("compliance.stats.notMet")} {formatNumber(d.totals.notMet, locale)}
          </Link>
        </Stat>
        <Stat label={t("compliance.stats.behind")} value={formatNumber(d.totals.behind, locale)} hint={t("compliance.stats.behindHint")} testId="stat-behind">
          <Link to={peopleLink(d.unit.id)} className="mt-1 block text-xs" data-testid="behind-pace-link">
            {t("compliance.nav.people")}
          </Link>
        </Stat>
        <Stat label={t("compliance.stats.averageHours")} value={hours(d.totals.averageHours, locale)} hint={`${t("compliance.stats.pendingHours")} ${hours(d.totals.pendingHours, locale)}`} testId="stat-average" />
      </div>

      <Notice kind="info">
        {t(`compliance.basis.${d.basis}`)} {t("compliance.noSummaryNote")}
      </Notice>

      <section className="card" aria-labelledby="political" data-testid="political">
        <h2 id="political" className="font-semibold">
          {t("compliance.stats.political")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {t("compliance.stats.politicalAverage", { hours: hours(d.political.averageHours, locale) })} ·{" "}
          {d.political.required > 0
            ? t("compliance.stats.politicalMet", { required: formatNumber(d.political.required, locale), met: formatNumber(d.political.met, locale) })
            : t("compliance.stats.politicalNone")}
        </p>
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <section className="card">
          <HoursHistogram histogram={d.histogram} />
        </section>
        <section className="card">
          <MetTrend trend={d.trend} />
        </section>
      </div>

      {d.units.length > 0 ? (
        <section className="card">
          <MetRateByUnit units={d.units} year={d.year} unitLink={unitLink} peopleLink={(id) => peopleLink(id)} />
          <a href={`/compliance/units.xlsx?unit=${d.unit.id}&year=${d.year}`} className="btn-secondary mt-3 inline-block" download data-testid="export-units">
            {t("compliance.exportUnits")}
          </a>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
