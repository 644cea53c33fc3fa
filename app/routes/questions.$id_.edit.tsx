import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/request.server";
import { QuestionForm } from "~/modules/questions/components/question-form";
import { contentFromForm, formFromContent, formValues } from "~/modules/questions/form";
import { getQuestion, updateQuestion } from "~/modules/questions/questions.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const question = await getQuestion(actor, params.id!);
  if (!question.permissions.edit) notFound();
  return { id: question.id, version: question.version, status: question.status, values: formFromContent(question.content) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const values = formValues(await request.formData());
  const changeNote = String(values.changeNote ?? "").trim();
  if (!changeNote) return data({ values, errors: { changeNote: "errors.required" } }, { status: 400 });
  const result = await updateQuestion(actor, params.id!, contentFromForm(values), changeNote.slice(0, 200), values.allowDuplicate === "1");
  if (result.ok) return redirectWithFlash(`/questions/${params.id}`, { key: "questions.saved", params: { version: result.version } });
  return data({ values, ...result }, { status: 400 });
}

export default function EditQuestion() {
  const { t } = useTranslation();
  const { version, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={`${t("questions.edit")} · ${t("questions.versionN", { n: version })}`} />
      <QuestionForm
        values={result?.values ?? values}
        errors={result && "errors" in result ? result.errors : undefined}
        duplicates={result && "duplicates" in result ? result.duplicates : undefined}
        editing
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
