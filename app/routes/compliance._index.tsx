import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { topScopeUnits } from "~/modules/compliance/scope.server";

/** GET /compliance — the dashboard of the actor's unit (hours.view); a chooser when the actor looks at several. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const units = topScopeUnits(actor);
  const year = new URL(request.url).searchParams.get("year");
  if (units.length === 1) throw redirect(`/compliance/units/${units[0].id}${year ? `?year=${encodeURIComponent(year)}` : ""}`);
  return { units: units.map((u) => ({ id: u.id, name: u.name })) };
}

export default function ComplianceIndex() {
  const { t } = useTranslation();
  const { units } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("compliance.chooseUnit")} intro={t("compliance.chooseUnitIntro")} />
      <ul className="card space-y-2">
        {units.map((u) => (
          <li key={u.id}>
            <Link to={`/compliance/units/${u.id}`} className="font-medium" data-testid="compliance-unit-choice">
              {u.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
