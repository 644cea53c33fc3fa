import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { listBases } from "~/modules/classes/bases.server";

const filterSchema = z.object({
  q: z.string().trim().max(60).optional().catch(undefined),
  active: z.enum(["yes", "no"]).optional().catch(undefined),
});

/** GET /bases — the training-base registry; class.manage or base.manage somewhere. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(
    Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""))
  );
  return {
    bases: await listBases(actor, filter),
    canCreate: canAnywhere(actor, "base.manage"),
  };
}

export default function Bases() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { bases, canCreate } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("classes.bases.title")}
        intro={t("classes.bases.intro")}
        actions={
          canCreate ? (
            <Link to="/bases/new" className="btn" data-testid="base-new">
              {t("classes.bases.new")}
            </Link>
          ) : undefined
        }
      />
      <Form
        method="get"
        className="card grid grid-cols-1 gap-3 sm:grid-cols-3"
        role="search"
        aria-label={t("classes.filterLabel")}
      >
        <div>
          <label htmlFor="bases-q" className="label">
            {t("classes.search")}
          </label>
          <input
            id="bases-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            className="input"
          />
        </div>
        <FilterSelect
          name="active"
          id="bases-active"
          label={t("classes.bases.active")}
          defaultValue={params.get("active") ?? "yes"}
          all={false}
          options={[
            { value: "yes", label: t("classes.bases.activeYes") },
            { value: "no", label: t("classes.bases.activeNo") },
          ]}
        />
        <FilterActions resetTo="/bases" className="flex items-end gap-2" />
      </Form>
      {bases.length === 0 ? (
        <p className="card text-sm text-slate-600">
          {t("classes.bases.empty")}
        </p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="bases">
            <thead>
              <tr>
                <th>{t("classes.bases.name")}</th>
                <th className="hidden sm:table-cell">
                  {t("classes.bases.location")}
                </th>
                <th className="hidden md:table-cell">
                  {t("classes.bases.specialities")}
                </th>
                <th className="text-right">{t("classes.bases.capacity")}</th>
              </tr>
            </thead>
            <tbody>
              {bases.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link to={`/bases/${b.id}`} className="font-medium">
                      {b.name}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {t(`classes.levels.${b.level}`)} · {b.unitName}
                    </span>
                    <span className="block text-xs text-slate-500 sm:hidden">
                      {b.location}
                    </span>
                  </td>
                  <td className="hidden sm:table-cell">{b.location}</td>
                  <td className="hidden md:table-cell">
                    {b.specialities.join("、")}
                  </td>
                  <td className="text-right tabular-nums">
                    {formatNumber(b.capacity, locale)}
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
