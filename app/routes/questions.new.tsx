import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { visibleBanks } from "~/modules/questions/banks.server";
import { QuestionForm } from "~/modules/questions/components/question-form";
import { contentFromForm, formValues } from "~/modules/questions/form";
import { createQuestion } from "~/modules/questions/questions.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.author");
  const banks = (await visibleBanks(actor)).filter((b) => b.canEdit).map((b) => ({ id: b.id, name: b.name }));
  const wanted = new URL(request.url).searchParams.get("bank");
  return { banks, bankId: banks.find((b) => b.id === wanted)?.id ?? banks[0]?.id };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const values = formValues(await request.formData());
  const result = await createQuestion(actor, String(values.bankId ?? ""), contentFromForm(values), values.allowDuplicate === "1");
  if (result.ok) return redirectWithFlash(`/questions/${result.id}`, { key: "questions.created" });
  return data({ values, ...result }, { status: 400 });
}

export default function NewQuestion() {
  const { t } = useTranslation();
  const { banks, bankId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={t("questions.new")} />
      <QuestionForm
        values={result?.values ?? { type: "SINGLE", difficulty: "3", ignoreWhitespace: "on" }}
        errors={result && "errors" in result ? result.errors : undefined}
        duplicates={result && "duplicates" in result ? result.duplicates : undefined}
        banks={banks}
        bankId={(result?.values.bankId as string | undefined) ?? bankId}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
