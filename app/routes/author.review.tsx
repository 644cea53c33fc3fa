import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { courseReviewQueue } from "~/modules/courseware/authoring.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return { queue: await courseReviewQueue(actor) };
}

export default function CourseReviewQueue() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { queue } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("authoring.reviewQueue")} intro={t("authoring.reviewQueueIntro")} />
      {queue.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("authoring.reviewQueueEmpty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="course-review-queue">
            <thead>
              <tr>
                <th>{t("authoring.columns.course")}</th>
                <th className="hidden sm:table-cell">{t("authoring.columns.unit")}</th>
                <th>{t("authoring.columns.submittedBy")}</th>
                <th className="hidden md:table-cell">{t("authoring.columns.lessons")}</th>
                <th className="hidden md:table-cell">{t("authoring.columns.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/author/${c.id}#review`} className="font-medium">
                      {c.title}
                    </Link>
                    <div className="text-xs text-slate-500">{c.latestVersionNo ? t("authoring.nextVersion", { n: c.latestVersionNo + 1 }) : t("authoring.firstVersion")}</div>
                  </td>
                  <td className="hidden sm:table-cell">{c.unitName}</td>
                  <td>{c.submittedBy}</td>
                  <td className="hidden md:table-cell">{c.lessons}</td>
                  <td className="hidden md:table-cell whitespace-nowrap">{formatDateTime(c.submittedAt, locale)}</td>
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
