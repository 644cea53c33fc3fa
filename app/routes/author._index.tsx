import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDate, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { listAuthorCourses, requireAnyAuthoring } from "~/modules/courseware/authoring.server";
import { ChangedBadge, CourseStatusBadge } from "~/modules/courseware/components/course-status";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyAuthoring(actor);
  return {
    courses: await listAuthorCourses(actor),
    canCreate: canAnywhere(actor, "course.author"),
    canReview: canAnywhere(actor, "course.review"),
  };
}

export default function AuthorCourses() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { courses, canCreate, canReview } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={t("authoring.title")}
        intro={t("authoring.intro")}
        actions={
          <>
            {canReview ? (
              <Link to="/author/review" className="btn-secondary">
                {t("authoring.reviewQueue")}
              </Link>
            ) : null}
            {canCreate ? (
              <Link to="/author/new" className="btn">
                {t("authoring.newCourse")}
              </Link>
            ) : null}
          </>
        }
      />
      {courses.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("authoring.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="author-courses">
            <thead>
              <tr>
                <th>{t("authoring.columns.course")}</th>
                <th>{t("authoring.columns.status")}</th>
                <th className="hidden sm:table-cell">{t("authoring.columns.unit")}</th>
                <th className="hidden sm:table-cell">{t("authoring.columns.lessons")}</th>
                <th className="hidden md:table-cell">{t("authoring.columns.published")}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/author/${c.id}`} className="font-medium">
                      {c.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{c.code}</div>
                  </td>
                  <td>
                    <div className="flex flex-col items-start gap-1">
                      <CourseStatusBadge status={c.status} />
                      {c.draftDiffers ? <ChangedBadge /> : null}
                    </div>
                  </td>
                  <td className="hidden sm:table-cell">{c.unitName}</td>
                  <td className="hidden sm:table-cell">{c.lessons}</td>
                  <td className="hidden md:table-cell whitespace-nowrap">
                    {c.latestVersion ? t("authoring.versionOn", { n: c.latestVersion.version, date: formatDate(c.latestVersion.publishedAt, locale) }) : t("authoring.neverPublished")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
