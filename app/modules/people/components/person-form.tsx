import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/components/form";
import { unitSelectOptions, type UnitOption } from "~/modules/org/components/unit-options";
import { EDUCATION_LEVELS, STAFF_CATEGORIES, type personInputSchema } from "../rules";

type Props = {
  schema: z.ZodType;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<z.input<typeof personInputSchema>>;
  /** Units the person may be placed in; absent when editing (units change by transfer). */
  units?: UnitOption[];
  submitLabel: string;
};

/** The person form, shared by "add" and "edit"; the same Zod schema validates on the server. */
export function PersonForm({ schema, lastResult, defaultValue, units, submitLabel }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const errorCount = Object.values(form.allErrors).length;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      {errorCount > 0 && form.status === "error" ? <FormErrors errors={[t("common.formHasErrors", { count: errorCount })]} /> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField meta={fields.name} label={t("people.columns.name")} autoComplete="off" />
        <TextField meta={fields.staffNo} label={t("people.columns.staffNo")} autoComplete="off" />
        {units ? (
          <SelectField meta={fields.unitCode} label={t("people.unit")} options={unitSelectOptions(units, "code")} placeholder="" />
        ) : null}
        <SelectField
          meta={fields.category}
          label={t("people.columns.category")}
          options={STAFF_CATEGORIES.map((c) => ({ value: c, label: t(`people.category.${c}`) }))}
          placeholder=""
        />
        <TextField meta={fields.post} label={t("people.columns.post")} />
        <TextField meta={fields.hireDate} label={t("people.columns.hireDate")} type="date" optional />
        <SelectField
          meta={fields.education}
          label={t("people.columns.education")}
          options={EDUCATION_LEVELS.map((c) => ({ value: c, label: t(`people.education.${c}`) }))}
          placeholder={t("common.none")}
        />
        <TextField meta={fields.phone} label={t("people.columns.phone")} type="tel" inputMode="tel" optional />
        <TextField meta={fields.idCard} label={t("people.columns.idCard")} hint={t("people.idCardHint")} optional autoComplete="off" />
        <div className="self-end pb-2">
          <CheckboxField meta={fields.inEnforcementSystem} label={t("people.columns.inEnforcementSystem")} />
        </div>
      </div>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
