import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, requestLocale, translator, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import {
  addLesson,
  approveAndPublish,
  courseInputFromForm,
  getCourseDraft,
  lessonTemplate,
  moveLesson,
  reinstateCourse,
  removeLesson,
  retireCourse,
  returnForChanges,
  submitForReview,
  updateCourseMeta,
  type AuthoringProblem,
} from "~/modules/courseware/authoring.server";
import { CourseMetaForm } from "~/modules/courseware/components/course-meta-form";
import { ChangedBadge, CourseStatusBadge } from "~/modules/courseware/components/course-status";
import { ProblemList } from "~/modules/courseware/components/lesson-problems";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return getCourseDraft(actor, params.courseId!);
}

type ActionResult = { intent: string; error: string; errors?: Record<string, string>; problems?: AuthoringProblem[]; values?: ReturnType<typeof courseInputFromForm> };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.courseId!;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const lessonId = String(form.get("lessonId") ?? "");
  const comment = String(form.get("comment") ?? "");
  const back = (key: string, params?: Record<string, string | number>) => redirectWithFlash(`/author/${id}`, { key, params });
  const fail = (result: { error: string; errors?: Record<string, string>; problems?: AuthoringProblem[] }, extra: Partial<ActionResult> = {}) =>
    data<ActionResult>({ intent, error: result.error, errors: result.errors, problems: result.problems, ...extra }, { status: 409 });
  switch (intent) {
    case "meta": {
      const values = courseInputFromForm(form);
      const result = await updateCourseMeta(actor, id, values);
      return result.ok ? back("authoring.flash.saved") : fail(result, { values });
    }
    case "addLesson": {
      const t = translator(requestLocale(request));
      const title = String(form.get("title") ?? "").trim() || t("authoring.template.untitled");
      const source = lessonTemplate(title.slice(0, 100), [t("authoring.template.objectives"), t("authoring.template.content"), t("authoring.template.summary")]);
      const result = await addLesson(actor, id, source);
      return result.ok ? redirectWithFlash(`/author/${id}/lessons/${result.id}`, { key: "authoring.flash.lessonAdded" }) : fail(result);
    }
    case "up":
    case "down": {
      const result = await moveLesson(actor, lessonId, intent);
      return result.ok ? back("authoring.flash.moved") : fail(result);
    }
    case "remove": {
      const result = await removeLesson(actor, lessonId);
      return result.ok ? back("authoring.flash.lessonRemoved") : fail(result);
    }
    case "submit": {
      const result = await submitForReview(actor, id);
      return result.ok ? back("authoring.flash.submitted") : fail(result);
    }
    case "approve": {
      const result = await approveAndPublish(actor, id, comment);
      return result.ok ? back("authoring.flash.published", { n: result.version }) : fail(result);
    }
    case "return": {
      const result = await returnForChanges(actor, id, comment);
      return result.ok ? back("authoring.flash.returned") : fail(result);
    }
    case "retire": {
      const result = await retireCourse(actor, id);
      return result.ok ? back("authoring.flash.retired") : fail(result);
    }
    case "reinstate": {
      const result = await reinstateCourse(actor, id);
      return result.ok ? back("authoring.flash.reinstated") : fail(result);
    }
  }
  badRequest();
}

