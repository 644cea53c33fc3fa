import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { catalogue, myLearning } from "~/modules/courseware/learn.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const [learning, assigned] = await Promise.all([myLearning(actor), catalogue(actor, { assignedOnly: true })]);
  return { ...learning, assigned };
}

export default function MyLearning() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { records, inProgress, hoursThisYear, assigned } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader title={t("learn.mine")} />
      <section className="card">
        <p className="text-sm text-slate-600">{t("learn.hoursThisYear")}</p>
        <p className="text-3xl font-semibold" data-testid="hours-this-year">
          {formatNumber(hoursThisYear, locale)}
        </p>
        <p className="mt-1 text-xs text-slate-500">{t("learn.hoursNote")}</p>
      </section>
      {assigned.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("learn.assignedTitle")}</h2>
          <ul className="space-y-1 text-sm">
            {assigned.map((c) => (
              <li key={c.courseId} className="flex flex-wrap gap-2">
                <Link to={`/learn/courses/${c.courseId}`}>{c.title}</Link>
                <span className="text-slate-600">{t("learn.lessonsProgress", { done: c.completed, total: c.lessons })}</span>
                {c.overdue ? <span className="text-red-700">{t("learn.overdue")}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {inProgress.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("learn.inProgress")}</h2>
          <ul className="space-y-1 text-sm">
            {inProgress.map((p) => (
              <li key={p.lessonVersionId}>
                <Link to={`/learn/lessons/${p.lessonVersionId}`}>
                  {p.course} · {p.lesson}
                </Link>{" "}
                <span className="text-slate-600">{t("learn.minutesDone", { minutes: p.minutesOnTask })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card overflow-x-auto">
        <h2 className="mb-2 font-semibold">{t("learn.records")}</h2>
        {records.length === 0 ? (
          <p className="text-sm text-slate-600">{t("learn.noRecords")}</p>
        ) : (
          <table className="table" data-testid="learning-records">
            <thead>
              <tr>
                <th>{t("learn.lesson")}</th>
                <th>{t("learn.minutes")}</th>
                <th>{t("learn.credited")}</th>
                <th>{t("learn.completedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.course}（{t("learn.versionN", { n: r.courseVersion })}）· {r.lesson}
                  </td>
                  <td>{r.minutes}</td>
                  <td>{r.creditedHours}</td>
                  <td className="whitespace-nowrap">{formatDateTime(r.completedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
