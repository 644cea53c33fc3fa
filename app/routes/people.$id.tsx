import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/form";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { formatDate, formatDateTime, isoDateInShanghai, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { issuePassword } from "~/modules/auth/auth.server";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";
import { getPerson, recordMovement, revealIdCard } from "~/modules/people/people.server";
import { movementSchema, PERSON_STATUSES } from "~/modules/people/rules";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const person = await getPerson(actor, params.id!);
  const units = person.canManage ? await unitOptions(actor, "person.manage") : [];
  return { person, units, today: isoDateInShanghai(new Date()) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  switch (form.get("intent")) {
    case "revealIdCard":
      return { intent: "revealIdCard" as const, idCard: await revealIdCard(actor, params.id!) };
    case "issueAccount": {
      const email = String(form.get("email") ?? "").trim();
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return data({ intent: "issueAccount" as const, error: "errors.emailFormat" }, { status: 400 });
      const issued = await issuePassword(actor, params.id!, email || undefined);
      if (!issued.ok) return data({ intent: "issueAccount" as const, error: issued.error }, { status: 400 });
      return { intent: "issueAccount" as const, password: issued.password };
    }
    case "movement": {
      const submission = parseWithZod(form, { schema: movementSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = await recordMovement(actor, params.id!, submission.value);
      if (!result.ok) return replyWithErrors(submission, result.errors);
      return redirectWithFlash(`/people/${params.id}`, { key: "people.moved" });
    }
    default:
      badRequest();
  }
}

function MovementForm({ units, currentUnitCode, today }: { units: Awaited<ReturnType<typeof loader>>["units"]; currentUnitCode: string; today: string }) {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const lastResult = result && "status" in result ? result : undefined;
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { toUnitCode: currentUnitCode, effectiveDate: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: movementSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value="movement" />
      <SelectField meta={fields.toUnitCode} label={t("people.toUnit")} options={unitSelectOptions(units, "code")} />
      <SelectField
        meta={fields.toStatus}
        label={t("people.toStatus")}
        options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`people.status.${s}`) }))}
        placeholder=""
      />
      <TextField meta={fields.reason} label={t("people.reason")} />
      <TextField meta={fields.effectiveDate} label={t("people.effectiveDate")} type="date" />
      <div className="sm:col-span-2">
        <button type="submit" className="btn">
          {t("people.recordMovement")}
        </button>
      </div>
    </Form>
  );
}

export default function PersonPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { person, units, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revealed = result && "intent" in result && result.intent === "revealIdCard" ? result.idCard : null;
  const issued = result && "intent" in result && result.intent === "issueAccount" && "password" in result ? result.password : null;
  const issueError = result && "intent" in result && result.intent === "issueAccount" && "error" in result ? result.error : null;
  const rows: [string, React.ReactNode][] = [
    [t("people.columns.staffNo"), person.staffNo],
    [t("people.unit"), `${person.unit.name}（${person.unit.code}）`],
    [t("people.columns.category"), t(`people.category.${person.category}`)],
    [t("people.columns.post"), person.post],
    [t("people.columns.inEnforcementSystem"), person.inEnforcementSystem ? t("common.yes") : t("common.no")],
    [t("people.columns.hireDate"), formatDate(person.hireDate, locale)],
    [t("people.columns.education"), person.education ? t(`people.education.${person.education}`) : ""],
    [t("people.columns.phone"), person.phone],
    [t("people.columns.idCard"), <span className="font-mono" data-testid="id-card-masked">{person.idCardMasked}</span>],
    [t("people.columns.status"), t(`people.status.${person.status}`)],
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={person.name}
        actions={
          person.canManage ? (
            <Link to={`/people/${person.id}/edit`} className="btn-secondary">
              {t("common.edit")}
            </Link>
          ) : null
        }
      />
      {revealed ? <Notice kind="info">{t("people.idCardShown", { value: revealed })}</Notice> : null}
      {issued ? (
        <Notice kind="success">
          <span data-testid="issued-password">{t("people.issuedPassword", { password: issued })}</span>
        </Notice>
      ) : null}
      <section className="card">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label} className="flex gap-3 border-b border-slate-100 pb-2">
              <dt className="w-32 shrink-0 text-slate-500">{label}</dt>
              <dd className="min-w-0 break-words">{value}</dd>
            </div>
          ))}
        </dl>
        {person.canViewIdCard && !revealed ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="revealIdCard" />
            <button type="submit" className="btn-secondary">
              {t("people.showIdCard")}
            </button>
          </Form>
        ) : null}
      </section>

      {person.canManageAccount ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("people.accountTitle")}</h2>
          {person.user ? (
            <p className="mb-3 text-sm text-slate-600">
              {person.user.email ? `${person.user.email} · ` : ""}
              {t("people.lastLogin")}: {person.user.lastLoginAt ? formatDateTime(person.user.lastLoginAt, locale) : t("people.neverLoggedIn")}
              {person.user.mustChangePassword ? ` · ${t("people.mustChangePending")}` : ""}
            </p>
          ) : (
            <p className="mb-3 text-sm text-slate-600">{t("people.noAccount")}</p>
          )}
          {issueError ? <Notice kind="error">{t(issueError)}</Notice> : null}
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="issueAccount" />
            {!person.user ? (
              <div>
                <label htmlFor="email" className="label">
                  {t("people.accountEmail")}
                </label>
                <input id="email" name="email" type="email" className="input" autoComplete="off" />
              </div>
            ) : null}
            <button type="submit" className="btn-secondary">
              {person.user ? t("people.resetPassword") : t("people.issueAccount")}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="card">
        <h2 className="mb-3 font-semibold">{t("people.movementsTitle")}</h2>
        {person.movements.length === 0 ? (
          <p className="text-sm text-slate-600">{t("people.noMovements")}</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="movements">
            {person.movements.map((m) => (
              <li key={m.id} className="border-l-2 border-brand-600 pl-3">
                <span className="font-medium">{formatDate(m.effectiveDate, locale)}</span>{" "}
                {m.fromUnitId !== m.toUnitId ? t("people.movementFrom", { from: m.fromUnitName, to: m.toUnitName }) : null}
                {m.fromStatus !== m.toStatus ? ` ${t(`people.status.${m.fromStatus}`)} → ${t(`people.status.${m.toStatus}`)}` : null}
                <span className="text-slate-600"> · {m.reason}</span>
              </li>
            ))}
          </ol>
        )}
        {person.canManage ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="font-medium">{t("people.movementTitle")}</h3>
            <p className="mb-3 text-sm text-slate-600">{t("people.movementHint")}</p>
            <MovementForm units={units} currentUnitCode={person.unit.code} today={today} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
