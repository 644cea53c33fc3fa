import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { PassRateByUnit, ScoreDistribution } from "~/modules/exams/components/results-charts";
import { formatDuration, parseResultsFilter, PASSED_FILTERS } from "~/modules/exams/results";
import { examResults, publishResults } from "~/modules/exams/results.server";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const filter = parseResultsFilter(new URL(request.url).searchParams);
  const results = await examResults(actor, params.id!, filter);
  const units = await unitOptions(actor, "exam.results");
  return { ...results, units };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "publish") badRequest();
  const result = await publishResults(actor, params.id!);
  if (!result.ok) return data({ error: result.error, count: result.count ?? 0 }, { status: 409 });
  return redirectWithFlash(`/exams/${params.id}/results`, { key: "results.published" });
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

export default function ExamResultsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exam, rows, total, page, pageCount, counts, examAwaitingMarking, summary, byUnit, distribution, timeUsed, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const percent = (v: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v);
  const decimal = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  const exportQuery = exportParams.toString();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("results.heading", { title: exam.title })}
        intro={t("results.intro", { policy: t(`results.policies.${exam.countingPolicy}`) })}
        actions={
          <>
            <Link to={`/exams/${exam.id}/analysis`} className="btn-secondary">
              {t("results.analysisLink")}
            </Link>
            <a href={`/exams/${exam.id}/results.xlsx${exportQuery ? `?${exportQuery}` : ""}`} className="btn-secondary" download>
              {t("results.exportLink")}
            </a>
            <Link to={`/exams/${exam.id}`} className="btn-secondary">
              {t("results.backToExam")}
            </Link>
          </>
        }
      />

      {actionData?.error ? <Notice kind="error">{t(actionData.error, { count: actionData.count })}</Notice> : null}

      <section className="card space-y-2 text-sm" aria-labelledby="publish-title" data-testid="publish">
        <h2 id="publish-title" className="font-semibold">
          {t("results.publish.title")}
        </h2>
        {exam.resultsPublishedAt ? (
          <p className="text-green-800">{t("results.publish.done", { time: formatDateTime(exam.resultsPublishedAt, locale) })}</p>
        ) : (
          <>
            <p className="text-slate-700">{t("results.publish.notYet")}</p>
            {examAwaitingMarking > 0 ? <p className="text-amber-800">{t("results.publish.waiting", { count: examAwaitingMarking })}</p> : null}
            {exam.canManage ? (
              <Form
                method="post"
                onSubmit={(e) => {
                  if (!window.confirm(t("results.publish.confirm"))) e.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="publish" />
                <button type="submit" className="btn" disabled={navigation.state !== "idle"}>
                  {t("results.publish.button")}
                </button>
              </Form>
            ) : (
              <p className="text-slate-500">{t("results.publish.noPermission")}</p>
            )}
          </>
        )}
      </section>

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t("results.filter.label")}>
        <FilterSelect id="filter-unit" name="unitId" label={t("results.filter.unit")} defaultValue={params.get("unitId") ?? ""} options={unitSelectOptions(units)} />
        <FilterSelect
          id="filter-passed"
          name="passed"
          label={t("results.filter.passed")}
          defaultValue={params.get("passed") ?? ""}
          options={PASSED_FILTERS.map((p) => ({ value: p, label: t(`results.passedFilters.${p}`) }))}
        />
        <div>
          <label htmlFor="filter-q" className="label">
            {t("results.filter.q")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} className="input" autoComplete="off" />
        </div>
        <FilterActions resetTo={`/exams/${exam.id}/results`} className="flex items-end gap-2" />
      </Form>

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title" className="mb-3 font-semibold">
          {t("results.summary.title")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="results-summary">
          <Stat label={t("results.summary.candidates")} value={formatNumber(counts.candidates, locale)} testId="stat-candidates" />
          <Stat label={t("results.summary.counted")} value={formatNumber(counts.counted, locale)} />
          <Stat label={t("results.summary.passed")} value={formatNumber(summary.passed, locale)} testId="stat-passed" />
          <Stat label={t("results.summary.passRate")} value={counts.counted ? percent(summary.passRate) : "—"} testId="stat-pass-rate" />
          <Stat label={t("results.summary.mean")} value={counts.counted ? decimal(summary.mean) : "—"} />
          <Stat label={t("results.summary.median")} value={counts.counted ? decimal(summary.median) : "—"} />
          <Stat label={t("results.summary.sd")} value={counts.counted ? decimal(summary.sd) : "—"} />
          <Stat label={t("results.summary.awaitingMarking")} value={formatNumber(counts.awaitingMarking, locale)} />
          <Stat label={t("results.summary.inProgress")} value={formatNumber(counts.inProgress, locale)} />
          <div className="col-span-2 rounded-md bg-slate-50 p-3 sm:col-span-3 lg:col-span-1">
            <dt className="text-sm text-slate-600">{t("results.summary.timeUsed")}</dt>
            <dd className="text-base font-semibold tabular-nums">{timeUsed ? `${formatDuration(timeUsed.median)} / ${formatDuration(timeUsed.p90)} / ${formatDuration(timeUsed.max)}` : "—"}</dd>
          </div>
        </dl>
        {counts.counted === 0 ? <p className="mt-3 text-sm text-slate-600">{t("results.summary.none")}</p> : null}
      </section>

      {counts.counted > 0 ? (
        <section className="card grid grid-cols-1 gap-6 lg:grid-cols-2" aria-label={t("results.charts.distribution")}>
          <ScoreDistribution bands={distribution} />
          <PassRateByUnit units={byUnit} />
        </section>
      ) : null}

      <p className="text-sm text-slate-600" data-testid="results-total">
        {t("results.total", { count: total })}
      </p>
      <p className="text-xs text-slate-500">{t("results.exportHint")}</p>
      {rows.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("results.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="results-table">
            <thead>
              <tr>
                <th scope="col">{t("results.columns.name")}</th>
                <th scope="col" className="hidden md:table-cell">
                  {t("results.columns.unit")}
                </th>
                <th scope="col" className="text-right">
                  {t("results.columns.score")}
                </th>
                <th scope="col">{t("results.columns.passed")}</th>
                <th scope="col" className="hidden sm:table-cell">
                  {t("results.columns.attemptsUsed")}
                </th>
                <th scope="col" className="hidden lg:table-cell">
                  {t("results.columns.timeUsed")}
                </th>
                <th scope="col" className="hidden lg:table-cell">
                  {t("results.columns.submittedAt")}
                </th>
                <th scope="col">
                  <span className="sr-only">{t("results.columns.slip")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.personId}>
                  <td>
                    <span className="font-medium">{r.name}</span>
                    <span className="block font-mono text-xs text-slate-500">{r.staffNo}</span>
                    <span className="block text-xs text-slate-600 md:hidden">{r.unitName}</span>
                  </td>
                  <td className="hidden md:table-cell">{r.unitName}</td>
                  <td className="text-right whitespace-nowrap tabular-nums">
                    {r.score !== null ? `${decimal(r.score)} / ${decimal(r.maxScore)}` : "—"}
                    <span className="block text-xs text-slate-500">{t("results.attemptN", { number: r.attemptNumber })}</span>
                  </td>
                  <td className="whitespace-nowrap">
                    {r.state !== "COUNTED" ? (
                      <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900 ring-1 ring-amber-300">{t(`results.states.${r.state}`)}</span>
                    ) : r.passed ? (
                      <span className="rounded bg-green-50 px-1.5 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-300">{t("results.passedYes")}</span>
                    ) : (
                      <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-300">{t("results.passedNo")}</span>
                    )}
                  </td>
                  <td className="hidden tabular-nums sm:table-cell">{r.attemptsUsed}</td>
                  <td className="hidden whitespace-nowrap tabular-nums lg:table-cell">
                    {formatDuration(r.secondsUsed)}
                    {r.submitKind ? <span className="block text-xs text-slate-500">{t(`results.submitKinds.${r.submitKind}`, { defaultValue: r.submitKind })}</span> : null}
                  </td>
                  <td className="hidden whitespace-nowrap lg:table-cell">{formatDateTime(r.submittedAt, locale)}</td>
                  <td className="whitespace-nowrap">
                    {r.state === "COUNTED" ? (
                      <a href={`/take/attempts/${r.attemptId}/slip`} aria-label={t("results.slipLinkLabel", { name: r.name })}>
                        {t("results.slipLink")}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="flex flex-wrap items-center gap-2" aria-label={t("results.pagination")}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
              {t("results.previous")}
            </Link>
          ) : null}
          <span className="text-sm text-slate-600">{t("results.pageOf", { page, count: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
              {t("results.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
