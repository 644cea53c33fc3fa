import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, type Locale } from "~/lib/i18n";

/*
 * Charts of the results and analysis pages. Recharts measures the DOM, so it renders
 * nothing on the server: each chart appears after hydration, and every chart has a
 * table with the same numbers beside it (the table is what screen readers, phones
 * without JavaScript and printouts get).
 */

const BRAND = "#1f7a4d";
const WARN = "#b45309";

/** True after the first client render (charts are client-only). */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

function ChartBox({ children, height = 220 }: { children: React.ReactElement; height?: number }) {
  const mounted = useMounted();
  // Same height before and after mounting, so the page does not jump.
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

const percent = (value: number, locale: Locale) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
const decimal = (value: number, locale: Locale, digits = 2) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

export function ScoreDistribution({ bands }: { bands: { from: number; to: number; count: number }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = bands.map((b) => ({ band: `${b.from}–${b.to}`, label: t("results.charts.bandRange", { from: b.from, to: b.to }), count: b.count }));
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("results.charts.distribution")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("results.charts.distributionIntro")}</p>
      <ChartBox>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="band" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => [formatNumber(Number(v), locale), t("results.charts.count")]} labelFormatter={(_l, p) => (p?.[0]?.payload as { label?: string } | undefined)?.label ?? ""} />
          <Bar dataKey="count" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="distribution-table">
          <caption className="sr-only">{t("results.charts.distribution")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.charts.band")}</th>
              <th scope="col" className="text-right">
                {t("results.charts.count")}
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

export function PassRateByUnit({ units }: { units: { unitId: string; unitName: string; candidates: number; passed: number; rate: number; meanScore: number }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = units.map((u) => ({ ...u, ratePercent: Math.round(u.rate * 1000) / 10 }));
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("results.charts.byUnit")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("results.charts.byUnitIntro")}</p>
      <ChartBox height={Math.max(160, 36 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="unitName" width={96} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => [`${decimal(Number(v), locale, 1)}%`, t("results.charts.rate")]} />
          <Bar dataKey="ratePercent" fill={BRAND} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="unit-table">
          <caption className="sr-only">{t("results.charts.byUnit")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.charts.unit")}</th>
              <th scope="col" className="text-right">
                {t("results.charts.candidates")}
              </th>
              <th scope="col" className="text-right">
                {t("results.charts.passed")}
              </th>
              <th scope="col" className="text-right">
                {t("results.charts.rate")}
              </th>
              <th scope="col" className="hidden text-right sm:table-cell">
                {t("results.charts.meanScore")}
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row" className="font-normal">
                  {u.unitName}
                </th>
                <td className="text-right tabular-nums">{formatNumber(u.candidates, locale)}</td>
                <td className="text-right tabular-nums">{formatNumber(u.passed, locale)}</td>
                <td className="text-right tabular-nums">{percent(u.rate, locale)}</td>
                <td className="hidden text-right tabular-nums sm:table-cell">{decimal(u.meanScore, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
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
    <figure className="min-w-0">
      <figcaption className="mb-1 font-semibold">{t("results.charts.scatter")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">
        {t("results.charts.scatterIntro")} {t("results.charts.chartOnly")}
      </p>
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
    </figure>
  );
}
