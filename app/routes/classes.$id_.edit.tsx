import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { baseOptions } from "~/modules/classes/bases.server";
import {
  classExamOptions,
  classForEdit,
  saveClass,
} from "~/modules/classes/classes.server";
import { ClassForm } from "~/modules/classes/components/class-form";
import { classSchema } from "~/modules/classes/rules";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

/** GET/POST /classes/:id/edit — edit a draft (or an open/closed class: dates, seats, sessions); 404 out of scope. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const cls = await classForEdit(actor, params.id!);
  const [units, bases, exams] = await Promise.all([
    unitOptions(actor, "class.manage"),
    baseOptions(),
    classExamOptions(actor),
  ]);
  return { cls, options: { units: unitSelectOptions(units), bases, exams } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const submission = parseWithZod(await request.formData(), {
    schema: classSchema,
  });
  if (submission.status !== "success")
    return data(submission.reply(), { status: 400 });
  const result = await saveClass(actor, params.id!, submission.value);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/classes/${result.id}`, {
    key: "classes.flash.saved",
  });
}

export default function EditClass() {
  const { t } = useTranslation();
  const { cls, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("classes.editTitle", { code: cls.code })}
        intro={cls.status === "DRAFT" ? undefined : t("classes.editOpenIntro")}
      />
      <ClassForm
        id={`class-${cls.id}`}
        options={options}
        lastResult={lastResult}
        defaultValue={cls.defaults}
        submitLabel={t("common.save")}
        cancelTo={`/classes/${cls.id}`}
        unitLocked={cls.status !== "DRAFT"}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
