import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError, SelectField, TextField } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import {
  baseForEdit,
  baseOwnerUnits,
  getBase,
  saveBase,
  setBaseActive,
} from "~/modules/classes/bases.server";
import { ClassStatusBadge } from "~/modules/classes/components/badges";
import { baseSchema, isCalendarDate } from "~/modules/classes/rules";
import { unitSelectOptions } from "~/modules/org/components/unit-options";

const periodSchema = z.object({
  from: z.string().refine(isCalendarDate),
  to: z.string().refine(isCalendarDate),
});

/**
 * GET/POST /bases/:id — one training base: details, its classes and utilisation over a
 * period (default this year); /bases/new and ?edit=1 show the form (base.manage).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const url = new URL(request.url);
  if (params.id === "new") {
    requireAnyScope(actor, "base.manage");
    return {
      mode: "form" as const,
      units: unitSelectOptions(await baseOwnerUnits(actor)),
      defaults: { capacity: "40" } as Record<string, string>,
      id: null,
    };
  }
  if (url.searchParams.get("edit") === "1") {
    const defaults = await baseForEdit(actor, params.id!);
    return {
      mode: "form" as const,
      units: unitSelectOptions(await baseOwnerUnits(actor)),
      defaults: defaults as Record<string, string>,
      id: defaults.id,
    };
  }
  const period = periodSchema.safeParse({
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
  });
  return {
    mode: "view" as const,
    ...(await getBase(
      actor,
      params.id!,
      period.success && period.data.from <= period.data.to
        ? period.data
        : undefined
    )),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const id = params.id === "new" ? null : params.id!;
  if (intent === "activate" || intent === "deactivate") {
    if (!id) badRequest();
    await setBaseActive(actor, id, intent === "activate");
    return redirectWithFlash(`/bases/${id}`, {
      key: `classes.flash.base${
        intent === "activate" ? "Activated" : "Deactivated"
      }`,
    });
  }
  const submission = parseWithZod(form, { schema: baseSchema });
  if (submission.status !== "success")
    return data(submission.reply(), { status: 400 });
  const result = await saveBase(actor, id, submission.value);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/bases/${result.id}`, {
    key: "classes.flash.baseSaved",
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function BaseForm({ page }: { page: Extract<LoaderData, { mode: "form" }> }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `base-${page.id ?? "new"}`,
    lastResult: lastResult && "status" in lastResult ? lastResult : undefined,
    defaultValue: page.defaults,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: baseSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const facilities = getTextareaProps(fields.facilities);
  return (
    <div className="space-y-4">
      <PageHeader
        title={page.id ? t("classes.bases.edit") : t("classes.bases.new")}
      />
      <Form
        method="post"
        {...getFormProps(form)}
        className="card grid grid-cols-1 gap-4 sm:grid-cols-2"
        data-testid="base-form"
      >
        <div className="sm:col-span-2">
          <TextField
            meta={fields.name}
            label={t("classes.bases.name")}
            autoComplete="off"
          />
        </div>
        <SelectField
          meta={fields.unitId}
          label={t("classes.bases.unit")}
          options={page.units}
          placeholder=""
        />
        <TextField
          meta={fields.capacity}
          label={t("classes.bases.capacity")}
          inputMode="numeric"
        />
        <TextField
          meta={fields.location}
          label={t("classes.bases.location")}
          autoComplete="off"
        />
        <TextField
          meta={fields.address}
          label={t("classes.bases.address")}
          autoComplete="off"
          optional
        />
        <div className="sm:col-span-2">
          <TextField
            meta={fields.specialities}
            label={t("classes.bases.specialities")}
            hint={t("classes.hints.list")}
            autoComplete="off"
            optional
          />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={fields.facilities.id} className="label">
            {t("classes.bases.facilities")}
            <span className="ml-1 font-normal text-slate-500">
              （{t("common.optional")}）
            </span>
          </label>
          <textarea
            {...facilities}
            key={facilities.key}
            rows={3}
            className="input"
          />
          <FieldError
            id={fields.facilities.errorId}
            errors={fields.facilities.errors}
          />
        </div>
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <button type="submit" className="btn" data-testid="base-save">
            {t("common.save")}
          </button>
          <Link
            to={page.id ? `/bases/${page.id}` : "/bases"}
            className="btn-secondary"
          >
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

function BaseView({ page }: { page: Extract<LoaderData, { mode: "view" }> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [params] = useSearchParams();
  const { base, utilisation } = page;
  return (
    <div className="space-y-4">
      <PageHeader
        title={base.name}
        intro={`${t(`classes.levels.${base.level}`)} · ${base.unitName}${
          base.active ? "" : ` · ${t("classes.bases.activeNo")}`
        }`}
        actions={
          page.canManage ? (
            <>
              <Link to={`/bases/${base.id}?edit=1`} className="btn-secondary">
                {t("common.edit")}
              </Link>
              <Form method="post">
                <button
                  name="intent"
                  value={base.active ? "deactivate" : "activate"}
                  className="btn-secondary"
                >
                  {base.active
                    ? t("classes.bases.deactivate")
                    : t("classes.bases.activate")}
                </button>
              </Form>
            </>
          ) : undefined
        }
      />
      <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-500">{t("classes.bases.location")}</dt>
        <dd>{base.location}</dd>
        <dt className="text-slate-500">{t("classes.bases.address")}</dt>
        <dd>{base.address || t("common.none")}</dd>
        <dt className="text-slate-500">{t("classes.bases.capacity")}</dt>
        <dd>{formatNumber(base.capacity, locale)}</dd>
        <dt className="text-slate-500">{t("classes.bases.specialities")}</dt>
        <dd>{base.specialities.join("、") || t("common.none")}</dd>
        <dt className="text-slate-500">{t("classes.bases.facilities")}</dt>
        <dd className="whitespace-pre-line">
          {base.facilities || t("common.none")}
        </dd>
      </dl>
      <section className="card space-y-3" aria-labelledby="utilisation-title">
        <h2 id="utilisation-title" className="font-semibold">
          {t("classes.bases.utilisation")}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="from" className="label">
              {t("classes.bases.from")}
            </label>
            <input
              id="from"
              name="from"
              type="date"
              defaultValue={params.get("from") ?? page.period.from}
              className="input"
            />
          </div>
          <div>
            <label htmlFor="to" className="label">
              {t("classes.bases.to")}
            </label>
            <input
              id="to"
              name="to"
              type="date"
              defaultValue={params.get("to") ?? page.period.to}
              className="input"
            />
          </div>
          <button type="submit" className="btn-secondary">
            {t("common.search")}
          </button>
        </Form>
        <p className="text-sm" data-testid="base-utilisation">
          {t("classes.bases.utilisationValue", {
            used: formatNumber(utilisation.used, locale),
            available: formatNumber(utilisation.available, locale),
            pct: utilisation.pct,
          })}
        </p>
        <div className="h-3 w-full rounded bg-slate-100" aria-hidden="true">
          <div
            className="h-3 rounded bg-sky-600"
            style={{ width: `${Math.min(100, utilisation.pct)}%` }}
          />
        </div>
      </section>
      <section className="card space-y-2" aria-labelledby="base-classes-title">
        <h2 id="base-classes-title" className="font-semibold">
          {t("classes.bases.classes")}
        </h2>
        {page.classes.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t("classes.bases.noClasses")}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="base-classes">
              <thead>
                <tr>
                  <th>{t("classes.fields.title")}</th>
                  <th className="hidden sm:table-cell">
                    {t("classes.fields.dates")}
                  </th>
                  <th className="text-right">{t("classes.participants")}</th>
                  <th>{t("classes.fields.status")}</th>
                </tr>
              </thead>
              <tbody>
                {page.classes.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.canOpen ? (
                        <Link to={`/classes/${c.id}`}>{c.title}</Link>
                      ) : (
                        c.title
                      )}
                      <span className="block text-xs text-slate-500">
                        {c.unitName}
                      </span>
                    </td>
                    <td className="hidden whitespace-nowrap sm:table-cell">
                      {formatDate(c.startDate, locale)} –{" "}
                      {formatDate(c.endDate, locale)}
                    </td>
                    <td className="text-right tabular-nums">
                      {c.participants}/{c.capacity}
                    </td>
                    <td>
                      <ClassStatusBadge status={c.status} />
                    </td>
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

export default function BasePage() {
  const page = useLoaderData<typeof loader>();
  return page.mode === "form" ? (
    <BaseForm page={page} />
  ) : (
    <BaseView page={page} />
  );
}

export { RouteErrorBoundary as ErrorBoundary };
