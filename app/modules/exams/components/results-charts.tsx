import { useTranslation } from "react-i18next";
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { BarChart, ChartBox, ChartFigure, ChartTable, percent, percentBar } from "~/components/bar-chart";
import { formatNumber, type Locale } from "~/lib/i18n";

/*
 * Charts of the results and analysis pages (the shared pieces, and why every chart has a
 * table, are in ~/components/bar-chart).
 */

const BRAND = "#1f7a4d";
const WARN = "#b45309";

const decimal = (value: number, locale: Locale, digits = 2) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

export function ScoreDistribution({ bands }: { bands: { from: number; to: number; count: number }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = bands.map((b) => ({ band: `${b.from}–${b.to}`, label: t("results.charts.bandRange", { from: b.from, to: b.to }), count: b.count }));
  return (
    <ChartFigure caption={t("results.charts.distribution")} intro={t("results.charts.distributionIntro")}>
      <BarChart rows={data} xKey="band" tiltedLabelHeight={40} tooltipTitleKey="label" series={[{ key: "count", label: t("results.charts.count"), color: BRAND }]} formatValue={(v) => formatNumber(v, locale)} />
      <ChartTable
        testId="distribution-table"
        caption={t("results.charts.distribution")}
        rows={data}
        rowKey={(d) => d.band}
        rowHeader={{ header: t("results.charts.band"), cell: (d) => d.label, nowrap: true }}
        columns={[{ header: t("results.charts.count"), cell: (d) => formatNumber(d.count, locale) }]}
      />
    </ChartFigure>
  );
}

export function PassRateByUnit({ units }: { units: { unitId: string; unitName: string; candidates: number; passed: number; rate: number; meanScore: number }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = units.map((u) => ({ ...u, ratePercent: percentBar(u.rate) }));
  return (
    <ChartFigure caption={t("results.charts.byUnit")} intro={t("results.charts.byUnitIntro")}>
      <BarChart rows={data} layout="bars" percent xKey="unitName" height={Math.max(160, 36 * data.length + 40)} series={[{ key: "ratePercent", label: t("results.charts.rate"), color: BRAND }]} formatValue={(v) => `${decimal(v, locale, 1)}%`} />
      <ChartTable
        testId="unit-table"
        caption={t("results.charts.byUnit")}
        rows={units}
        rowKey={(u) => u.unitId}
        rowHeader={{ header: t("results.charts.unit"), cell: (u) => u.unitName }}
        columns={[
          { header: t("results.charts.candidates"), cell: (u) => formatNumber(u.candidates, locale) },
          { header: t("results.charts.passed"), cell: (u) => formatNumber(u.passed, locale) },
          { header: t("results.charts.rate"), cell: (u) => percent(u.rate, locale) },
          { header: t("results.charts.meanScore"), cell: (u) => decimal(u.meanScore, locale), wide: true },
        ]}
      />
    </ChartFigure>
  );
}

/** Facility against discrimination, one dot per question; the table of every question is on the page below. */
export function FacilityDiscrimination({ items }: { items: { label: string; facility: number | null; discrimination: number | null; flagged: boolean }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const points = items.filter((i) => i.facility !== null && i.discrimination !== null).map((i) => ({ x: i.facility as number, y: i.discrimination as number, label: i.label, flagged: i.flagged }));
  const ok = points.filter((p) => !p.flagged);
  const flagged = points.filter((p) => p.flagged);
  return (
    <ChartFigure
      caption={t("results.charts.scatter")}
      intro={
        <>
          {t("results.charts.scatterIntro")} {t("results.charts.chartOnly")}
        </>
      }
    >
      <ChartBox height={260}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" name={t("results.analysis.columns.facility")} domain={[0, 1]} tick={{ fontSize: 11 }} />
          <YAxis type="number" dataKey="y" name={t("results.analysis.columns.discrimination")} domain={[-1, 1]} tick={{ fontSize: 11 }} />
          <ReferenceLine y={0.2} stroke={WARN} strokeDasharray="4 4" />
          <ReferenceLine y={0} stroke="#64748b" />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            formatter={(v, name) => [decimal(Number(v), locale), String(name)]}
            labelFormatter={(_l, p) => (p?.[0]?.payload as { label?: string } | undefined)?.label ?? ""}
          />
          <Scatter data={ok} fill={BRAND} isAnimationActive={false} />
          <Scatter data={flagged} fill={WARN} shape="triangle" isAnimationActive={false} />
        </ScatterChart>
      </ChartBox>
    </ChartFigure>
  );
}
