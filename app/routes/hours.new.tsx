import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { EvidenceField } from "~/components/evidence-field";
import { evidenceForm } from "~/lib/evidence.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors, SelectField, TextField } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { quantityUnitFor, submitEntrySchema, SUBMIT_SOURCES } from "~/modules/hours/officer";
import { submitEntry, submitFormContext } from "~/modules/hours/officer.server";
import { HOURS_CATEGORIES } from "~/modules/hours/rules";

/** GET/POST /hours/new — an officer submits an entry (pending); HR may enter one for a person in scope (approved). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return submitFormContext(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const parsed = await evidenceForm(request);
  if (!parsed) return data({ fileTooLarge: true as const }, { status: 413 });
  const { form, evidence } = parsed;
  const submission = parseWithZod(form, { schema: submitEntrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await submitEntry(actor, submission.value, evidence);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  if (result.status === "APPROVED") return redirectWithFlash(`/hours/people/${result.personId}`, { key: "ledger.flash.entered" });
  return redirectWithFlash("/hours", { key: "ledger.flash.submitted" });
}

export default function NewEntry() {
  const { t } = useTranslation();
  const ctx = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fileTooLarge = !!result && "fileTooLarge" in result;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "hours-entry",
    lastResult: result && !("fileTooLarge" in result) ? result : undefined,
    defaultValue: { category: "PROFESSIONAL_LEGAL", source: "MANUAL" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: submitEntrySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const source = (fields.source.value ?? "MANUAL") as (typeof SUBMIT_SOURCES)[number];
  const unit = SUBMIT_SOURCES.includes(source) ? quantityUnitFor(source) : "HOURS";
  const quantityLabel = source === "TEACHING" ? t("ledger.new.hoursTaught") : unit === "DAYS" ? t("ledger.new.days") : t("ledger.new.hours");
  const quantityHint =
    source === "TEACHING"
      ? t("ledger.new.teachingHint", { multiplier: ctx.teachingMultiplier })
      : source === "OFF_POST_TRAINING"
        ? t("ledger.new.offPostHint", { hours: ctx.offPostHoursPerDay })
        : t("ledger.new.hoursHint");
  const dateProps = getInputProps(fields.activityDate, { type: "date" });
  const noteProps = getTextareaProps(fields.note);
  // The file is not part of the schema: the server's error for it arrives under "evidence".
  const evidenceErrors = (form.allErrors as Record<string, string[] | undefined>).evidence;
  return (
    <div className="space-y-4">
      <PageHeader title={t("ledger.new.title")} intro={t("ledger.new.intro")} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <FormErrors errors={form.errors} />
        </div>
        {ctx.canEnterForOthers ? (
          <div className="sm:col-span-2">
            <TextField meta={fields.staffNo} label={t("ledger.new.staffNo")} hint={t("ledger.new.staffNoHint")} autoComplete="off" optional />
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <TextField meta={fields.title} label={t("ledger.new.activityTitle")} />
        </div>
        <div>
          <label htmlFor={fields.activityDate.id} className="label">
            {t("ledger.new.date")}
          </label>
          <input {...dateProps} key={dateProps.key} max={ctx.today} className="input" />
          <FieldError id={fields.activityDate.errorId} errors={fields.activityDate.errors} />
        </div>
        <SelectField meta={fields.source} label={t("ledger.new.source")} options={SUBMIT_SOURCES.map((s) => ({ value: s, label: t(`ledger.sources.${s}`) }))} />
        <TextField meta={fields.quantity} type="number" label={quantityLabel} hint={quantityHint} inputMode="decimal" />
        <SelectField meta={fields.category} label={t("ledger.new.category")} options={HOURS_CATEGORIES.map((c) => ({ value: c, label: t(`ledger.categories.${c}`) }))} />
        <div className="sm:col-span-2">
          <label htmlFor={fields.note.id} className="label">
            {t("ledger.new.note")}
            <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>
          </label>
          <textarea {...noteProps} key={noteProps.key} rows={3} className="input" />
          <FieldError id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <div className="sm:col-span-2">
          <EvidenceField label={t("ledger.new.evidence")} hint={t("ledger.new.evidenceHint")} errors={fileTooLarge ? ["ledger.errors.evidenceTooLarge"] : evidenceErrors} />
        </div>
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="submit-entry">
            {t("ledger.new.submit")}
          </button>
          <Link to="/hours" className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
