import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { SafeMarkdown } from "~/components/safe-markdown";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { markSchema, POINTS_ERRORS } from "~/modules/exams/grading";
import { markingTask, submitMark } from "~/modules/exams/grading.server";

/*
 * One marking task: the candidate's answer on one side, the question, model answer and
 * marking scheme on the other (stacked on a phone), and the mark form. Submitting goes
 * on to the next task in the queue.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return markingTask(actor, params.attemptId!, params.questionId!);
}

const POINT_FIELD_ERRORS: readonly string[] = Object.values(POINTS_ERRORS);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const task = markingTask(actor, params.attemptId!, params.questionId!);
  const submission = parseWithZod(await request.formData(), { schema: markSchema(task.maxPoints) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { points, comment, round } = submission.value;
  const result = await submitMark(actor, { attemptId: task.attemptId, questionId: task.questionId, points, comment, round });
  if (!result.ok) {
    if (POINT_FIELD_ERRORS.includes(result.error)) return replyWithErrors(submission, { points: result.error });
    return data(submission.reply({ formErrors: [result.error] }), { status: 409 });
  }
  if (result.next) return redirectWithFlash(`/marking/${result.next.attemptId}/${result.next.questionId}`, { key: "marking.saved" });
  return redirectWithFlash(`/marking?examId=${task.exam.id}`, { key: "marking.savedLast" });
}

export default function MarkingTaskPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const task = useLoaderData<typeof loader>();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("marking.task.title", { code: task.code })}
        intro={t("marking.task.subtitle", { exam: task.exam.title, position: task.position, max: n(task.maxPoints) })}
        actions={
          <Link to={`/marking?examId=${task.exam.id}`} className="btn-secondary">
            {t("marking.back")}
          </Link>
        }
      />
      {task.status === "FINAL" ? <Notice kind="info">{t("marking.task.final", { points: n(task.finalPoints ?? 0) })}</Notice> : null}
      {task.status !== "FINAL" && task.blocked === "ALREADY_MARKED" ? <Notice kind="info">{t("marking.task.markedByYou")}</Notice> : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          <section className="card" aria-labelledby="response-title">
            <h2 id="response-title" className="mb-2 font-semibold">
              {t("marking.task.response")}
            </h2>
            {task.response === null ? (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="no-answer">
                {t("marking.task.noAnswer")}
              </p>
            ) : (
              // The candidate's text is shown as typed: plain text, never Markdown or HTML.
              <div className="max-h-[70vh] overflow-y-auto rounded-md bg-slate-50 p-3 text-sm leading-relaxed break-words whitespace-pre-wrap" data-testid="response">
                {task.response}
              </div>
            )}
          </section>
          {task.round !== null ? <MarkForm task={task} /> : null}
        </div>

        <section className="card space-y-4" aria-labelledby="reference-title">
          <h2 id="reference-title" className="font-semibold">
            {t("marking.task.reference")}
          </h2>
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-600">{t("marking.task.stem")}</h3>
            <SafeMarkdown className="text-sm">{task.stem}</SafeMarkdown>
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-600">{t("marking.task.modelAnswer")}</h3>
            <SafeMarkdown className="text-sm">{task.modelAnswer}</SafeMarkdown>
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-600">{t("marking.task.rubric")}</h3>
            <table className="table" data-testid="rubric">
              <thead>
                <tr>
                  <th>{t("marking.task.criterion")}</th>
                  <th className="text-right">{t("marking.task.criterionPoints")}</th>
                </tr>
              </thead>
              <tbody>
                {task.rubric.map((r, i) => (
                  <tr key={i}>
                    <td>{r.criterion}</td>
                    <td className="text-right tabular-nums">{n(r.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {task.rubricTotal !== task.maxPoints ? <p className="mt-2 text-xs text-slate-600">{t("marking.task.rubricScaled", { total: n(task.rubricTotal), max: n(task.maxPoints) })}</p> : null}
          </div>
        </section>
      </div>
    </div>
  );
}

function MarkForm({ task }: { task: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const n = (value: number) => formatNumber(value, locale);
  const lastResult = useActionData<typeof action>();
  const schema = markSchema(task.maxPoints);
  const [form, fields] = useForm({
    id: `mark-${task.attemptId}-${task.questionId}`,
    lastResult,
    defaultValue: { round: String(task.round) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const pointsProps = getInputProps(fields.points, { type: "number", ariaDescribedBy: `${fields.points.id}-hint` });
  const commentProps = getTextareaProps(fields.comment);
  return (
    <section className="card" aria-labelledby="mark-title">
      <h2 id="mark-title" className="mb-1 font-semibold">
        {t("marking.task.round", { round: t(`marking.rounds.${task.round}`) })}
      </h2>
      {task.exam.doubleMarking && task.round !== 3 ? (
        <p className="mb-3 text-xs text-slate-600">
          {t("marking.task.blind")} {t("marking.task.thresholdNote", { threshold: n(task.exam.threshold) })}
        </p>
      ) : null}
      {task.earlierMarks.length ? (
        <div className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="earlier-marks">
          <p className="mb-1 font-medium">{t("marking.task.earlierMarks", { threshold: n(task.exam.threshold) })}</p>
          <ul className="space-y-1">
            {task.earlierMarks.map((m) => (
              <li key={m.round}>
                <span className="font-medium tabular-nums">{t("marking.task.earlierMark", { round: t(`marking.rounds.${m.round}`), points: n(m.points) })}</span>
                <span className="block text-xs whitespace-pre-line text-amber-900">{m.comment || t("marking.task.noComment")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors errors={form.errors} />
        <input type="hidden" name={fields.round.name} value={String(task.round)} />
        <div>
          <label htmlFor={fields.points.id} className="label">
            {t("marking.task.points")}
          </label>
          <input {...pointsProps} key={pointsProps.key} min={0} max={task.maxPoints} step={0.5} inputMode="decimal" autoComplete="off" className="input w-full sm:w-40" />
          <p id={`${fields.points.id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("marking.task.pointsHint", { max: n(task.maxPoints) })}
          </p>
          <FieldError id={fields.points.errorId} errors={fields.points.errors} />
        </div>
        <div>
          <label htmlFor={fields.comment.id} className="label">
            {t("marking.task.comment")}
          </label>
          <textarea {...commentProps} key={commentProps.key} rows={3} maxLength={2000} className="input" />
          <FieldError id={fields.comment.errorId} errors={fields.comment.errors} />
        </div>
        <button type="submit" className="btn w-full sm:w-auto">
          {t("marking.task.submit")}
        </button>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
