import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, type Locale } from "~/lib/i18n";

/*
 * Charts of the coverage page. Recharts measures the DOM, so charts render after
 * hydration only; each has a table with the same numbers (what screen readers, phones
 * without JavaScript and printouts get). The chart itself is aria-hidden.
 */

const COLOURS = ["#1f7a4d", "#2563eb", "#b45309", "#7c3aed", "#be123c"];

function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

function ChartBox({ children, height }: { children: React.ReactElement; height: number }) {
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

export const percent = (value: number | null, locale: Locale) =>
  value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);

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
  const data = units.map((u) => ({
    name: u.name,
    monitoring: u.monitoringWithEnforcement.rate === null ? 0 : Math.round(u.monitoringWithEnforcement.rate * 1000) / 10,
    enforcement: u.enforcementWithMonitoring.rate === null ? 0 : Math.round(u.enforcementWithMonitoring.rate * 1000) / 10,
  }));
  if (data.length === 0) return null;
  return (
    <figure className="min-w-0" data-testid="coverage-chart">
      <figcaption className="mb-1 font-semibold">{t("credentialViews.joint.chartCoverage")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("credentialViews.joint.chartCoverageIntro")}</p>
      <ChartBox height={Math.max(180, 44 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={88} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, name) => [`${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(v))}%`, String(name)]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="monitoring" name={t("credentialViews.joint.series.monitoring")} fill={COLOURS[0]} isAnimationActive={false} />
          <Bar dataKey="enforcement" name={t("credentialViews.joint.series.enforcement")} fill={COLOURS[1]} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
    </figure>
  );
}

/** Credentials reaching their last valid day per month, stacked by type, with the same figures as a table. */
export function ExpiriesChart({ months, types }: { months: { month: string; byType: Record<string, number>; total: number }[]; types: { code: string; name: string; nameEn: string }[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const typeName = (ty: { name: string; nameEn: string }) => (locale === "en" ? ty.nameEn : ty.name);
  const data = months.map((m) => ({ month: m.month, ...m.byType }));
  return (
    <figure className="min-w-0" data-testid="expiries-chart">
      <figcaption className="mb-1 font-semibold">{t("credentialViews.joint.chartMonths")}</figcaption>
      <p className="mb-2 text-xs text-slate-500">{t("credentialViews.joint.chartMonthsIntro")}</p>
      <ChartBox height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={44} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, name) => [formatNumber(Number(v), locale), String(name)]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {types.map((ty, i) => (
            <Bar key={ty.code} dataKey={ty.code} name={typeName(ty)} stackId="expiries" fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartBox>
      <div className="mt-2 overflow-x-auto">
        <table className="table" data-testid="expiries-table">
          <caption className="sr-only">{t("credentialViews.joint.chartMonths")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("credentialViews.joint.columns.month")}</th>
              {types.map((ty) => (
                <th key={ty.code} scope="col" className="hidden text-right sm:table-cell">
                  {typeName(ty)}
                </th>
              ))}
              <th scope="col" className="text-right">
                {t("credentialViews.joint.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} data-month={m.month} data-total={m.total}>
                <th scope="row" className="font-normal whitespace-nowrap">
                  {m.month}
                </th>
                {types.map((ty) => (
                  <td key={ty.code} className="hidden text-right tabular-nums sm:table-cell">
                    {formatNumber(m.byType[ty.code] ?? 0, locale)}
                  </td>
                ))}
                <td className="text-right tabular-nums">{formatNumber(m.total, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
