import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { CoverageChart, ExpiriesChart, percent } from "~/modules/credentials/components/report-charts";
import { ReportNav } from "~/modules/credentials/components/report-nav";
import { jointHolding } from "~/modules/credentials/joint.server";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

/** GET /credentials/joint?unit= — joint holding, the city legal-qualification check and expiries by month (credential.view; 404 outside). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.view");
  const unit = new URL(request.url).searchParams.get("unit");
  const [view, units] = await Promise.all([jointHolding(actor, unit && unit.length <= 40 ? unit : null), unitOptions(actor, "credential.view")]);
  return { view, units, canIssue: canAnywhere(actor, "credential.issue") };
}

type Pair = { staff: number; holding: number; rate: number | null };

/** One rate cell: "holding / staff" and the rate; data-count/data-staff/data-rate for tests. */
function RateCell({ pair, testId }: { pair: Pair; testId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <td className="text-right tabular-nums" data-testid={testId} data-count={pair.holding} data-staff={pair.staff} data-rate={pair.rate === null ? "" : pair.rate.toFixed(4)}>
      {pair.staff === 0 ? (
        <span className="text-slate-500">{t("credentialViews.joint.noStaff")}</span>
      ) : (
        <>
          <span className="font-medium">{percent(pair.rate, locale)}</span>
          <span className="block text-xs text-slate-500">{t("credentialViews.joint.rateOf", { holding: formatNumber(pair.holding, locale), staff: formatNumber(pair.staff, locale) })}</span>
        </>
      )}
    </td>
  );
}

