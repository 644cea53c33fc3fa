import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { regradeSchema } from "~/modules/exams/grading";
import { regradeChoices, regradeQuestion } from "~/modules/exams/grading.server";

/*
 * Regrading one objective question of an exam after it was fixed (exam.manage). The
 * form previews how many submitted papers would change, then applies on confirmation.
 * (Named exams.$id_.regrade so it renders on its own, not inside the exam page.)
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return regradeChoices(actor, params.id!);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const submission = parseWithZod(await request.formData(), { schema: regradeSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), preview: null }, { status: 400 });
  const { questionId, versionId, intent } = submission.value;
  const result = await regradeQuestion(actor, params.id!, questionId, versionId || null, { dryRun: intent === "preview" });
  if (!result.ok) {
    const field = result.error === "marking.errors.versionNotOfQuestion" || result.error === "marking.errors.typeChanged" ? "versionId" : "questionId";
    return data({ reply: submission.reply({ fieldErrors: { [field]: [result.error] } }), preview: null }, { status: 400 });
  }
  if (result.applied) return redirectWithFlash(`/exams/${params.id}/regrade`, { key: "marking.regrade.done", params: { changed: result.changed } });
  return { reply: submission.reply(), preview: { ...result, questionId, versionId: versionId ?? "" } };
}

export default function RegradePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exam, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "regrade",
    lastResult: actionData?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: regradeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const n = (value: number) => formatNumber(value, locale);
  const chosen = questions.find((q) => q.questionId === fields.questionId.value);
  const preview = actionData?.preview ?? null;
  // The confirmation only stands for the question and version it was previewed with.
  const previewStands = !!preview && preview.questionId === fields.questionId.value && preview.versionId === (fields.versionId.value ?? "");
  const questionProps = getSelectProps(fields.questionId);
  const versionProps = getSelectProps(fields.versionId);
  return (
    <div className="space-y-4">
      <PageHeader title={t("marking.regrade.title")} intro={t("marking.regrade.intro")} />
      <p className="text-sm text-slate-700">{t("marking.regrade.examLabel", { title: exam.title, code: exam.code })}</p>
      {questions.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("marking.regrade.empty")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card space-y-4">
          <FormErrors errors={form.errors} />
          <div>
            <label htmlFor={fields.questionId.id} className="label">
              {t("marking.regrade.question")}
            </label>
            <select {...questionProps} key={questionProps.key} className="input">
              <option value="">{t("marking.regrade.chooseQuestion")}</option>
              {questions.map((q) => (
                <option key={q.questionId} value={q.questionId}>
                  {t("marking.regrade.questionOption", {
                    position: q.position !== null ? t("marking.regrade.position", { position: q.position }) : t("marking.regrade.positionVaries"),
                    type: t(`marking.types.${q.type}`),
                    stem: q.stem.length > 40 ? `${q.stem.slice(0, 40)}…` : q.stem,
                    paper: q.paperVersion ?? "?",
                    latest: q.latestVersion,
                    count: q.attempts,
                  })}
                </option>
              ))}
            </select>
            <FieldError id={fields.questionId.errorId} errors={fields.questionId.errors} />
          </div>
          <div>
            <label htmlFor={fields.versionId.id} className="label">
              {t("marking.regrade.version")}
            </label>
            <select {...versionProps} key={`${versionProps.key}-${chosen?.questionId ?? ""}`} className="input" disabled={!chosen}>
              <option value="">{t("marking.regrade.latest")}</option>
              {(chosen?.versions ?? []).map((v) => (
                <option key={v.id} value={v.id}>
                  {t("marking.regrade.versionOption", { version: v.version, note: v.changeNote })}
                </option>
              ))}
            </select>
            <FieldError id={fields.versionId.errorId} errors={fields.versionId.errors} />
          </div>

          {previewStands && preview ? (
            <div className="rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-950" role="status" data-testid="regrade-preview">
              <p className="font-medium">{t("marking.regrade.previewResult", { version: preview.version, attempts: n(preview.attempts), changed: n(preview.changed) })}</p>
              <p className="mt-1 text-xs">{preview.changed > 0 ? t("marking.regrade.confirmHint") : t("marking.regrade.nothingChanges")}</p>
            </div>
          ) : null}

          <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
            <button type="submit" name="intent" value="preview" className={previewStands ? "btn-secondary" : "btn"}>
              {t("marking.regrade.preview")}
            </button>
            {previewStands && preview && preview.changed > 0 ? (
              <button type="submit" name="intent" value="apply" className="btn">
                {t("marking.regrade.apply")}
              </button>
            ) : null}
          </div>
        </Form>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
