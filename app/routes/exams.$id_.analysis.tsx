import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { FacilityDiscrimination } from "~/modules/exams/components/results-charts";
import { positionLabel } from "~/modules/exams/results";
import { itemAnalysis } from "~/modules/exams/results.server";

// The flags in the order the legend explains them (analysis.ts ItemFlag).
const FLAGS = ["NEGATIVE_DISCRIMINATION", "LOW_DISCRIMINATION", "UNUSED_DISTRACTOR", "TOO_EASY", "TOO_HARD", "FEW_RESPONSES"] as const;
const SERIOUS = new Set(["NEGATIVE_DISCRIMINATION", "LOW_DISCRIMINATION", "TOO_HARD"]);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return itemAnalysis(actor, params.id!);
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums sm:text-2xl" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export default function ItemAnalysisPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exam, attemptsAnalysed, awaitingMarking, summary, items } = useLoaderData<typeof loader>();
  const decimal = (v: number | null, digits = 2) => (v === null ? t("results.analysis.notAvailable") : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v));
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v);
  const reliability =
    summary.reliabilityKR20 !== undefined
      ? t("results.analysis.kr20", { value: decimal(summary.reliabilityKR20) })
      : summary.reliabilityAlpha !== undefined
        ? t("results.analysis.alpha", { value: decimal(summary.reliabilityAlpha) })
        : null;
  const usedFlags = FLAGS.filter((f) => items.some((i) => (i.flags as string[]).includes(f)));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("results.analysis.heading", { title: exam.title })}
        intro={t("results.analysis.intro")}
        actions={
          <>
            <Link to={`/exams/${exam.id}/results`} className="btn-secondary">
              {t("results.resultsLink")}
            </Link>
            <Link to={`/exams/${exam.id}`} className="btn-secondary">
              {t("results.backToExam")}
            </Link>
          </>
        }
      />

      <section className="card" aria-labelledby="analysis-summary">
        <h2 id="analysis-summary" className="mb-3 font-semibold">
          {t("results.summary.title")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="analysis-summary">
          <Stat label={t("results.analysis.attempts")} value={formatNumber(attemptsAnalysed, locale)} testId="stat-attempts" />
          <Stat label={t("results.summary.mean")} value={attemptsAnalysed ? decimal(summary.mean) : "—"} />
          <Stat label={t("results.summary.median")} value={attemptsAnalysed ? decimal(summary.median) : "—"} />
          <Stat label={t("results.summary.sd")} value={attemptsAnalysed ? decimal(summary.sd) : "—"} />
          <Stat label={t("results.summary.passRate")} value={attemptsAnalysed ? percent(summary.passRate) : "—"} />
          <div className="col-span-2 rounded-md bg-slate-50 p-3 sm:col-span-1">
            <dt className="text-sm text-slate-600">{t("results.analysis.reliability")}</dt>
            <dd className={reliability ? "text-xl font-semibold tabular-nums sm:text-2xl" : "text-xs text-slate-600"} data-testid="stat-reliability">
              {reliability ?? t("results.analysis.noReliability")}
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-slate-500">{t("results.analysis.reliabilityHint")}</p>
        {awaitingMarking > 0 ? <p className="mt-2 text-sm text-amber-800">{t("results.analysis.awaiting", { count: awaitingMarking })}</p> : null}
      </section>

      {items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("results.analysis.empty")}</p>
      ) : (
        <>
          <section className="card">
            <FacilityDiscrimination
              items={items.map((i) => ({
                label: `${positionLabel(i.positionFrom, i.positionTo)} ${i.stem}`,
                facility: i.facility,
                discrimination: i.discrimination,
                flagged: i.flags.some((f) => SERIOUS.has(f)),
              }))}
            />
          </section>

          <section className="card p-0 sm:p-0" aria-labelledby="items-title">
            <div className="px-4 pt-4 sm:px-6 sm:pt-6">
              <h2 id="items-title" className="font-semibold">
                {t("results.analysis.questions")}
              </h2>
              <p className="mt-1 text-xs text-slate-500">{t("results.analysis.groupsNote")}</p>
            </div>
            <div className="mt-3 overflow-x-auto">
              <table className="table" data-testid="items-table">
                <thead>
                  <tr>
                    <th scope="col">{t("results.analysis.columns.position")}</th>
                    <th scope="col" className="min-w-48">
                      {t("results.analysis.columns.stem")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("results.analysis.columns.responses")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("results.analysis.columns.facility")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("results.analysis.columns.discrimination")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("results.analysis.columns.pointBiserial")}
                    </th>
                    <th scope="col">{t("results.analysis.columns.options")}</th>
                    <th scope="col">{t("results.analysis.columns.flags")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.questionId} data-question={item.questionId}>
                      <td className="whitespace-nowrap tabular-nums">{positionLabel(item.positionFrom, item.positionTo)}</td>
                      <td>
                        <span className="block">{item.stem}</span>
                        <span className="block text-xs text-slate-500">{t(`questions.types.${item.type}`)}</span>
                      </td>
                      <td className="text-right tabular-nums">{formatNumber(item.responses, locale)}</td>
                      <td className="text-right tabular-nums" data-testid="facility">
                        {decimal(item.facility)}
                      </td>
                      <td className={`text-right tabular-nums ${item.discrimination !== null && item.discrimination < 0 ? "font-semibold text-red-700" : ""}`}>{decimal(item.discrimination)}</td>
                      <td className="text-right tabular-nums">{decimal(item.pointBiserial)}</td>
                      <td className="whitespace-nowrap text-xs">
                        {item.options.length === 0 ? (
                          t("results.analysis.noOptions")
                        ) : (
                          <ul>
                            {item.options.map((o) => (
                              <li key={o.key} className={item.correctKeys.includes(o.key) ? "font-semibold text-green-800" : undefined}>
                                {t("results.analysis.option", { key: o.key, count: o.count, upper: o.upperCount, lower: o.lowerCount })}
                                {item.correctKeys.includes(o.key) ? " ✓" : ""}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {item.flags.length === 0 ? (
                          t("results.analysis.noFlags")
                        ) : (
                          <ul className="flex flex-wrap gap-1">
                            {item.flags.map((f) => (
                              <li key={f}>
                                <span
                                  className={`inline-block rounded px-1.5 py-0.5 text-xs whitespace-nowrap ring-1 ${SERIOUS.has(f) ? "bg-red-50 text-red-800 ring-red-300" : "bg-slate-50 text-slate-700 ring-slate-300"}`}
                                  title={t(`results.flagHelp.${f}`)}
                                >
                                  {t(`results.flags.${f}`)}
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {usedFlags.length ? (
            <section className="card text-sm" aria-labelledby="flags-legend">
              <h2 id="flags-legend" className="mb-2 font-semibold">
                {t("results.analysis.flagsLegend")}
              </h2>
              <dl className="space-y-2">
                {usedFlags.map((f) => (
                  <div key={f}>
                    <dt className="font-medium">{t(`results.flags.${f}`)}</dt>
                    <dd className="text-slate-700">{t(`results.flagHelp.${f}`)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
