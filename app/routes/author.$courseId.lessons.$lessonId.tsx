import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { badRequest, notFound } from "~/lib/request.server";
import { getLessonDraft, previewLesson, updateLesson } from "~/modules/courseware/authoring.server";
import { AuthoringHelp } from "~/modules/courseware/components/authoring-help";
import { CourseStatusBadge } from "~/modules/courseware/components/course-status";
import { LessonEditor } from "~/modules/courseware/components/lesson-editor";
import { LESSON_COMPONENTS } from "~/modules/courseware/mdx-rules";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const view = await getLessonDraft(actor, params.lessonId!);
  if (view.course.id !== params.courseId) notFound();
  return { ...view, preview: await previewLesson(view.lesson.source), components: LESSON_COMPONENTS };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "save") badRequest();
  const source = form.get("source");
  if (typeof source !== "string") badRequest();
  // Browsers send textarea line breaks as CRLF; lesson files use LF.
  const result = await updateLesson(actor, params.lessonId!, source.replace(/\r\n?/g, "\n"), String(form.get("updatedAt") ?? "") || null);
  if (!result.ok) return data({ ok: false as const, error: result.error }, { status: 409 });
  return { ok: true as const, problems: result.problems.length, changed: result.changed };
}

export default function LessonEditorPage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to={`/author/${view.course.id}`}>← {view.course.title}</Link>
      </nav>
      <PageHeader title={t("authoring.lesson.heading", { n: view.lesson.position, title: view.lesson.title || t("authoring.template.untitled") })} />
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <CourseStatusBadge status={view.course.status} />
        <span>{view.canEdit ? t("authoring.lesson.editIntro") : t("authoring.lesson.readOnlyIntro")}</span>
      </div>
      {result && !saving ? (
        result.ok ? (
          <Notice kind={result.problems ? "info" : "success"}>
            {result.problems ? t("authoring.lesson.savedWithProblems", { count: result.problems }) : result.changed ? t("authoring.lesson.saved") : t("authoring.lesson.noChanges")}
          </Notice>
        ) : (
          <Notice kind="error">
            {t(result.error)}
            {result.error === "authoring.errors.changedMeanwhile" ? ` ${t("authoring.lesson.conflictHint")}` : ""}
          </Notice>
        )
      ) : null}
      <LessonEditor
        key={view.lesson.id}
        lessonId={view.lesson.id}
        savedSource={view.lesson.source}
        updatedAt={new Date(view.lesson.updatedAt).toISOString()}
        canEdit={view.canEdit}
        initialPreview={view.preview}
        saving={saving}
      />
      <AuthoringHelp components={view.components} />
      <nav className="flex justify-between gap-2 text-sm">
        {view.previous ? <Link to={`/author/${view.course.id}/lessons/${view.previous.id}`}>← {view.previous.title}</Link> : <span />}
        {view.next ? <Link to={`/author/${view.course.id}/lessons/${view.next.id}`}>{view.next.title} →</Link> : null}
      </nav>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
