import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { searchAudit } from "~/modules/audit/audit.server";
import { AUDIT_OBJECT_TYPES } from "~/modules/audit/object-types";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const filterSchema = z.object({
  actor: z.string().max(40).optional().catch(undefined),
  objectType: z.string().max(40).optional().catch(undefined),
  objectId: z.string().max(60).optional().catch(undefined),
  unitId: z.string().max(40).optional().catch(undefined),
  from: date,
  to: date,
  beforeId: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "audit.view");
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  const [result, units] = await Promise.all([searchAudit(actor, filter), unitOptions(actor, "audit.view", false)]);
  const unitNames = Object.fromEntries(units.map((u) => [u.id, u.name]));
  return { ...result, units, unitNames };
}

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { events, nextBeforeId, units, unitNames } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextBeforeId) next.set("beforeId", String(nextBeforeId));
  const text = (name: string, label: string, type = "text") => (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <input id={name} name={name} type={type} defaultValue={params.get(name) ?? ""} className="input" />
    </div>
  );
  return (
    <div>
      <PageHeader title={t("audit.title")} intro={t("audit.intro")} />
      <Form method="get" className="card mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search">
        {text("actor", t("audit.actor"))}
        <FilterSelect name="objectType" label={t("audit.objectType")} defaultValue={params.get("objectType") ?? ""} options={AUDIT_OBJECT_TYPES.map((o) => ({ value: o, label: o }))} />
        {text("objectId", t("audit.objectId"))}
        <FilterSelect name="unitId" label={t("audit.unit")} defaultValue={params.get("unitId") ?? ""} options={unitSelectOptions(units)} />
        {text("from", t("audit.from"), "date")}
        {text("to", t("audit.to"), "date")}
        <FilterActions resetTo="/admin/audit" className="flex gap-2 sm:col-span-3 lg:col-span-6" />
      </Form>
      {events.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("audit.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t("audit.time")}</th>
                <th>{t("audit.actor")}</th>
                <th>{t("audit.action")}</th>
                <th>{t("audit.object")}</th>
                <th>{t("audit.unit")}</th>
                <th>{t("audit.ip")}</th>
                <th>{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap">{formatDateTime(e.at, locale)}</td>
                  <td className="font-mono text-xs">{e.actorLabel}</td>
                  <td className="font-mono text-xs">{e.action}</td>
                  <td className="font-mono text-xs">
                    {e.objectType} {e.objectId}
                  </td>
                  <td>{e.unitId ? (unitNames[e.unitId] ?? e.unitId) : ""}</td>
                  <td className="font-mono text-xs">{e.ip}</td>
                  <td className="max-w-md font-mono text-xs break-all text-slate-600">
                    {e.before ? <div>− {e.before}</div> : null}
                    {e.after ? <div>+ {e.after}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBeforeId ? (
        <Link to={`/admin/audit?${next}`} className="btn-secondary mt-4">
          {t("audit.more")}
        </Link>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
