import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { canAnywhere } from "~/modules/access/rules";
import { EntriesTable } from "~/modules/hours/components/entries-table";
import { YearOverview } from "~/modules/hours/components/year-overview";
import { YearSelect } from "~/modules/hours/components/year-select";
import { myHours, yearParam } from "~/modules/hours/officer.server";

/** GET /hours — my study hours for a year (any signed-in officer). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const year = yearParam(new URL(request.url).searchParams.get("year"));
  const view = await myHours(actor, year);
  return { ...view, canApprove: canAnywhere(actor, "hours.approve") };
}

export default function MyHours() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("ledger.mine.title")}
        intro={t("ledger.mine.intro")}
        actions={
          <>
            <Link to="/hours/new" className="btn" data-testid="submit-entry-link">
              {t("ledger.mine.submit")}
            </Link>
            <a href={`/hours/certificate?year=${view.year}`} className="btn-secondary" data-testid="certificate-link">
              {t("ledger.mine.certificate")}
            </a>
            {view.canApprove ? (
              <Link to="/hours/approvals" className="btn-secondary">
                {t("ledger.approvals.title")}
              </Link>
            ) : null}
          </>
        }
      />
      <YearSelect years={view.years} year={view.year} action="/hours" />
      <YearOverview figures={view} />
      {view.pending.length > 0 ? (
        <section className="card" aria-labelledby="pending-title" data-testid="pending-entries">
          <h2 id="pending-title" className="mb-2 text-base font-semibold">
            {t("ledger.mine.pendingTitle", { count: view.pending.length })}
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t("ledger.mine.pendingIntro")}</p>
          <EntriesTable entries={view.pending} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="entries-title">
        <h2 id="entries-title" className="mb-2 text-base font-semibold">
          {t("ledger.entries.title", { year: view.year })}
        </h2>
        <EntriesTable entries={view.entries} />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
