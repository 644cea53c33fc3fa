import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { courseInputFromForm, createCourse } from "~/modules/courseware/authoring.server";
import { CourseMetaForm } from "~/modules/courseware/components/course-meta-form";
import { ProblemList } from "~/modules/courseware/components/lesson-problems";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.author");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.author");
  const values = courseInputFromForm(await request.formData());
  const result = await createCourse(actor, values);
  if (result.ok) return redirectWithFlash(`/author/${result.id}`, { key: "authoring.flash.created" });
  return data({ values, error: result.error, errors: result.errors ?? {}, problems: result.problems ?? [] }, { status: 400 });
}

export default function NewCourse() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("authoring.newCourse")} intro={t("authoring.newCourseIntro")} />
      <div className="card space-y-3">
        {result ? <FormErrors errors={[result.error]} /> : null}
        {result?.problems.length ? <ProblemList problems={result.problems} /> : null}
        <CourseMetaForm
          withCode
          values={result?.values ?? { code: "", title: "", summary: "", audiences: ["ENFORCEMENT"], syllabusCodes: [] }}
          errors={result?.errors}
          submitLabel={t("authoring.create")}
          busy={busy}
        />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
