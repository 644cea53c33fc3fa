import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { baseOptions } from "~/modules/classes/bases.server";
import { classExamOptions, saveClass } from "~/modules/classes/classes.server";
import { ClassForm } from "~/modules/classes/components/class-form";
import { classSchema } from "~/modules/classes/rules";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

/** GET/POST /classes/new — a new class (draft); class.manage over the organising unit. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "class.manage");
  const [units, bases, exams] = await Promise.all([
    unitOptions(actor, "class.manage"),
    baseOptions(),
    classExamOptions(actor),
  ]);
  return {
    options: { units: unitSelectOptions(units), bases, exams },
    defaultUnit:
      units.find((u) => u.id === actor.unitId)?.id ?? units[0]?.id ?? "",
    today: isoDateInShanghai(new Date()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "class.manage");
  const submission = parseWithZod(await request.formData(), {
    schema: classSchema,
  });
  if (submission.status !== "success")
    return data(submission.reply(), { status: 400 });
  const result = await saveClass(actor, null, submission.value);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/classes/${result.id}`, {
    key: "classes.flash.created",
  });
}

export default function NewClass() {
  const { t } = useTranslation();
  const { options, defaultUnit, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <PageHeader title={t("classes.newTitle")} intro={t("classes.newIntro")} />
      <ClassForm
        id="class-new"
        options={options}
        lastResult={lastResult}
        defaultValue={{
          unitId: defaultUnit,
          startDate: today,
          endDate: today,
          capacity: "30",
          creditHours: "8",
          category: "PROFESSIONAL_LEGAL",
          enrolmentMode: "BOTH",
          completionAttendancePct: "80",
          sessions: [{ title: "", startsAt: "", endsAt: "" }],
        }}
        submitLabel={t("classes.createDraft")}
        cancelTo="/classes"
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
