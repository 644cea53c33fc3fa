import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { CheckboxField, FieldError, FormErrors, SelectField, TextField } from "~/components/form";
import { formatNumber, type Locale } from "~/lib/i18n";
import { EXAM_TYPES } from "~/modules/syllabus/rules";
import { ANSWER_VISIBILITY, COUNTING_POLICIES, examSettingsSchema, PAPER_MODES, SCORE_VISIBILITY, STAFF_CATEGORIES } from "../rules";

/*
 * The exam settings form, shared by "new exam" and "edit draft". The same Zod schema
 * (rules.examSettingsSchema) validates in the browser and on the server; the server's own
 * checks (scope, blueprint, pass mark against the paper's marks, staff numbers) come back
 * as dictionary keys beside their fields.
 */

/** Zod's own messages are English sentences; fields without a message of their own get a dictionary key. */
export const examFormErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined || issue.input === "") return "errors.required";
  if (issue.code === "invalid_type" && issue.expected === "number") return "errors.number";
  return "errors.invalid";
};

/** Multi-selects post one value per choice; the schema reads one comma-separated string. */
const JOINED = ["eligibleUnitIds", "prerequisiteCourseIds"] as const;

export function normalizeExamFormData(formData: FormData): FormData {
  const out = new FormData();
  for (const [key, value] of formData.entries()) if (!(JOINED as readonly string[]).includes(key)) out.append(key, value);
  for (const key of JOINED) {
    const values = formData.getAll(key).map(String).filter(Boolean);
    if (values.length) out.set(key, values.join(","));
  }
  return out;
}

export function parseExamForm(formData: FormData) {
  return parseWithZod(normalizeExamFormData(formData), { schema: examSettingsSchema, error: examFormErrorMap });
}

