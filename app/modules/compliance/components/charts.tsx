import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, type Locale } from "~/lib/i18n";

/*
 * Charts of the compliance pages. Recharts measures the DOM, so charts appear after
 * hydration; every chart has a table with the same numbers beside it (what screen
 * readers, phones without JavaScript and printouts get). The chart itself is aria-hidden.
 */

const BRAND = "#1f7a4d";
const SECOND = "#2563eb";

function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

function ChartBox({ children, height = 220 }: { children: React.ReactElement; height?: number }) {
  const mounted = useMounted();
  return (
    <div className="w-full" style={{ height }} aria-hidden="true" data-testid="chart">
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

export const percent = (value: number | null, locale: Locale) => (value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value));
export const hours = (value: number | null, locale: Locale) => (value === null ? "—" : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value));

export function HoursHistogram({ histogram }: { histogram: { from: number; to: number | null; count: number }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = histogram.map((b) => ({
    band: b.to === null ? `${b.from}+` : `${b.from}–${b.to}`,
    label: b.to === null ? t("compliance.charts.bucketOpen", { from: b.from }) : t("compliance.charts.bucketRange", { from: b.from, to: b.to }),
    count: b.count,
  }));
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("compliance.charts.distribution")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("compliance.charts.distributionIntro")}</p>
      <ChartBox>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="band" tick={{ fontSize: 11 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => [formatNumber(Number(v), locale), t("compliance.charts.people")]} labelFormatter={(_l, p) => (p?.[0]?.payload as { label?: string } | undefined)?.label ?? ""} />
          <Bar dataKey="count" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="distribution-table">
          <caption className="sr-only">{t("compliance.charts.distribution")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("compliance.charts.bucket")}</th>
              <th scope="col" className="text-right">
                {t("compliance.charts.people")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.band}>
                <th scope="row" className="font-normal whitespace-nowrap">
                  {d.label}
                </th>
                <td className="text-right tabular-nums">{formatNumber(d.count, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

type UnitRow = { unitId: string; name: string; self: boolean; drillable: boolean; officers: number; met: number; metRate: number | null; behind: number; averageHours: number | null };

/** Share met per child unit; the table's unit names drill down, the behind-pace counts open the list of those people. */
export function MetRateByUnit({ units, year, unitLink, peopleLink }: { units: UnitRow[]; year: number; unitLink: (id: string) => string; peopleLink: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const label = (u: UnitRow) => (u.self ? t("compliance.ownStaff", { unit: u.name }) : u.name);
  const data = units.filter((u) => u.officers > 0).map((u) => ({ name: label(u), ratePercent: u.metRate === null ? 0 : Math.round(u.metRate * 1000) / 10 }));
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("compliance.charts.byUnit")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("compliance.charts.byUnitIntro")}</p>
      {data.length > 0 ? (
        <ChartBox height={Math.min(900, Math.max(160, 28 * data.length + 40))}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip formatter={(v) => [`${Number(v)}%`, t("compliance.charts.rate")]} />
            <Bar dataKey="ratePercent" fill={BRAND} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
      ) : null}
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="unit-table">
          <caption className="sr-only">{t("compliance.charts.byUnit")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("compliance.columns.unit")}</th>
              <th scope="col" className="text-right">
                {t("compliance.columns.officers")}
              </th>
              <th scope="col" className="hidden text-right sm:table-cell">
                {t("compliance.columns.met")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.metRate")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.behind")}
              </th>
              <th scope="col" className="hidden text-right sm:table-cell">
                {t("compliance.columns.averageHours")}
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={`${u.unitId}-${u.self}`} data-testid="unit-row" data-unit-id={u.unitId}>
                <th scope="row" className="font-normal">
                  {u.drillable ? (
                    <Link to={unitLink(u.unitId)} className="font-medium" data-testid="unit-drill">
                      {label(u)}
                    </Link>
                  ) : (
                    label(u)
                  )}
                </th>
                <td className="text-right tabular-nums">{formatNumber(u.officers, locale)}</td>
                <td className="hidden text-right tabular-nums sm:table-cell">{formatNumber(u.met, locale)}</td>
                <td className="text-right tabular-nums">{percent(u.metRate, locale)}</td>
                <td className="text-right tabular-nums">
                  {u.behind > 0 && u.drillable ? (
                    <Link to={peopleLink(u.unitId)} data-testid="unit-behind-link" aria-label={`${label(u)} ${t("compliance.columns.behind")} ${u.behind} (${year})`}>
                      {formatNumber(u.behind, locale)}
                    </Link>
                  ) : (
                    formatNumber(u.behind, locale)
                  )}
                </td>
                <td className="hidden text-right tabular-nums sm:table-cell">{hours(u.averageHours, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function MetTrend({ trend }: { trend: { year: number; officers: number; met: number; rate: number | null }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = trend.map((y) => ({ year: String(y.year), ratePercent: y.rate === null ? null : Math.round(y.rate * 1000) / 10 }));
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("compliance.charts.trend")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("compliance.charts.trendIntro")}</p>
      <ChartBox>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => [`${Number(v)}%`, t("compliance.charts.rate")]} />
          <Line type="monotone" dataKey="ratePercent" stroke={BRAND} strokeWidth={2} isAnimationActive={false} connectNulls />
        </LineChart>
      </ChartBox>
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="trend-table">
          <caption className="sr-only">{t("compliance.charts.trend")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("compliance.columns.year")}</th>
              <th scope="col" className="text-right">
                {t("compliance.columns.officers")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.met")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.metRate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.map((y) => (
              <tr key={y.year}>
                <th scope="row" className="font-normal">
                  {t("compliance.yearOption", { year: y.year })}
                </th>
                <td className="text-right tabular-nums">{formatNumber(y.officers, locale)}</td>
                <td className="text-right tabular-nums">{formatNumber(y.met, locale)}</td>
                <td className="text-right tabular-nums">{percent(y.rate, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

type CoverageRow = { unitId: string; name: string; self: boolean; drillable: boolean; officers: number; covered: number; missing: number; rate: number | null };

export function CoverageByUnit({ units, unitLink }: { units: CoverageRow[]; unitLink: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const label = (u: CoverageRow) => (u.self ? t("compliance.ownStaff", { unit: u.name }) : u.name);
  const data = units.filter((u) => u.officers > 0).map((u) => ({ name: label(u), ratePercent: u.rate === null ? 0 : Math.round(u.rate * 1000) / 10 }));
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("compliance.charts.coverage")}</figcaption>
      {data.length > 0 ? (
        <ChartBox height={Math.min(900, Math.max(160, 28 * data.length + 40))}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip formatter={(v) => [`${Number(v)}%`, t("compliance.columns.coverageRate")]} />
            <Bar dataKey="ratePercent" fill={BRAND} isAnimationActive={false} />
          </BarChart>
        </ChartBox>
      ) : null}
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="rotation-unit-table">
          <caption className="sr-only">{t("compliance.charts.coverage")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("compliance.columns.unit")}</th>
              <th scope="col" className="text-right">
                {t("compliance.columns.officers")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.covered")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.missing")}
              </th>
              <th scope="col" className="text-right">
                {t("compliance.columns.coverageRate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={`${u.unitId}-${u.self}`} data-testid="rotation-unit-row" data-unit-id={u.unitId}>
                <th scope="row" className="font-normal">
                  {u.drillable ? (
                    <Link to={unitLink(u.unitId)} className="font-medium">
                      {label(u)}
                    </Link>
                  ) : (
                    label(u)
                  )}
                </th>
                <td className="text-right tabular-nums">{formatNumber(u.officers, locale)}</td>
                <td className="text-right tabular-nums">{formatNumber(u.covered, locale)}</td>
                <td className="text-right tabular-nums">{formatNumber(u.missing, locale)}</td>
                <td className="text-right tabular-nums">{percent(u.rate, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Fill and attendance per class (the first 30 in the chart; the page's table has them all). */
export function ClassRates({ items }: { items: { code: string; title: string; fill: number | null; attendance: number | null }[] }) {
  const { t } = useTranslation();
  const data = items.slice(0, 30).map((c) => ({
    code: c.code,
    fill: c.fill === null ? 0 : Math.round(c.fill * 1000) / 10,
    attendance: c.attendance === null ? 0 : Math.round(c.attendance * 1000) / 10,
  }));
  if (data.length === 0) return null;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("compliance.charts.classes")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("compliance.charts.classesIntro")}</p>
      <ChartBox height={Math.min(900, Math.max(180, 36 * data.length + 60))}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="code" width={96} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip formatter={(v, name) => [`${Number(v)}%`, String(name)]} />
          <Legend />
          <Bar dataKey="fill" name={t("compliance.columns.fill")} fill={BRAND} isAnimationActive={false} />
          <Bar dataKey="attendance" name={t("compliance.columns.attendance")} fill={SECOND} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
    </figure>
  );
}
