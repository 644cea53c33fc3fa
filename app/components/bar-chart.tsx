import { useEffect, useState, type ReactElement, type ReactNode } from "react";
import { Bar, BarChart as RechartsBarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Locale } from "~/lib/i18n";

/*
 * The chart pieces shared by the results, compliance, credential and hours pages.
 * Recharts measures the DOM, so it renders nothing on the server: each chart appears after
 * hydration, and every chart has a table with the same numbers beside it (the table is what
 * screen readers, phones without JavaScript and printouts get). The chart itself is
 * aria-hidden and wrapped in data-testid="chart".
 */

/** True after the first client render (charts are client-only). */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** Holds the space of a chart and draws it once mounted. */
export function ChartBox({ children, height = 220 }: { children: ReactElement; height?: number }) {
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

/** A figure with its caption and an optional line of explanation; the chart and table go inside. */
export function ChartFigure({ caption, intro, testId, children }: { caption: string; intro?: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <figure className="min-w-0" data-testid={testId}>
      <figcaption className="mb-1 font-semibold">{caption}</figcaption>
      {intro ? <p className="mb-2 text-xs text-slate-500">{intro}</p> : null}
      {children}
    </figure>
  );
}

type StringKey<Row> = Extract<keyof Row, string>;

export type BarSeries<Row> = { key: StringKey<Row>; label: string; color: string };

export type BarChartProps<Row> = {
  rows: Row[];
  series: BarSeries<Row>[];
  /** The category of each row: under the columns, or beside each bar. */
  xKey: StringKey<Row>;
  /** Value shown in the tooltip (the series label is the name). */
  formatValue: (value: number) => string;
  height?: number;
  /**
   * "columns": whole counts rising from the bottom; "bars": one horizontal bar per row,
   * on a 0–100 % axis when `percent` (rates are given as percentages, 0–100).
   */
  layout?: "columns" | "bars";
  percent?: boolean;
  /** Bars: width of the category names. */
  labelWidth?: number;
  /** Columns: tilt the category names (many or long ones) and give them this height. */
  tiltedLabelHeight?: number;
  /** A row field shown as the tooltip's title instead of the category. */
  tooltipTitleKey?: StringKey<Row>;
  stacked?: boolean;
  legend?: "normal" | "small";
};

export function BarChart<Row extends object>({ rows, series, xKey, formatValue, height, layout = "columns", percent = false, labelWidth = 96, tiltedLabelHeight, tooltipTitleKey, stacked = false, legend }: BarChartProps<Row>) {
  const tick = { fontSize: 11 };
  const columns = layout === "columns";
  return (
    <ChartBox height={height}>
      <RechartsBarChart
        data={rows}
        layout={columns ? undefined : "vertical"}
        margin={columns ? { top: 8, right: 8, bottom: 8, left: tiltedLabelHeight ? -16 : -8 } : { top: 8, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={!columns} horizontal={columns} />
        {columns ? (
          <XAxis dataKey={xKey} tick={tick} interval={0} {...(tiltedLabelHeight ? { angle: -30, textAnchor: "end", height: tiltedLabelHeight } : {})} />
        ) : (
          <XAxis type="number" tick={tick} {...(percent ? { domain: [0, 100], unit: "%" } : {})} />
        )}
        {columns ? <YAxis allowDecimals={false} tick={tick} /> : <YAxis type="category" dataKey={xKey} width={labelWidth} tick={tick} interval={0} />}
        <Tooltip
          formatter={(v, name) => [formatValue(Number(v)), String(name)]}
          {...(tooltipTitleKey ? { labelFormatter: (_l: unknown, p: readonly { payload?: Row }[] | undefined) => String(p?.[0]?.payload?.[tooltipTitleKey] ?? "") } : {})}
        />
        {legend ? <Legend wrapperStyle={legend === "small" ? { fontSize: 12 } : undefined} /> : null}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? "stack" : undefined} isAnimationActive={false} />
        ))}
      </RechartsBarChart>
    </ChartBox>
  );
}

export type TableColumn<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Hidden on phones (the narrow table keeps the essential columns). */
  wide?: boolean;
  key?: string;
};

/**
 * The table beside a chart: the first column names the row (a row header), the others are
 * right-aligned figures.
 */
export function ChartTable<Row>({
  testId,
  caption,
  rows,
  rowKey,
  rowHeader,
  columns,
  rowProps,
  className = "mt-2 overflow-x-auto",
}: {
  testId: string;
  caption: string;
  rows: Row[];
  rowKey: (row: Row) => string | number;
  rowHeader: { header: string; cell: (row: Row) => ReactNode; nowrap?: boolean };
  columns: TableColumn<Row>[];
  /** data-* attributes of a row (tests and scripts find rows by them). */
  rowProps?: (row: Row) => Record<`data-${string}`, string | number>;
  className?: string;
}) {
  return (
    <div className={className}>
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader.header}</th>
            {columns.map((c) => (
              <th key={c.key ?? c.header} scope="col" className={c.wide ? "hidden text-right sm:table-cell" : "text-right"}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              <th scope="row" className={rowHeader.nowrap ? "font-normal whitespace-nowrap" : "font-normal"}>
                {rowHeader.cell(row)}
              </th>
              {columns.map((c) => (
                <td key={c.key ?? c.header} className={c.wide ? "hidden text-right tabular-nums sm:table-cell" : "text-right tabular-nums"}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A share (0–1) as a percentage with one decimal; "—" when there is nothing to divide. */
export const percent = (value: number | null, locale: Locale) => (value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value));

/** A share (0–1) as the 0–100 figure a percent bar draws, one decimal; none counts as 0. */
export const percentBar = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 1000) / 10);
