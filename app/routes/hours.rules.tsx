import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, FormErrors, TextField } from "~/components/form";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { forbidden } from "~/lib/request.server";
import { canAnywhere } from "~/modules/access/rules";
import { rulesPage, saveRules } from "~/modules/hours/rules-admin.server";
import { formFromRules, overrideFromForm, rulesFormSchema, rulesFromForm, type RulesFormFields, type RulesFormValue } from "~/modules/hours/rules-form";
import { HOURS_SOURCES, shanghaiYear, type CreditRules } from "~/modules/hours/rules";

const querySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  scope: z.string().max(40).optional().catch(undefined),
});

function mayView(actor: Parameters<typeof canAnywhere>[0]) {
  return canAnywhere(actor, "hours.rules") || canAnywhere(actor, "hours.view");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!mayView(actor)) forbidden();
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const thisYear = shanghaiYear(new Date());
  const page = await rulesPage(actor, query.year ?? thisYear, query.scope || "NATIONAL");
  return { ...page, years: [thisYear - 2, thisYear - 1, thisYear, thisYear + 1] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!canAnywhere(actor, "hours.rules")) forbidden();
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const year = query.year ?? shanghaiYear(new Date());
  const scope = query.scope || "NATIONAL";
  const submission = parseWithZod(await request.formData(), { schema: rulesFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const page = await rulesPage(actor, year, scope);
  const rules = scope === "NATIONAL" ? rulesFromForm(submission.value) : overrideFromForm(submission.value, page.nationalRules);
  const result = await saveRules(actor, { year, scope, rules, note: submission.value.note });
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of result.issues ?? []) (fieldErrors[issue.path || "carryOverMax"] ??= []).push(issue.message);
    return data(submission.reply({ formErrors: [result.error], fieldErrors }), { status: 400 });
  }
  return redirectWithFlash(`/hours/rules?year=${year}&scope=${encodeURIComponent(scope)}`, { key: "hours.rules.saved", params: { version: result.version, people: result.recomputed } });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function HoursRules() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const scopeOptions = [
    ...(page.scopes.national || page.scope === "NATIONAL" ? [{ value: "NATIONAL", label: t("hours.rules.national") }] : []),
    ...page.scopes.provinces.map((p) => ({ value: p.id, label: p.name })),
  ];
  const inForce = page.inForce;
  return (
    <div className="space-y-6">
      <PageHeader title={t("hours.rules.title")} intro={t("hours.rules.intro")} />
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <FilterSelect name="year" label={t("hours.rules.year")} defaultValue={String(page.year)} all={false} options={page.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <FilterSelect name="scope" label={t("hours.rules.scope")} defaultValue={page.scope} all={false} options={scopeOptions} />
        <FilterActions resetTo="/hours/rules" />
      </Form>

      <section className="card space-y-3" aria-labelledby="in-force" data-testid="rules-in-force">
        <h2 id="in-force" className="text-lg font-semibold">
          {t("hours.rules.inForce", { year: page.year, scope: page.scopeName })}
        </h2>
        <p className="text-sm text-slate-600">
          {inForce.national ? t("hours.rules.nationalVersion", { version: inForce.national.version }) : t("hours.rules.defaults")}
          {inForce.provincial ? ` · ${t("hours.rules.provincialVersion", { version: inForce.provincial.version })}` : ""}
        </p>
        <RulesSummary rules={inForce.rules} locale={locale} />
      </section>

      {page.canEdit ? <RulesForm page={page} /> : <p className="text-sm text-slate-600">{t(page.year < shanghaiYear(new Date()) ? "hours.rules.closedYear" : "hours.rules.readOnly")}</p>}

      <section className="card" aria-labelledby="versions">
        <h2 id="versions" className="mb-3 text-lg font-semibold">
          {t("hours.rules.versions")}
        </h2>
        {page.versions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("hours.rules.noVersions")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="rule-versions">
              <thead>
                <tr className="border-b text-slate-600">
                  <th className="py-2 pr-3">{t("hours.rules.scope")}</th>
                  <th className="py-2 pr-3">{t("hours.rules.version")}</th>
                  <th className="py-2 pr-3">{t("hours.rules.savedAt")}</th>
                  <th className="py-2 pr-3">{t("hours.rules.savedBy")}</th>
                  <th className="py-2 pr-3">{t("hours.rules.note")}</th>
                </tr>
              </thead>
              <tbody>
                {page.versions.map((v) => (
                  <tr key={v.id} className="border-b last:border-0">
                    <td className="py-2 pr-3">{v.scope === "NATIONAL" ? t("hours.rules.national") : v.scopeName}</td>
                    <td className="py-2 pr-3">v{v.version}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(v.createdAt, locale)}</td>
                    <td className="py-2 pr-3">{v.createdBy ?? "—"}</td>
                    <td className="py-2 pr-3">{v.note || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function RulesSummary({ rules, locale }: { rules: CreditRules; locale: Locale }) {
  const { t } = useTranslation();
  const n = (v: number) => formatNumber(v, locale);
  const thresholds = [...rules.onlineMinutesToHours].sort((a, b) => b.minMinutes - a.minMinutes);
  const caps = HOURS_SOURCES.filter((s) => rules.capsPerSource[s] !== undefined);
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      <Row label={t("hours.rules.professional")} value={t("hours.rules.hoursValue", { hours: n(rules.requirement.PROFESSIONAL_LEGAL) })} testId="rule-professional" />
      <Row label={t("hours.rules.political")} value={t("hours.rules.hoursValue", { hours: n(rules.requirement.POLITICAL_THEORY) })} />
      <Row label={t("hours.rules.online")} value={thresholds.map((th) => t("hours.rules.thresholdValue", { minutes: th.minMinutes, hours: n(th.hours) })).join("；")} />
      <Row label={t("hours.rules.offPost")} value={t("hours.rules.hoursValue", { hours: n(rules.offPostHoursPerDay) })} />
      <Row label={t("hours.rules.teaching")} value={`× ${n(rules.teachingMultiplier)}`} />
      <Row label={t("hours.rules.caps")} value={caps.length ? caps.map((s) => `${t(`hours.sources.${s}`)} ${n(rules.capsPerSource[s]!)}`).join("；") : t("hours.rules.noCaps")} />
      <Row label={t("hours.rules.carryOver")} value={rules.carryOverSurplus ? t("hours.rules.carryOverUpTo", { hours: n(rules.carryOverMax) }) : t("hours.rules.noCarryOver")} />
    </dl>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function RulesForm({ page }: { page: LoaderData }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<RulesFormFields, RulesFormValue>({
    id: `rules-${page.year}-${page.scope}`,
    lastResult,
    defaultValue: formFromRules(page.inForce.rules),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rulesFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const requirement = fields.requirement.getFieldset();
  const thresholds = fields.onlineMinutesToHours.getFieldList();
  const caps = fields.capsPerSource.getFieldset();
  return (
    <section className="card" aria-labelledby="edit-rules">
      <h2 id="edit-rules" className="mb-1 text-lg font-semibold">
        {t("hours.rules.newVersion")}
      </h2>
      <p className="mb-4 text-sm text-slate-600">{t(page.scope === "NATIONAL" ? "hours.rules.newVersionHint" : "hours.rules.overrideHint")}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} className="space-y-5" data-testid="rules-form">
        <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <legend className="label">{t("hours.rules.requirement")}</legend>
          <TextField meta={requirement.PROFESSIONAL_LEGAL} label={t("hours.rules.professional")} inputMode="decimal" />
          <TextField meta={requirement.POLITICAL_THEORY} label={t("hours.rules.political")} inputMode="decimal" />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="label">{t("hours.rules.online")}</legend>
          <p className="text-xs text-slate-500">{t("hours.rules.onlineHint")}</p>
          {thresholds.map((item, i) => {
            const row = item.getFieldset();
            return (
              <div key={item.key} className="grid grid-cols-2 gap-3">
                <TextField meta={row.minMinutes} label={t("hours.rules.minMinutes", { n: i + 1 })} inputMode="numeric" />
                <TextField meta={row.hours} label={t("hours.rules.thresholdHours", { n: i + 1 })} inputMode="decimal" />
              </div>
            );
          })}
          {fields.onlineMinutesToHours.errors ? <FormErrors errors={fields.onlineMinutesToHours.errors} /> : null}
        </fieldset>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField meta={fields.offPostHoursPerDay} label={t("hours.rules.offPost")} inputMode="decimal" />
          <TextField meta={fields.teachingMultiplier} label={t("hours.rules.teaching")} inputMode="decimal" />
        </div>
        <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="label">{t("hours.rules.caps")}</legend>
          <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-4">{t("hours.rules.capsHint")}</p>
          {HOURS_SOURCES.map((s) => (
            <TextField key={s} meta={caps[s]} label={t(`hours.sources.${s}`)} inputMode="decimal" optional />
          ))}
        </fieldset>
        <div className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2">
          <CheckboxField meta={fields.carryOverSurplus} label={t("hours.rules.carryOverSurplus")} />
          <TextField meta={fields.carryOverMax} label={t("hours.rules.carryOverMax")} inputMode="decimal" />
        </div>
        <TextField meta={fields.note} label={t("hours.rules.note")} optional />
        <button type="submit" className="btn w-full sm:w-auto" data-testid="save-rules">
          {t("hours.rules.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