export default function JointHolding() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { view, units, canIssue } = useLoaderData<typeof loader>();
  const typeName = (ty: { name: string; nameEn: string } | null) => (ty ? (locale === "en" ? ty.nameEn : ty.name) : "");
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("credentialViews.joint.title")}
        intro={t("credentialViews.joint.intro")}
        actions={
          <a href={`/credentials/joint.xlsx?unit=${encodeURIComponent(view.unit.id)}`} className="btn-secondary" download data-testid="joint-export">
            {t("credentialViews.joint.export")}
          </a>
        }
      />
      <ReportNav canIssue={canIssue} />

      <Form method="get" className="card flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor="joint-unit" className="label">
            {t("credentialViews.joint.unitLabel")}
          </label>
          <select id="joint-unit" name="unit" defaultValue={view.unit.id} className="input">
            {unitSelectOptions(units).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("common.search")}
        </button>
      </Form>

      {view.breadcrumb.length > 0 ? (
        <nav aria-label={t("credentialViews.joint.breadcrumb")} className="text-sm">
          <ol className="flex flex-wrap gap-1 text-slate-600">
            {view.breadcrumb.map((b) => (
              <li key={b.id} className="after:ml-1 after:content-['›']">
                <Link to={`/credentials/joint?unit=${b.id}`}>{b.name}</Link>
              </li>
            ))}
            <li aria-current="page" className="font-medium text-slate-900">
              {view.unit.name}
            </li>
          </ol>
        </nav>
      ) : null}

      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200" data-testid="holding-note">
        {t("credentialViews.joint.holdingNote")}
      </p>

      <section className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label={t("credentialViews.joint.totals", { unit: view.unit.name })} data-testid="joint-totals">
        {(
          [
            ["monitoringWithEnforcement", view.totals.monitoringWithEnforcement, typeName(view.typeNames.enforcement)],
            ["enforcementWithMonitoring", view.totals.enforcementWithMonitoring, typeName(view.typeNames.monitoring)],
          ] as const
        ).map(([key, pair]) => (
          <div key={key} className="card" data-testid={`joint-total-${key}`} data-count={pair.holding} data-staff={pair.staff} data-rate={pair.rate === null ? "" : pair.rate.toFixed(4)}>
            <p className="text-sm text-slate-600">{t(`credentialViews.joint.${key}`)}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{pair.staff === 0 ? "—" : percent(pair.rate, locale)}</p>
            <p className="text-sm text-slate-600">{t("credentialViews.joint.rateOf", { holding: formatNumber(pair.holding, locale), staff: formatNumber(pair.staff, locale) })}</p>
          </div>
        ))}
      </section>

      <section className="card space-y-3" aria-labelledby="units-title">
        <h2 id="units-title" className="font-semibold">
          {t("credentialViews.joint.unitsTitle")}
        </h2>
        {view.units.length === 0 ? (
          <p className="text-sm text-slate-600">{t("credentialViews.joint.unitsEmpty")}</p>
        ) : (
          <>
            <CoverageChart units={view.units.filter((u) => !u.self)} />
            <div className="overflow-x-auto">
              <table className="table" data-testid="joint-units">
                <caption className="sr-only">{t("credentialViews.joint.unitsTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("credentialViews.columns.unit")}</th>
                    <th scope="col" className="text-right">
                      {t("credentialViews.joint.monitoringWithEnforcement")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("credentialViews.joint.enforcementWithMonitoring")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.units.map((u) => (
                    <tr key={`${u.unitId}-${u.self}`} data-testid="joint-unit-row" data-unit-code={u.code} data-self={u.self ? "1" : "0"}>
                      <th scope="row" className="font-normal">
                        {u.self ? (
                          t("credentialViews.joint.ownStaff", { unit: u.name })
                        ) : (
                          <Link to={`/credentials/joint?unit=${u.unitId}`} aria-label={t("credentialViews.joint.drill", { unit: u.name })}>
                            {u.name}
                          </Link>
                        )}
                      </th>
                      <RateCell pair={u.monitoringWithEnforcement} testId="joint-rate-monitoring" />
                      <RateCell pair={u.enforcementWithMonitoring} testId="joint-rate-enforcement" />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="font-medium" data-testid="joint-total-row">
                    <th scope="row">{t("credentialViews.joint.total")}</th>
                    <RateCell pair={view.totals.monitoringWithEnforcement} testId="joint-rate-monitoring-total" />
                    <RateCell pair={view.totals.enforcementWithMonitoring} testId="joint-rate-enforcement-total" />
                  </tr>
                </tfoot>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card space-y-3" aria-labelledby="cities-title" data-testid="city-legal">
        <h2 id="cities-title" className="font-semibold">
          {t("credentialViews.joint.citiesTitle")}
          {view.typeNames.legal ? <span className="ml-1 font-normal text-slate-500">（{typeName(view.typeNames.legal)}）</span> : null}
        </h2>
        <p className="text-sm text-slate-600">{t("credentialViews.joint.citiesIntro")}</p>
        {view.cities.length === 0 ? (
          <p className="text-sm text-slate-600">{t("credentialViews.joint.noCities")}</p>
        ) : (
          <>
            {view.citiesWithout.length > 0 ? (
              <div className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" role="status">
                <p className="font-medium">{t("credentialViews.joint.citiesNone", { count: view.citiesWithout.length })}</p>
                <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1" data-testid="cities-without-legal">
                  {view.citiesWithout.map((c) => (
                    <li key={c.unitId} data-testid="city-without-legal" data-unit-code={c.code}>
                      {c.provinceName ? `${c.provinceName} · ` : ""}
                      {c.name}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="text-sm text-green-800" role="status" data-testid="cities-all-ok">
                {t("credentialViews.joint.citiesAllOk")}
              </p>
            )}
            <div className="overflow-x-auto">
              <table className="table" data-testid="city-legal-table">
                <caption className="sr-only">{t("credentialViews.joint.citiesTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("credentialViews.joint.columns.city")}</th>
                    <th scope="col" className="text-right">
                      {t("credentialViews.joint.columns.legalHolders")}
                    </th>
                    <th scope="col">{t("credentialViews.joint.columns.check")}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.cities.map((c) => (
                    <tr key={c.unitId} data-testid="city-legal-row" data-unit-code={c.code} data-count={c.holders} className={c.holders === 0 ? "bg-red-50" : undefined}>
                      <th scope="row" className="font-normal">
                        {c.provinceName ? <span className="block text-xs text-slate-500">{c.provinceName}</span> : null}
                        {c.name}
                      </th>
                      <td className="text-right tabular-nums">{formatNumber(c.holders, locale)}</td>
                      <td className={c.holders === 0 ? "font-medium text-red-800" : "text-green-800"}>{c.holders === 0 ? t("credentialViews.joint.cityNone") : t("credentialViews.joint.cityOk")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card">
        <ExpiriesChart months={view.months} types={view.monthTypes} />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
