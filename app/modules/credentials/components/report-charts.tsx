import { useTranslation } from "react-i18next";
import { BarChart, ChartFigure, ChartTable, percent, percentBar } from "~/components/bar-chart";
import { formatNumber, type Locale } from "~/lib/i18n";

/*
 * Charts of the coverage page (the shared pieces, and why every chart has a table, are in
 * ~/components/bar-chart).
 */

const COLOURS = ["#1f7a4d", "#2563eb", "#b45309", "#7c3aed", "#be123c"];

export { percent };

type UnitCoverage = {
  unitId: string;
  name: string;
  monitoringWithEnforcement: { rate: number | null };
  enforcementWithMonitoring: { rate: number | null };
};

/** Holding rates per child unit, two bars each (the per-unit table on the page carries the figures). */
export function CoverageChart({ units }: { units: UnitCoverage[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = units.map((u) => ({ name: u.name, monitoring: percentBar(u.monitoringWithEnforcement.rate), enforcement: percentBar(u.enforcementWithMonitoring.rate) }));
  if (data.length === 0) return null;
  return (
    <ChartFigure testId="coverage-chart" caption={t("credentialViews.joint.chartCoverage")} intro={t("credentialViews.joint.chartCoverageIntro")}>
      <BarChart
        rows={data}
        layout="bars"
        percent
        xKey="name"
        labelWidth={88}
        height={Math.max(180, 44 * data.length + 60)}
        legend="small"
        series={[
          { key: "monitoring", label: t("credentialViews.joint.series.monitoring"), color: COLOURS[0] },
          { key: "enforcement", label: t("credentialViews.joint.series.enforcement"), color: COLOURS[1] },
        ]}
        formatValue={(v) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)}%`}
      />
    </ChartFigure>
  );
}

/** Credentials reaching their last valid day per month, stacked by type, with the same figures as a table. */
export function ExpiriesChart({ months, types }: { months: { month: string; byType: Record<string, number>; total: number }[]; types: { code: string; name: string; nameEn: string }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const typeName = (ty: { name: string; nameEn: string }) => (locale === "en" ? ty.nameEn : ty.name);
  const data: Record<string, string | number>[] = months.map((m) => ({ month: m.month, ...m.byType }));
  return (
    <ChartFigure testId="expiries-chart" caption={t("credentialViews.joint.chartMonths")} intro={t("credentialViews.joint.chartMonthsIntro")}>
      <BarChart
        rows={data}
        xKey="month"
        height={240}
        tiltedLabelHeight={44}
        stacked
        legend="small"
        series={types.map((ty, i) => ({ key: ty.code, label: typeName(ty), color: COLOURS[i % COLOURS.length] }))}
        formatValue={(v) => formatNumber(v, locale)}
      />
      <ChartTable
        testId="expiries-table"
        caption={t("credentialViews.joint.chartMonths")}
        rows={months}
        rowKey={(m) => m.month}
        rowProps={(m) => ({ "data-month": m.month, "data-total": m.total })}
        rowHeader={{ header: t("credentialViews.joint.columns.month"), cell: (m) => m.month, nowrap: true }}
        columns={[
          ...types.map((ty) => ({ key: ty.code, header: typeName(ty), wide: true, cell: (m: (typeof months)[number]) => formatNumber(m.byType[ty.code] ?? 0, locale) })),
          { header: t("credentialViews.joint.total"), cell: (m) => formatNumber(m.total, locale) },
        ]}
      />
    </ChartFigure>
  );
}
