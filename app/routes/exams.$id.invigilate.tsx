import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { FieldError, FormErrors } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyInvalid } from "~/lib/forms.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { examFormErrorMap } from "~/modules/exams/components/exam-form";
import { StatusBadge } from "~/modules/exams/components/status-badge";
import { ATTEMPT_STATUSES, extendTimeSchema, formatClock, MAX_EXTENSION_MINUTES, WATCHED_EVENTS } from "~/modules/exams/invigilation";
import { extendTime, invigilation } from "~/modules/exams/invigilation.server";

/*
 * The invigilator's page (exam.invigilate over the exam's unit): every attempt with its
 * progress, integrity events and time left by the server's clock; refreshes every 15 s;
 * extra time for one candidate, with a reason.
 */
const REFRESH_MS = 15_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const url = new URL(request.url);
  const filter = {
    status: url.searchParams.get("status") ?? undefined,
    unit: (url.searchParams.get("unit") ?? "").slice(0, 60),
    q: (url.searchParams.get("q") ?? "").slice(0, 60),
  };
  return invigilation(actor, params.id!, filter);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const submission = parseWithZod(await request.formData(), { schema: extendTimeSchema, error: examFormErrorMap });
  if (submission.status !== "success") return replyInvalid(submission);
  const { attemptId, minutes, reason } = submission.value;
  const result = await extendTime(actor, attemptId, minutes, reason);
  if (!result.ok) return data(submission.reply({ formErrors: [result.error] }), { status: 409 });
  // Back to the list as filtered, without the preselected candidate (the form starts afresh).
  const search = new URL(request.url).searchParams;
  search.delete("extend");
  search.delete("index");
  const query = search.toString();
  return redirectWithFlash(`/exams/${params.id}/invigilate${query ? `?${query}` : ""}`, { key: "exams.invigilate.extended", params: { minutes } });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Attempt = LoaderData["attempts"][number];

/** Seconds left for each attempt, ticking in the browser against the server's clock. */
function useClock(serverNow: Date | string) {
  const [offset, setOffset] = useState<number | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    setOffset(new Date(serverNow).getTime() - Date.now());
  }, [serverNow]);
  useEffect(() => {
    const id = window.setInterval(() => setTick((n) => n + 1), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (a: Attempt) => {
    if (a.secondsLeft === null) return null;
    // Before hydration: the server's figure, so the first render matches.
    if (offset === null) return a.secondsLeft;
    return Math.max(0, Math.floor((new Date(a.deadlineAt).getTime() - (Date.now() + offset)) / 1000));
  };
}

function useAutoRefresh() {
  const revalidator = useRevalidator();
  const [lastRefresh, setLastRefresh] = useState<number | null>(null);
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") {
        revalidator.revalidate();
        setLastRefresh(Date.now());
      }
    }, REFRESH_MS);
    return () => window.clearInterval(id);
  }, [revalidator]);
  return { refreshing: revalidator.state !== "idle", refresh: () => revalidator.revalidate(), lastRefresh };
}

