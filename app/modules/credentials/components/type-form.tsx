import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form";
import { STAFF_CATEGORIES } from "~/modules/people/rules";
import { formatNumber, RULE_CLASS_TYPES, RULE_EXAM_TYPES, type ParsedType } from "../rules";

/*
 * A credential type's configuration as a plain form (flat field names, see forms.ts);
 * the server validates the whole configuration and answers errors by field name.
 */

type Errors = Record<string, string> | undefined;

function Checks({ name, legend, options, checked, errors, label }: { name: string; legend: string; options: readonly string[]; checked: readonly string[]; errors: Errors; label: (v: string) => string }) {
  return (
    <fieldset aria-describedby={errors?.[name] ? `${name}-error` : undefined}>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o} className="flex min-h-10 items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o} defaultChecked={checked.includes(o)} className="h-5 w-5" />
            {label(o)}
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} errors={errors?.[name] ? [errors[name]] : undefined} />
    </fieldset>
  );
}

function NumberInput({ name, label, value, errors, hint, optional }: { name: string; label: string; value: number | null | undefined; errors: Errors; hint?: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={`type-${name}`} className="label">
        {label}
        {optional ? <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span> : null}
      </label>
      <input
        id={`type-${name}`}
        name={name}
        type="number"
        inputMode="decimal"
        min={0}
        step="any"
        defaultValue={value ?? ""}
        className="input"
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : "", errors?.[name] ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${name}-error`} errors={errors?.[name] ? [errors[name]] : undefined} />
    </div>
  );
}

export function TypeForm({ type, errors, isNew }: { type: ParsedType; errors: Errors; isNew?: boolean }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const text = (name: string, label: string, value: string, hint?: string) => (
    <div>
      <label htmlFor={`type-${name}`} className="label">
        {label}
      </label>
      <input
        id={`type-${name}`}
        name={name}
        defaultValue={value}
        className="input"
        autoComplete="off"
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : "", errors?.[name] ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${name}-error`} errors={errors?.[name] ? [errors[name]] : undefined} />
    </div>
  );
  const exam = (c: string) => t(`credentials.examTypes.${c}`);
  const cls = (c: string) => t(`credentials.classTypes.${c}`);
  return (
    <Form method="post" className="space-y-4" data-testid="type-form">
      <input type="hidden" name="intent" value={isNew ? "create" : "save"} />
      <input type="hidden" name="code" value={type.code} />
      {isNew ? (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {text("newCode", t("credentials.types.newCode"), "")}
          <div>
            <label htmlFor="type-kind" className="label">
              {t("credentials.types.kind")}
            </label>
            <select id="type-kind" name="kind" className="input" defaultValue="ISSUED">
              <option value="ISSUED">{t("credentials.kinds.ISSUED")}</option>
              <option value="EXTERNAL">{t("credentials.kinds.EXTERNAL")}</option>
            </select>
          </div>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {text("name", t("credentials.types.name"), type.name)}
        {text("nameEn", t("credentials.types.nameEn"), type.nameEn)}
      </div>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("credentials.types.holders")}</legend>
        <Checks name="categories" legend={t("credentials.types.categories")} options={STAFF_CATEGORIES} checked={type.holders.categories} errors={errors} label={(c) => t(`people.category.${c}`)} />
        <label className="flex min-h-10 items-center gap-2 text-sm">
          <input type="checkbox" name="inEnforcementSystemOnly" defaultChecked={type.holders.inEnforcementSystemOnly} className="h-5 w-5" />
          {t("credentials.types.inEnforcementSystemOnly")}
        </label>
      </fieldset>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("credentials.types.eligibility")}</legend>
        <Checks name="examTypes" legend={t("credentials.types.examTypes")} options={RULE_EXAM_TYPES} checked={type.eligibility.examTypes ?? []} errors={errors} label={exam} />
        <Checks name="postTrainingTypes" legend={t("credentials.types.postTrainingTypes")} options={RULE_CLASS_TYPES} checked={type.eligibility.postTrainingTypes ?? []} errors={errors} label={cls} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <NumberInput name="examWithinMonths" label={t("credentials.types.examWithinMonths")} value={type.eligibility.examWithinMonths} errors={errors} optional />
          <NumberInput name="minHoursThisYear" label={t("credentials.types.minHoursThisYear")} value={type.eligibility.minHoursThisYear} errors={errors} optional />
        </div>
      </fieldset>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 font-medium">{t("credentials.types.renewal")}</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <NumberInput name="validityMonths" label={t("credentials.types.validityMonths")} value={type.validityMonths} errors={errors} hint={t("credentials.types.validityHint")} />
          <NumberInput name="graceDays" label={t("credentials.types.graceDays")} value={type.graceDays} errors={errors} />
          <NumberInput name="windowMonths" label={t("credentials.types.windowMonths")} value={type.renewal.windowMonths} errors={errors} optional />
          <NumberInput name="minHoursLastYear" label={t("credentials.types.minHoursLastYear")} value={type.renewal.minHoursLastYear} errors={errors} optional />
        </div>
        <Checks name="renewalExamTypes" legend={t("credentials.types.renewalExamTypes")} options={RULE_EXAM_TYPES} checked={type.renewal.examTypes ?? []} errors={errors} label={exam} />
        <Checks name="renewalTrainingTypes" legend={t("credentials.types.renewalTrainingTypes")} options={RULE_CLASS_TYPES} checked={type.renewal.postTrainingTypes ?? []} errors={errors} label={cls} />
        <NumberInput name="postTrainingWithinMonths" label={t("credentials.types.postTrainingWithinMonths")} value={type.renewal.postTrainingWithinMonths} errors={errors} optional />
      </fieldset>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {text("numberPattern", t("credentials.types.numberPattern"), type.numberPattern, t("credentials.types.numberPatternHint", { example: type.numberPattern ? formatNumber(type.numberPattern, "33", 2026, 1) : "—" }))}
        <label className="flex min-h-10 items-center gap-2 self-center text-sm">
          <input type="checkbox" name="active" defaultChecked={type.active} className="h-5 w-5" />
          {t("credentials.types.active")}
        </label>
      </div>
      <button type="submit" className="btn w-full sm:w-auto" disabled={busy} data-testid="type-save">
        {t("credentials.types.save")}
      </button>
    </Form>
  );
}
