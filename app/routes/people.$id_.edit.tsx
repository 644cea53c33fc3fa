import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyInvalid, replyWithErrors } from "~/lib/forms.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { PersonForm } from "~/modules/people/components/person-form";
import { getPerson, updatePerson } from "~/modules/people/people.server";
import { personEditSchema } from "~/modules/people/rules";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const person = await getPerson(actor, params.id!, "person.manage");
  return {
    person: {
      id: person.id,
      name: person.name,
      staffNo: person.staffNo,
      category: person.category,
      post: person.post,
      inEnforcementSystem: person.inEnforcementSystem,
      hireDate: person.hireDate ? isoDateInShanghai(person.hireDate) : "",
      education: person.education ?? "",
      phone: person.phone ?? "",
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const submission = parseWithZod(await request.formData(), { schema: personEditSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await updatePerson(actor, params.id!, submission.value);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/people/${params.id}`, { key: "people.updated" });
}

export default function EditPerson() {
  const { t } = useTranslation();
  const { person } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { inEnforcementSystem, ...rest } = person;
  return (
    <div>
      <PageHeader title={`${t("people.editTitle")} · ${person.name}`} />
      <PersonForm
        schema={personEditSchema}
        lastResult={lastResult}
        defaultValue={{ ...rest, education: rest.education || undefined, ...(inEnforcementSystem ? { inEnforcementSystem: "on" as unknown as boolean } : {}) } as never}
        submitLabel={t("common.save")}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