function ExtendForm({ attempts }: { attempts: Attempt[] }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const preselected = params.get("extend") ?? "";
  const [form, fields] = useForm({
    id: `extend-${preselected}`,
    lastResult,
    defaultValue: { attemptId: preselected, minutes: "10", reason: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: extendTimeSchema, error: examFormErrorMap }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const inProgress = attempts.filter((a) => a.status === "IN_PROGRESS");
  const select = getSelectProps(fields.attemptId);
  const minutes = getInputProps(fields.minutes, { type: "number", ariaDescribedBy: `${fields.minutes.id}-hint` });
  const reason = getTextareaProps(fields.reason);
  return (
    <section id="extend" className="card" aria-labelledby="extend-title">
      <h2 id="extend-title" className="font-semibold">
        {t("exams.invigilate.extendTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("exams.invigilate.extendIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="extend-form">
        <div className="sm:col-span-2 lg:col-span-4">
          <FormErrors errors={form.errors} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={fields.attemptId.id} className="label">
            {t("exams.invigilate.candidate")}
          </label>
          <select {...select} key={select.key} className="input">
            <option value="">{inProgress.length ? "" : t("exams.invigilate.noneInProgress")}</option>
            {inProgress.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}（{a.staffNo}）{a.unitName}
              </option>
            ))}
          </select>
          <FieldError id={fields.attemptId.errorId} errors={fields.attemptId.errors} />
        </div>
        <div>
          <label htmlFor={fields.minutes.id} className="label">
            {t("exams.invigilate.minutes")}
          </label>
          <input {...minutes} key={minutes.key} min={1} max={MAX_EXTENSION_MINUTES} step={1} inputMode="numeric" className="input" />
          <p id={`${fields.minutes.id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("exams.invigilate.minutesHint", { max: MAX_EXTENSION_MINUTES })}
          </p>
          <FieldError id={fields.minutes.errorId} errors={fields.minutes.errors} />
        </div>
        <div className="sm:col-span-2 lg:col-span-4">
          <label htmlFor={fields.reason.id} className="label">
            {t("exams.invigilate.reason")}
          </label>
          <textarea {...reason} key={reason.key} rows={2} maxLength={200} className="input" />
          <FieldError id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div className="sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn w-full sm:w-auto" disabled={!inProgress.length}>
            {t("exams.invigilate.extendSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function EventCounts({ attempt }: { attempt: Attempt }) {
  const { t } = useTranslation();
  const shown = WATCHED_EVENTS.filter((k) => attempt.events[k] > 0);
  if (!shown.length) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {shown.map((k) => (
        <li key={k} className={k === "TAKEOVER" || k === "PASTE" ? "font-medium text-red-800" : undefined}>
          {t(`exams.events.${k}`)} {attempt.events[k]}
        </li>
      ))}
    </ul>
  );
}

export default function Invigilate() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exam, attempts, totals, truncated, serverNow } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const left = useClock(serverNow);
  const { refreshing, refresh } = useAutoRefresh();
  const extendLink = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("extend", id);
    return `?${next}#extend`;
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t("exams.invigilate.title")} · ${exam.title}`}
        intro={`${exam.code} · ${exam.unitName} · ${formatDateTime(exam.opensAt, locale)} – ${formatDateTime(exam.closesAt, locale)}`}
        actions={
          <Link to={`/exams/${exam.id}`} className="btn-secondary">
            {t("common.back")}
          </Link>
        }
      />

      <section className="card grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" aria-label={t("exams.invigilate.summary")}>
        <div>
          <p className="text-slate-500">{t("exams.fields.accessCode")}</p>
          <p className="font-mono text-xl font-semibold tracking-wider" data-testid="access-code">
            {exam.accessCode ?? <span className="font-sans text-base font-normal text-slate-600">{t("exams.detail.noAccessCode")}</span>}
          </p>
        </div>
        <div>
          <p className="text-slate-500">{t("exams.invigilate.inProgress")}</p>
          <p className="text-xl font-semibold tabular-nums">{formatNumber(totals.inProgress, locale)}</p>
        </div>
        <div>
          <p className="text-slate-500">{t("exams.invigilate.submitted")}</p>
          <p className="text-xl font-semibold tabular-nums">{formatNumber(totals.submitted, locale)}</p>
        </div>
        <div>
          <p className="text-slate-500">{t("exams.invigilate.serverTime")}</p>
          <p className="tabular-nums">{formatDateTime(serverNow, locale)}</p>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <span aria-live="polite">{refreshing ? t("exams.invigilate.refreshing") : t("exams.invigilate.autoRefresh")}</span>
            <button type="button" onClick={refresh} className="text-brand-700 underline">
              {t("exams.invigilate.refreshNow")}
            </button>
          </p>
        </div>
        {exam.tabSwitchLimit !== null ? <p className="col-span-2 text-xs text-slate-500 sm:col-span-4">{t("exams.invigilate.tabLimit", { limit: exam.tabSwitchLimit })}</p> : null}
      </section>

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t("exams.filterLabel")}>
        <FilterSelect
          id="filter-status"
          name="status"
          label={t("exams.invigilate.status")}
          defaultValue={params.get("status") ?? ""}
          options={ATTEMPT_STATUSES.map((s) => ({ value: s, label: t(`exams.attemptStatuses.${s}`) }))}
        />
        <div>
          <label htmlFor="filter-unit" className="label">
            {t("exams.invigilate.unitSearch")}
          </label>
          <input id="filter-unit" name="unit" type="search" defaultValue={params.get("unit") ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="filter-q" className="label">
            {t("exams.invigilate.candidateSearch")}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} className="input" />
        </div>
        <FilterActions resetTo={`/exams/${exam.id}/invigilate`} className="flex items-end gap-2" />
      </Form>

      {truncated ? <p className="text-sm text-amber-800">{t("exams.invigilate.truncated", { count: attempts.length })}</p> : null}

      {attempts.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("exams.invigilate.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="invigilation">
            <thead>
              <tr>
                <th>{t("exams.invigilate.candidate")}</th>
                <th className="hidden md:table-cell">{t("exams.invigilate.unit")}</th>
                <th>{t("exams.invigilate.status")}</th>
                <th className="hidden lg:table-cell">{t("exams.invigilate.started")}</th>
                <th className="text-right">{t("exams.invigilate.answered")}</th>
                <th className="hidden text-right sm:table-cell">{t("exams.invigilate.tabSwitches")}</th>
                <th className="hidden sm:table-cell">{t("exams.invigilate.events")}</th>
                <th className="text-right">{t("exams.invigilate.timeLeft")}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => {
                const seconds = left(a);
                const warn = seconds !== null && seconds < 300;
                return (
                  <tr key={a.id} data-attempt={a.id}>
                    <td className="min-w-32">
                      <span className="font-medium">{a.name}</span>
                      <span className="block font-mono text-xs text-slate-500">{a.staffNo}</span>
                      <span className="block text-xs text-slate-500 md:hidden">{a.unitName}</span>
                      {a.number > 1 ? <span className="block text-xs text-slate-500">{t("exams.invigilate.attemptNo", { n: a.number })}</span> : null}
                    </td>
                    <td className="hidden md:table-cell">{a.unitName}</td>
                    <td className="whitespace-nowrap">
                      {t(`exams.attemptStatuses.${a.status}`)}
                      {a.submitKind ? <span className="block text-xs text-slate-500">{t(`exams.submitKinds.${a.submitKind}`)}</span> : null}
                      {a.submittedAt ? <span className="block text-xs text-slate-500 tabular-nums">{formatDateTime(a.submittedAt, locale)}</span> : null}
                    </td>
                    <td className="hidden text-xs whitespace-nowrap tabular-nums lg:table-cell">{formatDateTime(a.startedAt, locale)}</td>
                    <td className="text-right whitespace-nowrap tabular-nums">
                      {formatNumber(a.answered, locale)} / {formatNumber(a.items, locale)}
                      <span className="block text-xs text-slate-500 sm:hidden">
                        {t("exams.invigilate.tabSwitches")} {a.tabSwitches}
                      </span>
                    </td>
                    <td className={`hidden text-right tabular-nums sm:table-cell ${exam.tabSwitchLimit !== null && a.tabSwitches >= exam.tabSwitchLimit ? "font-medium text-red-800" : ""}`}>{a.tabSwitches}</td>
                    <td className="hidden sm:table-cell">
                      <EventCounts attempt={a} />
                    </td>
                    <td className="text-right whitespace-nowrap tabular-nums">
                      {seconds === null ? (
                        <span className="text-slate-400">—</span>
                      ) : a.overdue || seconds === 0 ? (
                        <span className="text-xs text-red-800">{t("exams.invigilate.overdue")}</span>
                      ) : (
                        <>
                          <span className={warn ? "font-semibold text-red-800" : undefined}>{formatClock(seconds)}</span>
                          {a.extraMinutes > 0 ? <span className="block text-xs text-slate-500">{t("exams.invigilate.extraMinutes", { minutes: a.extraMinutes })}</span> : null}
                          <Link to={extendLink(a.id)} className="block text-xs" preventScrollReset={false}>
                            {t("exams.invigilate.extend")}
                          </Link>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {exam.status === "PUBLISHED" ? <ExtendForm attempts={attempts} /> : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
