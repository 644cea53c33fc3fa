import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { examDetail, paperPreview } from "~/modules/exams/admin.server";
import { StatusBadge } from "~/modules/exams/components/status-badge";
import { cancelExam, publishExam } from "~/modules/exams/exams.server";

/*
 * One exam for its staff: settings, the blueprint's cells against the bank, publish and
 * cancel, links to invigilation, results and analysis, and a sample paper for a seed
 * (stems only).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const detail = await examDetail(actor, params.id!);
  const seed = (new URL(request.url).searchParams.get("seed") ?? "").trim().slice(0, 40);
  const preview = seed && detail.exam.canManage && detail.exam.status !== "CANCELLED" ? await paperPreview(actor, params.id!, seed) : null;
  const { accessCode, ...exam } = detail.exam;
  return { ...detail, exam: { ...exam, accessCode: exam.canManage || exam.canInvigilate ? accessCode : null }, preview };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "publish") {
    const result = await publishExam(actor, params.id!);
    if (!result.ok) return data({ intent, error: result.error, short: result.short ?? 0 }, { status: 409 });
    return redirectWithFlash(`/exams/${params.id}`, { key: "exams.published" });
  }
  if (intent === "cancel") {
    const reason = String(form.get("reason") ?? "").slice(0, 500);
    const result = await cancelExam(actor, params.id!, reason);
    if (!result.ok) return data({ intent, error: result.error, short: 0 }, { status: result.error === "exams.errors.reasonRequired" ? 400 : 409 });
    return redirectWithFlash(`/exams/${params.id}`, { key: "exams.cancelled" });
  }
  badRequest();
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Item({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2 lg:col-span-3" : undefined}>
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Settings({ exam, eligibility }: Pick<LoaderData, "exam" | "eligibility">) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const list = (values: string[]) => (values.length ? values.join("、") : t("exams.detail.any"));
  const unrestricted = !eligibility.units.length && !eligibility.categories.length && !eligibility.people.length && !eligibility.courses.length;
  return (
    <section className="card text-sm" aria-labelledby="settings-title">
      <h2 id="settings-title" className="mb-3 font-semibold">
        {t("exams.detail.settings")}
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="exam-settings">
        <Item label={t("exams.fields.code")}>
          <span className="font-mono">{exam.code}</span>
        </Item>
        <Item label={t("exams.fields.examType")}>{t(`blueprints.examTypes.${exam.examType}`)}</Item>
        <Item label={t("exams.fields.unit")}>{exam.unit.name}</Item>
        <Item label={t("exams.fields.blueprint")}>
          <Link to={`/blueprints/${exam.blueprint.id}`}>
            {exam.blueprint.code} {exam.blueprint.name}
          </Link>
        </Item>
        <Item label={t("exams.fields.paperMode")}>
          {t(`exams.paperModes.${exam.paperMode}`)}
          <span className="block text-xs text-slate-500">
            {[exam.shuffleQuestions ? t("exams.fields.shuffleQuestions") : null, exam.shuffleOptions ? t("exams.fields.shuffleOptions") : null].filter(Boolean).join("、") || t("exams.detail.noShuffle")}
          </span>
        </Item>
        <Item label={t("exams.detail.marks")}>{t("exams.detail.marksValue", { total: formatNumber(exam.totalMarks, locale), pass: formatNumber(exam.passMark, locale) })}</Item>
        <Item label={t("exams.detail.window")}>
          <span className="tabular-nums">
            {formatDateTime(exam.opensAt, locale)} – {formatDateTime(exam.closesAt, locale)}
          </span>
        </Item>
        <Item label={t("exams.fields.durationMinutes")}>{t("exams.detail.minutes", { count: exam.durationMinutes })}</Item>
        <Item label={t("exams.fields.attemptsAllowed")}>
          {formatNumber(exam.attemptsAllowed, locale)}
          {exam.attemptsAllowed > 1 ? <span className="block text-xs text-slate-500">{t(`exams.countingPolicies.${exam.countingPolicy}`)}</span> : null}
        </Item>
        <Item label={t("exams.fields.showScore")}>{t(`exams.showScore.${exam.reviewPolicy.showScore}`)}</Item>
        <Item label={t("exams.fields.showAnswers")}>{t(`exams.showAnswers.${exam.reviewPolicy.showAnswers}`)}</Item>
        <Item label={t("exams.fields.tabSwitchLimit")}>{exam.tabSwitchLimit === null ? t("exams.detail.noLimit") : formatNumber(exam.tabSwitchLimit, locale)}</Item>
        <Item label={t("exams.fields.accessCode")}>
          {exam.accessCode ? <span className="font-mono text-base font-semibold tracking-wider">{exam.accessCode}</span> : exam.hasAccessCode ? t("exams.detail.accessCodeHidden") : t("exams.detail.noAccessCode")}
        </Item>
        <Item label={t("exams.fields.doubleMarking")}>
          {exam.doubleMarking ? t("exams.detail.doubleMarkingOn", { threshold: formatNumber(exam.markingThreshold, locale) }) : t("exams.detail.doubleMarkingOff")}
        </Item>
        <Item label={t("exams.form.eligibility")} wide>
          {unrestricted ? (
            t("exams.detail.everyone")
          ) : (
            <ul className="space-y-0.5">
              <li>
                {t("exams.fields.eligibleUnits")}：{list(eligibility.units)}
              </li>
              <li>
                {t("exams.fields.eligibleCategories")}：{list(eligibility.categories.map((c) => t(`people.category.${c}`)))}
              </li>
              {eligibility.people.length ? (
                <li>
                  {t("exams.fields.eligibleStaffNos")}：{list(eligibility.people)}
                </li>
              ) : null}
              <li>
                {t("exams.fields.prerequisiteCourses")}：{list(eligibility.courses)}
              </li>
            </ul>
          )}
        </Item>
      </dl>
    </section>
  );
}

function Cells({ exam, availability, topicNames }: Pick<LoaderData, "exam" | "availability" | "topicNames">) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const shortCells = availability.cells.filter((c) => c.short > 0).length;
  return (
    <section className="card p-0 sm:p-0" aria-labelledby="cells-title">
      <div className="px-4 pt-4 sm:px-6 sm:pt-6">
        <h2 id="cells-title" className="font-semibold">
          {t("exams.availability.title")}
        </h2>
        <p className="mt-1 text-xs text-slate-500">{t(availability.source === "FROZEN" ? "exams.availability.frozenNote" : "exams.availability.liveNote")}</p>
        <p className={`mt-2 text-sm font-medium ${availability.feasible ? "text-green-800" : "text-red-800"}`} data-testid="feasibility">
          {availability.feasible ? t("exams.availability.feasible") : t("exams.availability.infeasible", { cells: shortCells, count: availability.shortTotal })}
        </p>
      </div>
      <div className="mt-3 overflow-x-auto">
        <table className="table" data-testid="exam-cells">
          <thead>
            <tr>
              <th>{t("exams.availability.topic")}</th>
              <th>{t("exams.availability.type")}</th>
              <th className="hidden sm:table-cell">{t("exams.availability.difficulty")}</th>
              <th className="text-right">{t("exams.availability.needed")}</th>
              <th className="hidden text-right sm:table-cell">{t("exams.availability.points")}</th>
              <th className="text-right">{t("exams.availability.available")}</th>
            </tr>
          </thead>
          <tbody>
            {exam.cells.map((c, i) => {
              const a = availability.cells[i];
              const short = (a?.short ?? 0) > 0;
              return (
                <tr key={i} className={short ? "bg-red-50" : undefined} data-short={short ? "true" : undefined}>
                  <td className="min-w-40">
                    <span className="font-mono text-xs">{c.topicCode}</span> {topicNames[c.topicCode] ?? ""}
                  </td>
                  <td className="whitespace-nowrap">{t(`questions.types.${c.type}`)}</td>
                  <td className="hidden whitespace-nowrap tabular-nums sm:table-cell">{c.difficultyMin === c.difficultyMax ? c.difficultyMin : `${c.difficultyMin}–${c.difficultyMax}`}</td>
                  <td className="text-right tabular-nums">{c.count}</td>
                  <td className="hidden text-right tabular-nums sm:table-cell">{formatNumber(c.points, locale)}</td>
                  <td className="text-right whitespace-nowrap tabular-nums">
                    {a ? (
                      <>
                        {formatNumber(a.available, locale)}
                        {short ? (
                          <span className="ml-1 block rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-300 sm:inline">{t("exams.availability.short", { count: a.short })}</span>
                        ) : (
                          <span className="ml-1 block rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800 ring-1 ring-green-300 sm:inline">{t("exams.availability.enough")}</span>
                        )}
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Preview({ preview, canPreview }: { preview: LoaderData["preview"]; canPreview: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [params] = useSearchParams();
  if (!canPreview) return null;
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title" className="font-semibold">
        {t("exams.preview.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("exams.preview.intro")}</p>
      <Form method="get" className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end" preventScrollReset>
        <div className="sm:w-64">
          <label htmlFor="preview-seed" className="label">
            {t("exams.preview.seed")}
          </label>
          <input id="preview-seed" name="seed" defaultValue={params.get("seed") ?? "sample-1"} maxLength={40} autoComplete="off" className="input font-mono" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("exams.preview.draw")}
        </button>
      </Form>
      {preview ? (
        preview.ok ? (
          <div className="mt-4">
            <p className="text-sm text-slate-600" data-testid="preview-summary">
              {t("exams.preview.summary", { count: preview.items.length, marks: formatNumber(preview.totalMarks, locale), seed: preview.seed })}
            </p>
            <ol className="mt-2 divide-y divide-slate-100" data-testid="paper-preview">
              {preview.items.map((item) => (
                <li key={item.position} className="flex gap-3 py-2 text-sm">
                  <span className="w-8 shrink-0 text-right font-medium tabular-nums">{item.position}.</span>
                  <div className="min-w-0 flex-1">
                    <p className="text-xs text-slate-500">
                      {t(`questions.types.${item.type}`)} · {t("exams.preview.points", { points: formatNumber(item.points, locale) })} · <span className="font-mono">{item.topicCode}</span>
                    </p>
                    <p className="line-clamp-3 break-words whitespace-pre-line">{item.stem}</p>
                  </div>
                </li>
              ))}
            </ol>
          </div>
        ) : (
          <Notice kind="error">{t("exams.preview.short", { count: preview.short })}</Notice>
        )
      ) : null}
    </section>
  );
}

export default function ExamPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exam, availability, topicNames, eligibility, attempts, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const isDraft = exam.status === "DRAFT";
  const isPublished = exam.status === "PUBLISHED";
  return (
    <div className="space-y-4">
      <PageHeader
        title={exam.title}
        intro={`${exam.code} · ${exam.unit.name}`}
        actions={
          <>
            {isDraft && exam.canManage ? (
              <Link to={`/exams/${exam.id}/edit`} className="btn-secondary">
                {t("exams.actions.edit")}
              </Link>
            ) : null}
            {isPublished && exam.canInvigilate ? (
              <Link to={`/exams/${exam.id}/invigilate`} className="btn-secondary">
                {t("exams.actions.invigilate")}
              </Link>
            ) : null}
            {!isDraft ? (
              <>
                <Link to={`/exams/${exam.id}/results`} className="btn-secondary">
                  {t("exams.actions.results")}
                </Link>
                <Link to={`/exams/${exam.id}/analysis`} className="btn-secondary">
                  {t("exams.actions.analysis")}
                </Link>
                {exam.canManage ? (
                  <Link to={`/exams/${exam.id}/regrade`} className="btn-secondary">
                    {t("exams.actions.regrade")}
                  </Link>
                ) : null}
              </>
            ) : null}
            <Link to="/exams" className="btn-secondary">
              {t("common.back")}
            </Link>
          </>
        }
      />

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <StatusBadge status={exam.status} />
        <span className="text-slate-600" data-testid="attempt-counts">
          {t("exams.detail.attemptCounts", { inProgress: formatNumber(attempts.inProgress, locale), submitted: formatNumber(attempts.submitted, locale) })}
        </span>
        {exam.resultsPublishedAt ? <span className="text-slate-600">{t("exams.detail.resultsPublished", { at: formatDateTime(exam.resultsPublishedAt, locale) })}</span> : null}
      </div>

      {result?.error ? <Notice kind="error">{t(result.error, { short: result.short })}</Notice> : null}

      {exam.canManage && exam.status !== "CANCELLED" ? (
        <section className="card space-y-4" aria-labelledby="actions-title">
          <h2 id="actions-title" className="font-semibold">
            {t("exams.actions.title")}
          </h2>
          {isDraft ? (
            <Form method="post" className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="btn" disabled={busy}>
                {t("exams.actions.publish")}
              </button>
              <p className="text-xs text-slate-500">{t("exams.actions.publishHint")}</p>
            </Form>
          ) : null}
          <details className="rounded-md border border-slate-200 p-3" open={result?.intent === "cancel" ? true : undefined}>
            <summary className="cursor-pointer text-sm font-medium text-red-800">{t("exams.actions.cancel")}</summary>
            <Form method="post" className="mt-3 space-y-2">
              <input type="hidden" name="intent" value="cancel" />
              <p className="text-xs text-slate-500">{t("exams.actions.cancelHint")}</p>
              <div>
                <label htmlFor="cancel-reason" className="label">
                  {t("exams.actions.cancelReason")}
                </label>
                <textarea id="cancel-reason" name="reason" required maxLength={500} rows={2} className="input" />
              </div>
              <button type="submit" className="btn-danger w-full sm:w-auto" disabled={busy}>
                {t("exams.actions.confirmCancel")}
              </button>
            </Form>
          </details>
        </section>
      ) : null}

      <Settings exam={exam} eligibility={eligibility} />
      <Cells exam={exam} availability={availability} topicNames={topicNames} />
      <Preview preview={preview} canPreview={exam.canManage && exam.status !== "CANCELLED"} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