export type ExamFormOptions = {
  units: { id: string; name: string }[];
  blueprints: { id: string; code: string; name: string; examType: string; totalMarks: number }[];
  courses: { id: string; title: string }[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="min-w-0 space-y-4 border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <legend className="float-left mb-2 w-full font-semibold">{title}</legend>
      <div className="clear-both grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

function DateTimeField({ meta, label, hint }: { meta: AnyField; label: string; hint: string }) {
  const props = getInputProps(meta, { type: "datetime-local", ariaDescribedBy: `${meta.id}-hint` });
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} className="input" />
      <p id={`${meta.id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A native multi-select posting one value per choice (joined before parsing). */
function MultiSelect({ meta, label, hint, options }: { meta: AnyField; label: string; hint: string; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const initial = String(meta.initialValue ?? "")
    .split(",")
    .filter(Boolean);
  const known = new Set(options.map((o) => o.value));
  const all = [...options, ...initial.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
        <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>
      </label>
      <select
        key={meta.key}
        id={meta.id}
        name={meta.name}
        multiple
        defaultValue={initial}
        size={Math.min(6, Math.max(3, all.length))}
        className="input"
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={`${meta.id}-hint${meta.errors?.length ? ` ${meta.errorId}` : ""}`}
      >
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={`${meta.id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function ExamForm({
  id,
  options,
  defaultValue,
  lastResult,
  submitLabel,
  cancelTo,
}: {
  id: string;
  options: ExamFormOptions;
  defaultValue: Record<string, string | string[] | undefined>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseExamForm(formData),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const errorCount = Object.keys(form.allErrors).length;
  const blueprint = options.blueprints.find((b) => b.id === (fields.blueprintId.value ?? fields.blueprintId.initialValue));
  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`${prefix}.${v}`) });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-6" data-testid="exam-form">
      {errorCount > 0 && form.status === "error" ? <FormErrors errors={[t("common.formHasErrors", { count: errorCount })]} /> : null}
      <FormErrors errors={form.errors} />

      <Section title={t("exams.form.basics")}>
        <TextField meta={fields.code} label={t("exams.fields.code")} hint={t("exams.fields.codeHint")} autoComplete="off" />
        <div className="lg:col-span-2">
          <TextField meta={fields.title} label={t("exams.fields.title")} autoComplete="off" />
        </div>
        <SelectField meta={fields.examType} label={t("exams.fields.examType")} options={EXAM_TYPES.map(option("blueprints.examTypes"))} placeholder="" />
        <SelectField meta={fields.unitId} label={t("exams.fields.unit")} options={options.units.map((u) => ({ value: u.id, label: u.name }))} placeholder="" />
      </Section>

      <Section title={t("exams.form.paper")}>
        <div className="sm:col-span-2">
          <SelectField
            meta={fields.blueprintId}
            label={t("exams.fields.blueprint")}
            options={options.blueprints.map((b) => ({ value: b.id, label: `${b.code} ${b.name}（${t("exams.marks", { marks: formatNumber(b.totalMarks, locale) })}）` }))}
            placeholder=""
          />
          <p className="mt-1 text-sm text-slate-600" aria-live="polite" data-testid="blueprint-marks">
            {blueprint ? t("exams.fields.blueprintMarks", { marks: formatNumber(blueprint.totalMarks, locale) }) : t("exams.fields.blueprintHint")}
          </p>
        </div>
        <fieldset className="sm:col-span-2 lg:col-span-3" aria-describedby={fields.paperMode.errors ? fields.paperMode.errorId : undefined}>
          <legend className="label">{t("exams.fields.paperMode")}</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-6">
            {PAPER_MODES.map((mode) => {
              const props = getInputProps(fields.paperMode, { type: "radio", value: mode });
              return (
                <label key={mode} className="flex min-h-10 items-start gap-2 text-sm">
                  <input {...props} key={props.key} id={`${fields.paperMode.id}-${mode}`} className="mt-0.5 h-5 w-5 shrink-0" />
                  <span>
                    <span className="font-medium">{t(`exams.paperModes.${mode}`)}</span>
                    <span className="block text-xs text-slate-500">{t(`exams.paperModeHints.${mode}`)}</span>
                  </span>
                </label>
              );
            })}
          </div>
          <FieldError id={fields.paperMode.errorId} errors={fields.paperMode.errors} />
        </fieldset>
        <CheckboxField meta={fields.shuffleQuestions} label={t("exams.fields.shuffleQuestions")} />
        <CheckboxField meta={fields.shuffleOptions} label={t("exams.fields.shuffleOptions")} />
      </Section>

      <Section title={t("exams.form.timing")}>
        <DateTimeField meta={fields.opensAt} label={t("exams.fields.opensAt")} hint={t("exams.fields.timeHint")} />
        <DateTimeField meta={fields.closesAt} label={t("exams.fields.closesAt")} hint={t("exams.fields.timeHint")} />
        <TextField meta={fields.durationMinutes} label={t("exams.fields.durationMinutes")} inputMode="numeric" hint={t("exams.fields.durationHint")} />
        <TextField meta={fields.passMark} label={t("exams.fields.passMark")} inputMode="decimal" />
        <TextField meta={fields.attemptsAllowed} label={t("exams.fields.attemptsAllowed")} inputMode="numeric" />
        <SelectField meta={fields.countingPolicy} label={t("exams.fields.countingPolicy")} options={COUNTING_POLICIES.map(option("exams.countingPolicies"))} />
      </Section>

      <Section title={t("exams.form.review")}>
        <SelectField meta={fields.showScore} label={t("exams.fields.showScore")} options={SCORE_VISIBILITY.map(option("exams.showScore"))} />
        <SelectField meta={fields.showAnswers} label={t("exams.fields.showAnswers")} options={ANSWER_VISIBILITY.map(option("exams.showAnswers"))} />
      </Section>

      <Section title={t("exams.form.integrity")}>
        <TextField meta={fields.tabSwitchLimit} label={t("exams.fields.tabSwitchLimit")} hint={t("exams.fields.tabSwitchHint")} inputMode="numeric" optional />
        <TextField meta={fields.accessCode} label={t("exams.fields.accessCode")} hint={t("exams.fields.accessCodeHint")} autoComplete="off" optional />
      </Section>

      <Section title={t("exams.form.marking")}>
        <div className="self-end pb-2">
          <CheckboxField meta={fields.doubleMarking} label={t("exams.fields.doubleMarking")} />
        </div>
        <TextField meta={fields.markingThreshold} label={t("exams.fields.markingThreshold")} hint={t("exams.fields.markingThresholdHint")} inputMode="decimal" />
      </Section>

      <Section title={t("exams.form.eligibility")}>
        <p className="text-sm text-slate-600 sm:col-span-2 lg:col-span-3">{t("exams.fields.eligibilityHint")}</p>
        <MultiSelect meta={fields.eligibleUnitIds} label={t("exams.fields.eligibleUnits")} hint={t("exams.fields.multiHint")} options={options.units.map((u) => ({ value: u.id, label: u.name }))} />
        <fieldset aria-describedby={fields.eligibleCategories.errors ? fields.eligibleCategories.errorId : undefined}>
          <legend className="label">
            {t("exams.fields.eligibleCategories")}
            <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>
          </legend>
          <div className="space-y-1">
            {STAFF_CATEGORIES.map((c) => {
              const props = getInputProps(fields.eligibleCategories, { type: "checkbox", value: c });
              return (
                <label key={c} className="flex min-h-8 items-center gap-2 text-sm">
                  <input {...props} key={props.key} id={`${fields.eligibleCategories.id}-${c}`} className="h-5 w-5 rounded border-slate-300" />
                  {t(`people.category.${c}`)}
                </label>
              );
            })}
          </div>
          <FieldError id={fields.eligibleCategories.errorId} errors={fields.eligibleCategories.errors} />
        </fieldset>
        <MultiSelect meta={fields.prerequisiteCourseIds} label={t("exams.fields.prerequisiteCourses")} hint={t("exams.fields.multiHint")} options={options.courses.map((c) => ({ value: c.id, label: c.title }))} />
        <div className="sm:col-span-2 lg:col-span-3">
          <TextField meta={fields.eligibleStaffNos} label={t("exams.fields.eligibleStaffNos")} hint={t("exams.fields.staffNosHint")} autoComplete="off" optional />
        </div>
      </Section>

      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn w-full sm:w-auto">
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary w-full sm:w-auto">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
