import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { EvidenceField } from "~/components/evidence-field";
import { evidenceForm } from "~/lib/evidence.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, SelectField, TextField } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { isoDateInShanghai, type Locale } from "~/lib/i18n";
import { recordExternal, typeOptions } from "~/modules/credentials/credentials.server";
import { recordErrorField, recordExternalSchema } from "~/modules/credentials/forms";
import { parseShanghaiDate } from "~/modules/credentials/rules";

/** GET/POST /credentials/record — HR (credential.issue) records a credential issued outside, with evidence. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  return { types: await typeOptions("EXTERNAL"), today: isoDateInShanghai(new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  const parsed = await evidenceForm(request);
  if (!parsed) return data({ fileTooLarge: true as const }, { status: 413 });
  const { form, evidence } = parsed;
  const submission = parseWithZod(form, { schema: recordExternalSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result = await recordExternal(actor, {
    staffNo: v.staffNo,
    typeCode: v.type,
    externalNumber: v.externalNumber,
    issuedAt: parseShanghaiDate(v.issuedAt)!,
    validUntil: v.validUntil ? parseShanghaiDate(v.validUntil) : null,
    evidence,
  });
  if (!result.ok) return replyWithErrors(submission, { [recordErrorField(result.error)]: result.error });
  return redirectWithFlash(`/credentials/${result.id}`, { key: "credentials.record.recorded" });
}

export default function RecordExternal() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { types, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fileTooLarge = !!result && "fileTooLarge" in result;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "record-credential",
    lastResult: result && !("fileTooLarge" in result) ? result : undefined,
    defaultValue: { type: types[0]?.code ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recordExternalSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const evidenceErrors = (form.allErrors as Record<string, string[] | undefined>).evidence;
  const issuedProps = getInputProps(fields.issuedAt, { type: "date" });
  const untilProps = getInputProps(fields.validUntil, { type: "date", ariaDescribedBy: "valid-until-hint" });
  return (
    <div className="space-y-4">
      <PageHeader title={t("credentials.record.title")} intro={t("credentials.record.intro")} />
      {types.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("credentials.record.noTypes")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="record-form">
          <TextField meta={fields.staffNo} label={t("credentials.record.staffNo")} autoComplete="off" />
          <SelectField meta={fields.type} label={t("credentials.record.type")} options={types.map((x) => ({ value: x.code, label: locale === "en" ? x.nameEn : x.name }))} />
          <TextField meta={fields.externalNumber} label={t("credentials.record.externalNumber")} autoComplete="off" />
          <div>
            <label htmlFor={fields.issuedAt.id} className="label">
              {t("credentials.record.issuedAt")}
            </label>
            <input {...issuedProps} key={issuedProps.key} max={today} className="input" />
            <FieldError id={fields.issuedAt.errorId} errors={fields.issuedAt.errors} />
          </div>
          <div>
            <label htmlFor={fields.validUntil.id} className="label">
              {t("credentials.record.validUntil")}
              <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>
            </label>
            <input {...untilProps} key={untilProps.key} className="input" />
            <p id="valid-until-hint" className="mt-1 text-xs text-slate-500">
              {t("credentials.record.validUntilHint")}
            </p>
            <FieldError id={fields.validUntil.errorId} errors={fields.validUntil.errors} />
          </div>
          <div>
            <EvidenceField label={t("credentials.record.evidence")} hint={t("credentials.record.evidenceHint")} errors={fileTooLarge ? ["credentials.errors.evidenceTooLarge"] : evidenceErrors} />
          </div>
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="record-submit">
              {t("credentials.record.submit")}
            </button>
            <Link to="/credentials" className="btn-secondary">
              {t("common.cancel")}
            </Link>
          </div>
        </Form>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
