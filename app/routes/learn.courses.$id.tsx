import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDate, type Locale } from "~/lib/i18n";
import { learnerCourse } from "~/modules/courseware/learn.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return learnerCourse(actor, params.id!);
}

export default function CoursePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { course, lessons, resume } = useLoaderData<typeof loader>();
  const done = lessons.filter((l) => l.completed).length;
  return (
    <div className="space-y-4">
      <PageHeader
        title={course.title}
        intro={`${t("learn.versionN", { n: course.version })} · ${t("learn.hours", { hours: course.creditHours })}${course.dueDate ? ` · ${t("learn.due", { date: formatDate(course.dueDate, locale) })}` : ""}`}
        actions={
          resume ? (
            <Link to={`/learn/lessons/${resume}`} className="btn" data-testid="resume">
              {done > 0 || lessons.some((l) => l.minutesOnTask > 0) ? t("learn.resume") : t("learn.start")}
            </Link>
          ) : null
        }
      />
      <p className="text-sm text-slate-700">{course.summary}</p>
      <p className="text-sm" data-testid="course-progress">
        {t("learn.lessonsProgress", { done, total: lessons.length })}
      </p>
      <ol className="card divide-y divide-slate-100 p-0 sm:p-0">
        {lessons.map((l) => (
          <li key={l.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
            <span className={`flex h-7 w-7 items-center justify-center rounded-full text-sm ${l.completed ? "bg-green-600 text-white" : "bg-slate-100"}`} aria-hidden="true">
              {l.completed ? "✓" : l.position}
            </span>
            <Link to={`/learn/lessons/${l.id}`} className="min-w-0 flex-1">
              {l.title}
            </Link>
            <span className="text-xs text-slate-600">
              {l.completed
                ? t("learn.creditedShort", { hours: l.creditedHours })
                : `${t("learn.minutesEstimate", { minutes: l.minutes })}${l.minutesOnTask ? ` · ${t("learn.minutesDone", { minutes: l.minutesOnTask })}` : ""}`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
