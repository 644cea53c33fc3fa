import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyInvalid, replyWithErrors } from "~/lib/forms.server";
import { unitOptions } from "~/modules/org/org.server";
import { PersonForm } from "~/modules/people/components/person-form";
import { createPerson } from "~/modules/people/people.server";
import { personFormSchema } from "~/modules/people/rules";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.manage");
  return { units: await unitOptions(actor, "person.manage") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.manage");
  const submission = parseWithZod(await request.formData(), { schema: personFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await createPerson(actor, submission.value);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/people/${result.id}`, { key: "people.created" });
}

export default function NewPerson() {
  const { t } = useTranslation();
  const { units } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={t("people.new")} />
      <PersonForm
        schema={personFormSchema}
        lastResult={lastResult}
        units={units}
        defaultValue={{ inEnforcementSystem: "on" as unknown as boolean }}
        submitLabel={t("common.save")}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
