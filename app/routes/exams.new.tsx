import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyInvalid } from "~/lib/forms.server";
import { examFormOptions, newExamDefaults, replyWithExamErrors } from "~/modules/exams/admin.server";
import { ExamForm, parseExamForm } from "~/modules/exams/components/exam-form";
import { saveExam } from "~/modules/exams/exams.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "exam.manage");
  const options = await examFormOptions(actor);
  const defaults: Record<string, string | string[] | undefined> = newExamDefaults();
  // One unit to choose from: choose it.
  if (options.units.length === 1) defaults.unitId = options.units[0].id;
  return { options, defaults };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "exam.manage");
  const submission = parseExamForm(await request.formData());
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await saveExam(actor, null, submission.value);
  if (!result.ok) return replyWithExamErrors(submission, result.errors);
  return redirectWithFlash(`/exams/${result.id}`, { key: "exams.created" });
}

export default function NewExam() {
  const { t } = useTranslation();
  const { options, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={t("exams.new")} intro={t("exams.newIntro")} />
      <ExamForm id="exam-new" options={options} defaultValue={defaults} lastResult={lastResult} submitLabel={t("exams.saveDraft")} cancelTo="/exams" />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
