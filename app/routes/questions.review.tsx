import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { reviewQueue } from "~/modules/questions/questions.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.review");
  return { queue: await reviewQueue(actor) };
}

export default function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { queue } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("questions.reviewQueue")} />
      {queue.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("questions.reviewQueueEmpty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="review-queue">
            <thead>
              <tr>
                <th>{t("questions.stem")}</th>
                <th>{t("blueprints.type")}</th>
                <th className="hidden sm:table-cell">{t("questions.bank")}</th>
                <th className="hidden sm:table-cell">{t("questions.version")}</th>
                <th className="hidden md:table-cell">{t("audit.time")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.id}>
                  <td>
                    <Link to={`/questions/${q.id}`}>{q.stemPreview}</Link>
                  </td>
                  <td className="whitespace-nowrap">{t(`questions.types.${q.type}`)}</td>
                  <td className="hidden sm:table-cell">{q.bank.name}</td>
                  <td className="hidden sm:table-cell">{q.latestVersionNo}</td>
                  <td className="hidden md:table-cell">{formatDateTime(q.updatedAt, locale)}</td>
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