export default function CourseEditor() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const c = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const p = c.permissions;
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to="/author">← {t("authoring.title")}</Link>
      </nav>
      <PageHeader title={c.meta.title} intro={`${c.code} · ${c.unit.name}${c.source === "LIBRARY" ? ` · ${t("authoring.fromLibrary")}` : ""}`} />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <CourseStatusBadge status={c.status} />
        {c.draftDiffers ? <ChangedBadge /> : null}
        <span className="text-slate-600">
          {c.publishedVersionNo ? t("authoring.learnersSee", { n: c.publishedVersionNo }) : t("authoring.notYetPublished")}
        </span>
      </div>
      <p className="text-sm text-slate-600">{t(`authoring.statusHelp.${c.status}`)}</p>

      {result ? (
        <>
          <Notice kind="error">{t(result.error)}</Notice>
          {result.problems?.length ? <ProblemList problems={result.problems} /> : null}
        </>
      ) : null}

      <section className="card" aria-labelledby="lessons-title">
        <h2 id="lessons-title" className="mb-3 font-semibold">
          {t("authoring.lessons.title")} <span className="font-normal text-slate-500">· {t("authoring.lessons.totals", { count: c.lessons.length, hours: c.creditHours })}</span>
        </h2>
        {c.lessons.length === 0 ? <p className="text-sm text-slate-600">{t("authoring.lessons.empty")}</p> : null}
        <ol className="divide-y divide-slate-100" data-testid="lesson-list">
          {c.lessons.map((l, i) => (
            <li key={l.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2">
              <span className="w-6 text-right text-sm text-slate-500">{l.position}</span>
              <div className="min-w-0 flex-1">
                <Link to={`/author/${c.id}/lessons/${l.id}`} className="font-medium">
                  {l.title || t("authoring.template.untitled")}
                </Link>
                <div className="flex flex-wrap gap-x-2 text-xs text-slate-500">
                  <span>{t("authoring.lessons.meta", { minutes: l.minutes, hours: l.creditHours })}</span>
                  {l.valid ? (
                    <span className="text-green-800">{t("authoring.lessons.valid")}</span>
                  ) : (
                    <span className="text-red-700" data-testid="lesson-invalid">
                      {t("authoring.lessons.invalid", { count: l.problems })}
                    </span>
                  )}
                  {l.published === "CHANGED" || l.published === "NEW" ? <span className="text-sky-800">{t(l.published === "NEW" ? "authoring.lessons.new" : "authoring.lessons.changed")}</span> : null}
                </div>
              </div>
              {p.edit ? (
                <Form method="post" className="flex gap-1">
                  <input type="hidden" name="lessonId" value={l.id} />
                  <button type="submit" name="intent" value="up" className="btn-secondary px-3" disabled={i === 0 || busy} aria-label={t("authoring.lessons.moveUp", { title: l.title })}>
                    ↑
                  </button>
                  <button type="submit" name="intent" value="down" className="btn-secondary px-3" disabled={i === c.lessons.length - 1 || busy} aria-label={t("authoring.lessons.moveDown", { title: l.title })}>
                    ↓
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="btn-secondary px-3 text-red-700"
                    disabled={busy}
                    onClick={(e) => {
                      if (!window.confirm(t("authoring.lessons.removeConfirm", { title: l.title }))) e.preventDefault();
                    }}
                  >
                    {t("authoring.lessons.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        {c.removedSincePublished ? <p className="mt-2 text-xs text-slate-500">{t("authoring.lessons.removedSincePublished", { count: c.removedSincePublished })}</p> : null}
        {p.edit ? (
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="addLesson" />
            <div className="min-w-0 flex-1">
              <label htmlFor="new-lesson-title" className="label">
                {t("authoring.lessons.newTitle")}
              </label>
              <input id="new-lesson-title" name="title" className="input" maxLength={100} required />
            </div>
            <button type="submit" className="btn" disabled={busy}>
              {t("authoring.lessons.add")}
            </button>
          </Form>
        ) : null}
      </section>

      {p.submit || p.submitBlocked || p.review || p.selfReview ? (
        <section id="review" className="card space-y-3" aria-labelledby="workflow-title">
          <h2 id="workflow-title" className="font-semibold">
            {t("authoring.workflow.title")}
          </h2>
          {p.submitBlocked ? <p className="text-sm text-red-800">{t(c.lessons.length ? "authoring.workflow.fixFirst" : "authoring.workflow.addFirst")}</p> : null}
          {p.submit ? (
            <Form method="post" className="space-y-2">
              <p className="text-sm text-slate-600">{t("authoring.workflow.submitHint")}</p>
              <button type="submit" name="intent" value="submit" className="btn" disabled={busy}>
                {t("authoring.workflow.submit")}
              </button>
            </Form>
          ) : null}
          {p.selfReview ? <p className="text-sm text-slate-700">{t("authoring.workflow.selfReview")}</p> : null}
          {p.review ? (
            <Form method="post" className="space-y-2">
              <p className="text-sm text-slate-600">{t("authoring.workflow.reviewHint", { name: c.submittedBy })}</p>
              <label htmlFor="review-comment" className="label">
                {t("authoring.workflow.comment")}
              </label>
              <textarea id="review-comment" name="comment" rows={3} className="input" />
              <div className="flex flex-wrap gap-2">
                <button type="submit" name="intent" value="approve" className="btn" disabled={busy}>
                  {c.publishedVersionNo ? t("authoring.workflow.approveNext", { n: (c.versions[0]?.version ?? 0) + 1 }) : t("authoring.workflow.approve")}
                </button>
                <button type="submit" name="intent" value="return" className="btn-secondary" disabled={busy}>
                  {t("authoring.workflow.return")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="meta-title">
        <h2 id="meta-title" className="mb-3 font-semibold">
          {t("authoring.metaTitle")}
        </h2>
        {p.edit ? (
          <CourseMetaForm
            intent="meta"
            values={result?.intent === "meta" && result.values ? result.values : c.meta}
            errors={result?.intent === "meta" ? result.errors : undefined}
            submitLabel={t("common.save")}
            busy={busy}
          />
        ) : (
          <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">{t("authoring.fields.summary")}</dt>
            <dd className="whitespace-pre-wrap">{c.meta.summary || t("common.none")}</dd>
            <dt className="text-slate-500">{t("authoring.fields.audiences")}</dt>
            <dd>{c.meta.audiences.map((a) => t(`syllabus.audiences.${a}`)).join("、")}</dd>
            <dt className="text-slate-500">{t("authoring.fields.syllabusCodes")}</dt>
            <dd className="font-mono">{c.meta.syllabusCodes.join(" ") || t("common.none")}</dd>
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title" className="mb-2 font-semibold">
          {t("authoring.versions.title")}
        </h2>
        {c.versions.length === 0 ? <p className="text-sm text-slate-600">{t("authoring.versions.none")}</p> : null}
        <ol className="space-y-2" data-testid="course-versions">
          {c.versions.map((v) => (
            <li key={v.id}>
              <details>
                <summary className="cursor-pointer text-sm">
                  {[t("authoring.versions.n", { n: v.version }), formatDateTime(v.publishedAt, locale), v.publishedBy, t("authoring.versions.hours", { hours: v.creditHours })].filter(Boolean).join(" · ")}
                  {v.current ? <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs text-brand-800">{t("authoring.versions.current")}</span> : null}
                </summary>
                <div className="mt-1 border-l-2 border-slate-200 pl-3 text-sm">
                  <p className="font-medium">{v.title}</p>
                  <ol className="list-decimal pl-5">
                    {v.lessons.map((l) => (
                      <li key={l.id}>{l.title}</li>
                    ))}
                  </ol>
                </div>
              </details>
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="reviews-title">
        <h2 id="reviews-title" className="mb-2 font-semibold">
          {t("authoring.reviews.title")}
        </h2>
        {c.reviews.length === 0 ? (
          <p className="text-sm text-slate-600">{t("authoring.reviews.none")}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="course-reviews">
            {c.reviews.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.createdAt, locale)} · {r.reviewer} · <span className={r.decision === "APPROVED" ? "text-green-800" : "text-amber-800"}>{t(`authoring.decisions.${r.decision}`)}</span>
                {r.comment ? `：${r.comment}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      {p.retire || p.reinstate ? (
        <section className="card">
          <Form method="post" className="flex flex-wrap items-center gap-3">
            {p.retire ? (
              <>
                <p className="flex-1 text-sm text-slate-600">{t("authoring.workflow.retireHint")}</p>
                <button
                  type="submit"
                  name="intent"
                  value="retire"
                  className="btn-danger"
                  disabled={busy}
                  onClick={(e) => {
                    if (!window.confirm(t("authoring.workflow.retireConfirm"))) e.preventDefault();
                  }}
                >
                  {t("authoring.workflow.retire")}
                </button>
              </>
            ) : (
              <button type="submit" name="intent" value="reinstate" className="btn-secondary" disabled={busy}>
                {t("authoring.workflow.reinstate")}
              </button>
            )}
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
