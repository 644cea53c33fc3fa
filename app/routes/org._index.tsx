import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { UnitLevelBadge } from "~/modules/org/components/unit-options";
import { listUnits } from "~/modules/org/org.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "org.view");
  return { units: await listUnits(actor) };
}

export default function OrgTree() {
  const { t, i18n } = useTranslation();
  const { units } = useLoaderData<typeof loader>();
  const locale = i18n.language as Locale;
  const minDepth = Math.min(...units.map((u) => u.depth));
  return (
    <div>
      <PageHeader title={t("org.title")} intro={t("org.intro")} />
      <div className="card p-0 sm:p-0">
        <ul role="tree" aria-label={t("org.title")} data-testid="org-tree">
          {units.map((u) => (
            <li
              key={u.id}
              role="treeitem"
              aria-level={u.depth - minDepth + 1}
              aria-selected={false}
              className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm"
              style={{ paddingLeft: `${0.75 + (u.depth - minDepth) * 1.25}rem` }}
            >
              <Link to={`/org/${u.id}`} className={u.active ? "" : "text-slate-400 line-through"}>
                {u.name}
              </Link>
              <span className="font-mono text-xs text-slate-500">{u.code}</span>
              <UnitLevelBadge level={u.level} />
              {!u.active ? <span className="text-xs text-slate-500">{t("org.inactive")}</span> : null}
              <span className="ml-auto text-xs text-slate-600">
                {t("org.people")}: {formatNumber(u.peopleCount, locale)}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
