import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyInvalid } from "~/lib/forms.server";
import { editableExamValues, examFormOptions, replyWithExamErrors } from "~/modules/exams/admin.server";
import { ExamForm, parseExamForm } from "~/modules/exams/components/exam-form";
import { saveExam } from "~/modules/exams/exams.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const exam = await editableExamValues(actor, params.id!);
  return { exam, options: await examFormOptions(actor) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const submission = parseExamForm(await request.formData());
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await saveExam(actor, params.id!, submission.value);
  if (!result.ok) return replyWithExamErrors(submission, result.errors);
  return redirectWithFlash(`/exams/${result.id}`, { key: "exams.saved" });
}

export default function EditExam() {
  const { t } = useTranslation();
  const { exam, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={`${t("exams.edit")} · ${exam.title}`} intro={exam.code} />
      {exam.status !== "DRAFT" ? (
        <>
          <Notice kind="info">{t("exams.errors.notDraft")}</Notice>
          <Link to={`/exams/${exam.id}`} className="btn-secondary">
            {t("common.back")}
          </Link>
        </>
      ) : (
        <ExamForm id={`exam-${exam.id}`} options={options} defaultValue={exam.values} lastResult={lastResult} submitLabel={t("common.save")} cancelTo={`/exams/${exam.id}`} />
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
