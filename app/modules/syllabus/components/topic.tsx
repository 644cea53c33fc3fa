import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FieldError, FormErrors, TextField } from "~/components/form";
import { splitLaws, SYLLABUS_AUDIENCES, topicInputSchema, type SyllabusAudience, type TopicHours } from "../rules";

/** Editing a topic: everything but the code, which never changes. */
export const topicEditSchema = topicInputSchema.omit({ localCode: true });

/**
 * Zod's own messages are English sentences, not dictionary keys; schema fields without
 * a message of their own (a number left blank or typed as text) get one of ours.
 */
export const formErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined || issue.input === "") return "errors.required";
  if (issue.code === "invalid_type" && issue.expected === "number") return "errors.number";
  return "errors.invalid";
};

/** The route action's form values → the module's topic input. */
export function topicInput(value: z.output<typeof topicEditSchema>) {
  const hours = Object.fromEntries(SYLLABUS_AUDIENCES.map((a) => [a, value[a]])) as Record<SyllabusAudience, number>;
  return { name: value.name, description: value.description, laws: splitLaws(value.laws), hours };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

export function TextAreaField({ meta, label, hint, rows = 3 }: { meta: AnyField; label: string; hint?: string; rows?: number }) {
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <textarea {...props} key={props.key} rows={rows} className="input" />
      {hint ? (
        <p id={`${meta.id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

type Props = {
  /** Distinct per form on a page; also the `intent` the action switches on. */
  intent: "add" | "update";
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { name?: string; description?: string; laws?: string[]; hours?: TopicHours };
  /** Shown under the code field when adding (how the full code is formed). */
  codeHint?: string;
  submitLabel: string;
};

/** Add or edit a syllabus topic; the same Zod schema validates on the server. */
export function TopicForm({ intent, lastResult, defaultValue, codeHint, submitLabel }: Props) {
  const { t } = useTranslation();
  const adding = intent === "add";
  // One field set for both; editing leaves out the code (the edit schema has no localCode).
  const [form, fields] = useForm<z.input<typeof topicInputSchema>>({
    id: `topic-${intent}`,
    lastResult,
    defaultValue: {
      name: defaultValue?.name ?? "",
      description: defaultValue?.description ?? "",
      laws: (defaultValue?.laws ?? []).join("\n"),
      ...Object.fromEntries(SYLLABUS_AUDIENCES.map((a) => [a, String(defaultValue?.hours?.[a] ?? 0)])),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adding ? topicInputSchema : (topicEditSchema as unknown as typeof topicInputSchema), error: formErrorMap }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const errorCount = Object.keys(form.allErrors).length;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value={intent} />
      {errorCount > 0 && form.status === "error" ? <FormErrors errors={[t("common.formHasErrors", { count: errorCount })]} /> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {adding ? <TextField meta={fields.localCode} label={t("syllabus.localCode")} hint={codeHint} autoComplete="off" /> : null}
        <TextField meta={fields.name} label={t("syllabus.name")} autoComplete="off" />
      </div>
      <TextAreaField meta={fields.description} label={t("syllabus.description")} />
      <TextAreaField meta={fields.laws} label={t("syllabus.laws")} hint={t("syllabus.lawsHint")} />
      <fieldset className="min-w-0">
        <legend className="label">{t("syllabus.hoursPerYear")}</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {SYLLABUS_AUDIENCES.map((a) => (
            <TextField key={a} meta={fields[a]} label={t(`syllabus.audiences.${a}`)} inputMode="decimal" />
          ))}
        </div>
      </fieldset>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}

export function TopicBadge({ provincial, ownerUnitName }: { provincial: boolean; ownerUnitName: string }) {
  const { t } = useTranslation();
  return provincial ? (
    <span className="inline-block rounded bg-amber-50 px-1.5 py-0.5 text-xs whitespace-nowrap text-amber-900 ring-1 ring-amber-300">
      {t("syllabus.provincial")} · {ownerUnitName}
    </span>
  ) : (
    <span className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-600">{t("syllabus.national")}</span>
  );
}

export function GapBadge() {
  const { t } = useTranslation();
  return <span className="inline-block rounded bg-red-50 px-1.5 py-0.5 text-xs whitespace-nowrap text-red-800 ring-1 ring-red-300">{t("syllabus.gap")}</span>;
}

/** Topic codes contain dots and (provincial) a colon. */
export const topicHref = (code: string) => `/syllabus/${encodeURIComponent(code)}`;
