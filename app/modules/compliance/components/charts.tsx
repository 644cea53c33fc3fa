import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { BarChart, ChartBox, ChartFigure, ChartTable, percent, percentBar } from "~/components/bar-chart";
import { formatNumber, type Locale } from "~/lib/i18n";

/*
 * Charts of the compliance pages (the shared pieces, and why every chart has a table,
 * are in ~/components/bar-chart).
 */

const BRAND = "#1f7a4d";
const SECOND = "#2563eb";

export { percent };
export const hours = (value: number | null, locale: Locale) => (value === null ? "—" : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value));

/** Height of a horizontal bar chart with one bar per unit, capped for provinces with many units. */
const unitChartHeight = (rows: number) => Math.min(900, Math.max(160, 28 * rows + 40));

export function HoursHistogram({ histogram }: { histogram: { from: number; to: number | null; count: number }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = histogram.map((b) => ({
    band: b.to === null ? `${b.from}+` : `${b.from}–${b.to}`,
    label: b.to === null ? t("compliance.charts.bucketOpen", { from: b.from }) : t("compliance.charts.bucketRange", { from: b.from, to: b.to }),
    count: b.count,
  }));
  return (
    <ChartFigure caption={t("compliance.charts.distribution")} intro={t("compliance.charts.distributionIntro")}>
      <BarChart rows={data} xKey="band" tooltipTitleKey="label" series={[{ key: "count", label: t("compliance.charts.people"), color: BRAND }]} formatValue={(v) => formatNumber(v, locale)} />
      <ChartTable
        testId="distribution-table"
        caption={t("compliance.charts.distribution")}
        rows={data}
        rowKey={(d) => d.band}
        rowHeader={{ header: t("compliance.charts.bucket"), cell: (d) => d.label, nowrap: true }}
        columns={[{ header: t("compliance.charts.people"), cell: (d) => formatNumber(d.count, locale) }]}
      />
    </ChartFigure>
  );
}

type UnitRow = { unitId: string; name: string; self: boolean; drillable: boolean; officers: number; met: number; metRate: number | null; behind: number; averageHours: number | null };

/** Share met per child unit; the table's unit names drill down, the behind-pace counts open the list of those people. */
export function MetRateByUnit({ units, year, unitLink, peopleLink }: { units: UnitRow[]; year: number; unitLink: (id: string) => string; peopleLink: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const label = (u: UnitRow) => (u.self ? t("compliance.ownStaff", { unit: u.name }) : u.name);
  const data = units.filter((u) => u.officers > 0).map((u) => ({ name: label(u), ratePercent: percentBar(u.metRate) }));
  return (
    <ChartFigure caption={t("compliance.charts.byUnit")} intro={t("compliance.charts.byUnitIntro")}>
      {data.length > 0 ? (
        <BarChart rows={data} layout="bars" percent xKey="name" labelWidth={110} height={unitChartHeight(data.length)} series={[{ key: "ratePercent", label: t("compliance.charts.rate"), color: BRAND }]} formatValue={(v) => `${v}%`} />
      ) : null}
      <ChartTable
        testId="unit-table"
        caption={t("compliance.charts.byUnit")}
        rows={units}
        rowKey={(u) => `${u.unitId}-${u.self}`}
        rowProps={(u) => ({ "data-testid": "unit-row", "data-unit-id": u.unitId })}
        rowHeader={{
          header: t("compliance.columns.unit"),
          cell: (u) =>
            u.drillable ? (
              <Link to={unitLink(u.unitId)} className="font-medium" data-testid="unit-drill">
                {label(u)}
              </Link>
            ) : (
              label(u)
            ),
        }}
        columns={[
          { header: t("compliance.columns.officers"), cell: (u) => formatNumber(u.officers, locale) },
          { header: t("compliance.columns.met"), cell: (u) => formatNumber(u.met, locale), wide: true },
          { header: t("compliance.columns.metRate"), cell: (u) => percent(u.metRate, locale) },
          {
            header: t("compliance.columns.behind"),
            cell: (u) =>
              u.behind > 0 && u.drillable ? (
                <Link to={peopleLink(u.unitId)} data-testid="unit-behind-link" aria-label={`${label(u)} ${t("compliance.columns.behind")} ${u.behind} (${year})`}>
                  {formatNumber(u.behind, locale)}
                </Link>
              ) : (
                formatNumber(u.behind, locale)
              ),
          },
          { header: t("compliance.columns.averageHours"), cell: (u) => hours(u.averageHours, locale), wide: true },
        ]}
      />
    </ChartFigure>
  );
}

export function MetTrend({ trend }: { trend: { year: number; officers: number; met: number; rate: number | null }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  // A year without officers has no rate: a gap in the line, not a fall to 0 %.
  const data = trend.map((y) => ({ year: String(y.year), ratePercent: y.rate === null ? null : percentBar(y.rate) }));
  return (
    <ChartFigure caption={t("compliance.charts.trend")} intro={t("compliance.charts.trendIntro")}>
      <ChartBox>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => [`${Number(v)}%`, t("compliance.charts.rate")]} />
          <Line type="monotone" dataKey="ratePercent" stroke={BRAND} strokeWidth={2} isAnimationActive={false} connectNulls />
        </LineChart>
      </ChartBox>
      <ChartTable
        testId="trend-table"
        caption={t("compliance.charts.trend")}
        rows={trend}
        rowKey={(y) => y.year}
        rowHeader={{ header: t("compliance.columns.year"), cell: (y) => t("compliance.yearOption", { year: y.year }) }}
        columns={[
          { header: t("compliance.columns.officers"), cell: (y) => formatNumber(y.officers, locale) },
          { header: t("compliance.columns.met"), cell: (y) => formatNumber(y.met, locale) },
          { header: t("compliance.columns.metRate"), cell: (y) => percent(y.rate, locale) },
        ]}
      />
    </ChartFigure>
  );
}

type CoverageRow = { unitId: string; name: string; self: boolean; drillable: boolean; officers: number; covered: number; missing: number; rate: number | null };

export function CoverageByUnit({ units, unitLink }: { units: CoverageRow[]; unitLink: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const label = (u: CoverageRow) => (u.self ? t("compliance.ownStaff", { unit: u.name }) : u.name);
  const data = units.filter((u) => u.officers > 0).map((u) => ({ name: label(u), ratePercent: percentBar(u.rate) }));
  return (
    <ChartFigure caption={t("compliance.charts.coverage")}>
      {data.length > 0 ? (
        <BarChart rows={data} layout="bars" percent xKey="name" labelWidth={110} height={unitChartHeight(data.length)} series={[{ key: "ratePercent", label: t("compliance.columns.coverageRate"), color: BRAND }]} formatValue={(v) => `${v}%`} />
      ) : null}
      <ChartTable
        testId="rotation-unit-table"
        caption={t("compliance.charts.coverage")}
        rows={units}
        rowKey={(u) => `${u.unitId}-${u.self}`}
        rowProps={(u) => ({ "data-testid": "rotation-unit-row", "data-unit-id": u.unitId })}
        rowHeader={{
          header: t("compliance.columns.unit"),
          cell: (u) =>
            u.drillable ? (
              <Link to={unitLink(u.unitId)} className="font-medium">
                {label(u)}
              </Link>
            ) : (
              label(u)
            ),
        }}
        columns={[
          { header: t("compliance.columns.officers"), cell: (u) => formatNumber(u.officers, locale) },
          { header: t("compliance.columns.covered"), cell: (u) => formatNumber(u.covered, locale) },
          { header: t("compliance.columns.missing"), cell: (u) => formatNumber(u.missing, locale) },
          { header: t("compliance.columns.coverageRate"), cell: (u) => percent(u.rate, locale) },
        ]}
      />
    </ChartFigure>
  );
}

/** Fill and attendance per class (the first 30 in the chart; the page's table has them all). */
export function ClassRates({ items }: { items: { code: string; title: string; fill: number | null; attendance: number | null }[] }) {
  const { t } = useTranslation();
  const data = items.slice(0, 30).map((c) => ({ code: c.code, fill: percentBar(c.fill), attendance: percentBar(c.attendance) }));
  if (data.length === 0) return null;
  return (
    <ChartFigure caption={t("compliance.charts.classes")} intro={t("compliance.charts.classesIntro")}>
      <BarChart
        rows={data}
        layout="bars"
        percent
        xKey="code"
        height={Math.min(900, Math.max(180, 36 * data.length + 60))}
        legend="normal"
        series={[
          { key: "fill", label: t("compliance.columns.fill"), color: BRAND },
          { key: "attendance", label: t("compliance.columns.attendance"), color: SECOND },
        ]}
        formatValue={(v) => `${v}%`}
      />
    </ChartFigure>
  );
}
