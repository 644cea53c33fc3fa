import { useTranslation } from "react-i18next";
import { BarChart, ChartTable } from "~/components/bar-chart";
import type { Locale } from "~/lib/i18n";
import { ProgressRing } from "./progress-ring";

/*
 * The figures of one person's year: the professional/legal hours against the requirement
 * (ring), political theory on its own, carried-in hours, pace towards year end, the rule
 * versions that evaluated the year, and the hours by source (chart + table with the same
 * numbers). Shared by "my hours" and HR's view of a person.
 */

export type YearFigures = {
  year: number;
  professional: { required: number; credited: number; carriedIn: number; capped: number; pending: number; met: boolean; shortfall: number; carryOut: number };
  political: { required: number; credited: number; capped: number; pending: number; met: boolean; shortfall: number };
  projection: { projected: number | null; behindPace: boolean; basis: string };
  bySource: { source: string; professional: number; political: number; capped: number; pending: number }[];
  rules: { national: number | null; provincial: number | null };
};

export function formatHours(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export function YearOverview({ figures }: { figures: YearFigures }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const h = (v: number) => formatHours(v, locale);
  const pro = figures.professional;
  const total = pro.credited + pro.carriedIn;
  const percent = pro.required > 0 ? Math.floor((total / pro.required) * 100) : 100;
  const ringLabel = t("ledger.overview.ringLabel", { hours: h(total), required: h(pro.required), percent });
  const p = figures.projection;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <section className="card flex flex-col gap-4 sm:flex-row sm:items-center" aria-labelledby="pro-title">
          <ProgressRing value={total} max={pro.required} label={ringLabel} centre={`${Math.min(percent, 999)}%`} />
          <div className="min-w-0 space-y-1 text-sm">
            <h2 id="pro-title" className="text-base font-semibold">
              {t("ledger.overview.professional")}
            </h2>
            <p className="text-2xl font-semibold tabular-nums" data-testid="hours-professional" data-credited={pro.credited} data-required={pro.required}>
              {h(total)} <span className="text-base font-normal text-slate-600">/ {h(pro.required)}</span>
            </p>
            <p data-testid="hours-met" data-met={pro.met ? "yes" : "no"} className={pro.met ? "font-medium text-green-800" : "font-medium text-amber-800"}>
              {pro.met ? t("ledger.overview.met") : t("ledger.overview.shortfall", { hours: h(pro.shortfall) })}
            </p>
            <ul className="space-y-0.5 text-slate-600">
              <li>{t("ledger.overview.credited", { hours: h(pro.credited) })}</li>
              {pro.carriedIn > 0 ? <li data-testid="hours-carried-in">{t("ledger.overview.carriedIn", { hours: h(pro.carriedIn) })}</li> : null}
              {pro.capped > 0 ? <li>{t("ledger.overview.capped", { hours: h(pro.capped) })}</li> : null}
              {pro.pending > 0 ? <li data-testid="hours-pending">{t("ledger.overview.pending", { hours: h(pro.pending) })}</li> : null}
              {pro.carryOut > 0 ? <li>{t("ledger.overview.carryOut", { hours: h(pro.carryOut) })}</li> : null}
            </ul>
          </div>
        </section>
        <div className="grid grid-cols-1 gap-4">
          <section className="card space-y-1 text-sm" aria-labelledby="pol-title">
            <h2 id="pol-title" className="text-base font-semibold">
              {t("ledger.overview.political")}
            </h2>
            <p className="text-xl font-semibold tabular-nums" data-testid="hours-political" data-credited={figures.political.credited}>
              {h(figures.political.credited)}
              {figures.political.required > 0 ? <span className="text-base font-normal text-slate-600"> / {h(figures.political.required)}</span> : null}
            </p>
            <p className="text-slate-600">
              {figures.political.required > 0
                ? figures.political.met
                  ? t("ledger.overview.met")
                  : t("ledger.overview.shortfall", { hours: h(figures.political.shortfall) })
                : t("ledger.overview.politicalNoRequirement")}
            </p>
            {figures.political.pending > 0 ? <p className="text-slate-600">{t("ledger.overview.pending", { hours: h(figures.political.pending) })}</p> : null}
          </section>
          <section className="card space-y-1 text-sm" aria-labelledby="pace-title">
            <h2 id="pace-title" className="text-base font-semibold">
              {t("ledger.overview.pace")}
            </h2>
            <p data-testid="hours-projection" data-behind={p.behindPace ? "yes" : "no"} className={p.behindPace ? "font-medium text-amber-800" : undefined}>
              {p.basis === "PACE"
                ? t(p.behindPace ? "ledger.overview.projectionBehind" : "ledger.overview.projectionOk", { hours: h(p.projected ?? 0) })
                : t(`ledger.overview.projectionBasis.${p.basis}`, { hours: h(p.projected ?? 0) })}
            </p>
            <p className="text-slate-600" data-testid="hours-rule-versions">
              {t("ledger.overview.rulesApplied")}
              {figures.rules.national ? t("ledger.rules.national", { version: figures.rules.national }) : t("ledger.rules.default")}
              {figures.rules.provincial ? ` · ${t("ledger.rules.provincial", { version: figures.rules.provincial })}` : ""}
            </p>
          </section>
        </div>
      </div>
      <SourceBreakdown rows={figures.bySource} />
    </div>
  );
}

function SourceBreakdown({ rows }: { rows: YearFigures["bySource"] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const h = (v: number) => formatHours(v, locale);
  const data = rows.map((r) => ({ ...r, label: t(`ledger.sources.${r.source}`) }));
  return (
    <section className="card" aria-labelledby="by-source-title">
      <h2 id="by-source-title" className="mb-1 text-base font-semibold">
        {t("ledger.bySource.title")}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("ledger.bySource.empty")}</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <BarChart
            rows={data}
            layout="bars"
            xKey="label"
            height={Math.max(160, 40 * data.length + 60)}
            stacked
            legend="small"
            series={[
              { key: "professional", label: t("ledger.bySource.professional"), color: "#1f7a4d" },
              { key: "political", label: t("ledger.bySource.political"), color: "#2563eb" },
            ]}
            formatValue={h}
          />
          <ChartTable
            className="overflow-x-auto"
            testId="by-source-table"
            caption={t("ledger.bySource.title")}
            rows={data}
            rowKey={(r) => r.source}
            rowProps={(r) => ({ "data-source": r.source })}
            rowHeader={{
              header: t("ledger.bySource.source"),
              nowrap: true,
              cell: (r) => (
                <>
                  {r.label}
                  {r.capped > 0 ? <span className="block text-xs text-amber-800">{t("ledger.bySource.capped", { hours: h(r.capped) })}</span> : null}
                </>
              ),
            }}
            columns={[
              { header: t("ledger.bySource.professional"), cell: (r) => h(r.professional) },
              { header: t("ledger.bySource.political"), cell: (r) => h(r.political) },
              { header: t("ledger.bySource.pending"), cell: (r) => h(r.pending), wide: true },
            ]}
          />
        </div>
      )}
    </section>
  );
}
