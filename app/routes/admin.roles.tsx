import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SelectField, TextField } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { grantableRoles, grantRole, listGrants, revokeGrant } from "~/modules/access/access.server";
import { ROLES } from "~/modules/access/permissions";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

const grantSchema = z.object({
  staffNo: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }),
  roleKey: z.enum(ROLES, { message: "errors.required" }),
  unitId: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }),
});
const revokeSchema = z.object({
  grantId: z.string().min(1),
  reason: z.string({ message: "errors.reasonRequired" }).trim().min(2, { message: "errors.reasonRequired" }).max(200),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "role.grant");
  const params = new URL(request.url).searchParams;
  const roleParam = params.get("role");
  const roleKey = ROLES.find((r) => r === roleParam);
  const [grants, units] = await Promise.all([listGrants(actor, { q: params.get("q") ?? undefined, roleKey }), unitOptions(actor, "role.grant")]);
  return { grants, units, roles: grantableRoles(actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "role.grant");
  const form = await request.formData();
  if (form.get("intent") === "grant") {
    const submission = parseWithZod(form, { schema: grantSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const result = await grantRole(actor, submission.value);
    if (!result.ok) return replyWithErrors(submission, result.errors);
    return redirectWithFlash("/admin/roles", { key: "access.granted" });
  }
  if (form.get("intent") === "revoke") {
    const submission = parseWithZod(form, { schema: revokeSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const result = await revokeGrant(actor, submission.value.grantId, submission.value.reason);
    if (!result.ok) return replyWithErrors(submission, result.errors);
    return redirectWithFlash("/admin/roles", { key: "access.revoked" });
  }
  badRequest();
}

export default function Roles() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { grants, units, roles } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "grant",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="space-y-4">
      <PageHeader title={t("access.title")} intro={t("access.intro")} />
      <section className="card">
        <h2 className="mb-3 font-semibold">{t("access.grantTitle")}</h2>
        <Form method="post" {...getFormProps(form)} className="grid grid-cols-1 gap-3 sm:grid-cols-4">
          <input type="hidden" name="intent" value="grant" />
          <TextField meta={fields.staffNo} label={t("access.staffNo")} autoComplete="off" />
          <SelectField meta={fields.roleKey} label={t("access.role")} options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} placeholder="" />
          <SelectField meta={fields.unitId} label={t("access.unit")} options={unitSelectOptions(units)} placeholder="" />
          <div className="self-end">
            <button type="submit" className="btn">
              {t("access.grant")}
            </button>
          </div>
        </Form>
      </section>
      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="q" className="label">
            {t("people.searchLabel")}
          </label>
          <input id="q" name="q" type="search" className="input" defaultValue={params.get("q") ?? ""} />
        </div>
        <div>
          <label htmlFor="role" className="label">
            {t("access.role")}
          </label>
          <select id="role" name="role" className="input" defaultValue={params.get("role") ?? ""}>
            <option value="">{t("common.all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("common.search")}
        </button>
      </Form>
      {grants.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("access.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="grants">
            <thead>
              <tr>
                <th>{t("access.holder")}</th>
                <th>{t("access.role")}</th>
                <th>{t("access.unit")}</th>
                <th>{t("access.grantedAt")}</th>
                <th>{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id}>
                  <td>
                    {g.user.person.name} <span className="font-mono text-xs text-slate-500">{g.user.person.staffNo}</span>
                  </td>
                  <td>{t(`roles.${g.roleKey}`)}</td>
                  <td>{g.unit.name}</td>
                  <td>{formatDateTime(g.grantedAt, locale)}</td>
                  <td>
                    {g.canRevoke ? (
                      <Form method="post" className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="grantId" value={g.id} />
                        <label className="sr-only" htmlFor={`reason-${g.id}`}>
                          {t("access.revokeReason")}
                        </label>
                        <input id={`reason-${g.id}`} name="reason" required minLength={2} placeholder={t("access.revokeReason")} className="input w-40" />
                        <button type="submit" className="btn-secondary">
                          {t("access.revoke")}
                        </button>
                      </Form>
                    ) : null}
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
