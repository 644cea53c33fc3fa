import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  FieldError,
  FormErrors,
  SelectField,
  TextField,
} from "~/components/form";
import { HOURS_CATEGORIES } from "~/modules/hours/rules";
import { STAFF_CATEGORIES } from "~/modules/people/rules";
import { CLASS_TYPES, classSchema, ENROLMENT_MODES } from "../rules";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;
type Option = { value: string; label: string };

export type ClassFormOptions = {
  units: Option[];
  bases: Option[];
  exams: Option[];
};
export type ClassFormDefaults = Record<string, unknown>;

const NEW_SESSION = { title: "", startsAt: "", endsAt: "" };

function TextArea({ meta, label }: { meta: AnyField; label: string }) {
  const { t } = useTranslation();
  const props = getTextareaProps(meta);
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
        <span className="ml-1 font-normal text-slate-500">
          （{t("common.optional")}）
        </span>
      </label>
      <textarea {...props} key={props.key} rows={3} className="input" />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function DateInput({
  meta,
  label,
  type = "date",
}: {
  meta: AnyField;
  label: string;
  type?: "date" | "datetime-local";
}) {
  const props = getInputProps(meta, { type });
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} className="input" />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The create/edit form of a class: details, audience, completion rule and sessions. */
export function ClassForm({
  id,
  options,
  defaultValue,
  lastResult,
  submitLabel,
  cancelTo,
  unitLocked,
}: {
  id: string;
  options: ClassFormOptions;
  defaultValue: ClassFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  cancelTo: string;
  unitLocked?: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof classSchema>>({
    id,
    lastResult,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    defaultValue: defaultValue as any,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: classSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const sessions = fields.sessions.getFieldList();
  const errorCount = Object.keys(form.allErrors).length;
  const chosenCategories = new Set(
    (fields.categories.initialValue as string[] | string | undefined)
      ? [fields.categories.initialValue].flat()
      : []
  );
  const chosenUnits = [fields.audienceUnitIds.initialValue]
    .flat()
    .filter((v): v is string => typeof v === "string");
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="card space-y-5"
      data-testid="class-form"
    >
      <button
        type="submit"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
      >
        {submitLabel}
      </button>
      {errorCount > 0 && form.status === "error" ? (
        <FormErrors
          errors={[t("common.formHasErrors", { count: errorCount })]}
        />
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField
            meta={fields.title}
            label={t("classes.fields.title")}
            autoComplete="off"
          />
        </div>
        <SelectField
          meta={fields.type}
          label={t("classes.fields.type")}
          options={CLASS_TYPES.map((c) => ({
            value: c,
            label: t(`classes.types.${c}`),
          }))}
          placeholder=""
        />
        {unitLocked ? (
          <div>
            <input
              type="hidden"
              name={fields.unitId.name}
              value={String(fields.unitId.initialValue ?? "")}
            />
            <p className="label">{t("classes.fields.unit")}</p>
            <p className="text-sm">
              {options.units
                .find((u) => u.value === fields.unitId.initialValue)
                ?.label.trim()}
            </p>
          </div>
        ) : (
          <SelectField
            meta={fields.unitId}
            label={t("classes.fields.unit")}
            options={options.units}
            placeholder=""
          />
        )}
        <SelectField
          meta={fields.baseId}
          label={t("classes.fields.base")}
          options={options.bases}
          placeholder={t("classes.noBase")}
        />
        <TextField
          meta={fields.capacity}
          label={t("classes.fields.capacity")}
          inputMode="numeric"
        />
        <DateInput
          meta={fields.startDate}
          label={t("classes.fields.startDate")}
        />
        <DateInput meta={fields.endDate} label={t("classes.fields.endDate")} />
        <TextField
          meta={fields.creditHours}
          label={t("classes.fields.creditHours")}
          inputMode="decimal"
          hint={t("classes.hints.creditHours")}
        />
        <SelectField
          meta={fields.category}
          label={t("classes.fields.category")}
          options={HOURS_CATEGORIES.map((c) => ({
            value: c,
            label: t(`classes.hoursCategories.${c}`),
          }))}
        />
        <SelectField
          meta={fields.enrolmentMode}
          label={t("classes.fields.enrolmentMode")}
          options={ENROLMENT_MODES.map((m) => ({
            value: m,
            label: t(`classes.modes.${m}`),
          }))}
        />
        <TextField
          meta={fields.completionAttendancePct}
          label={t("classes.fields.completionAttendancePct")}
          inputMode="numeric"
        />
        <SelectField
          meta={fields.classExamId}
          label={t("classes.fields.classExam")}
          options={options.exams}
          placeholder={t("classes.noExam")}
        />
        <TextField
          meta={fields.trainerStaffNos}
          label={t("classes.fields.trainers")}
          hint={t("classes.hints.trainers")}
          autoComplete="off"
          optional
        />
        <TextField
          meta={fields.syllabusCodes}
          label={t("classes.fields.syllabusCodes")}
          hint={t("classes.hints.syllabusCodes")}
          autoComplete="off"
          optional
        />
      </div>

      <fieldset className="min-w-0 space-y-2">
        <legend className="font-semibold">
          {t("classes.fields.audience")}
        </legend>
        <p className="text-xs text-slate-500">{t("classes.hints.audience")}</p>
        <div className="flex flex-wrap gap-4">
          {STAFF_CATEGORIES.map((c) => (
            <label key={c} className="flex min-h-10 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.categories.name}
                value={c}
                defaultChecked={chosenCategories.has(c)}
                className="h-5 w-5"
              />
              {t(`people.category.${c}`)}
            </label>
          ))}
        </div>
        <FieldError
          id={fields.categories.errorId}
          errors={fields.categories.errors}
        />
        <label htmlFor={fields.audienceUnitIds.id} className="label">
          {t("classes.fields.audienceUnits")}
          <span className="ml-1 font-normal text-slate-500">
            （{t("common.optional")}）
          </span>
        </label>
        <select
          key={fields.audienceUnitIds.key}
          id={fields.audienceUnitIds.id}
          name={fields.audienceUnitIds.name}
          multiple
          defaultValue={chosenUnits}
          size={5}
          className="input"
        >
          {options.units.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError
          id={fields.audienceUnitIds.errorId}
          errors={fields.audienceUnitIds.errors}
        />
      </fieldset>

      <TextArea
        meta={fields.description}
        label={t("classes.fields.description")}
      />

      <fieldset className="min-w-0 space-y-3" data-testid="sessions-editor">
        <legend className="font-semibold">
          {t("classes.fields.sessions")}
        </legend>
        {fields.sessions.errors?.length ? (
          <div
            role="alert"
            id={fields.sessions.errorId}
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
          >
            {fields.sessions.errors.map((e) => (
              <p key={e}>{t(e)}</p>
            ))}
          </div>
        ) : null}
        {sessions.map((session, index) => {
          const s = session.getFieldset();
          return (
            <div
              key={session.key}
              className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_auto]"
            >
              <input
                type="hidden"
                name={s.id.name}
                value={String(s.id.initialValue ?? "")}
              />
              <TextField
                meta={s.title}
                label={t("classes.sessionN", { n: index + 1 })}
                autoComplete="off"
              />
              <DateInput
                meta={s.startsAt}
                label={t("classes.fields.startsAt")}
                type="datetime-local"
              />
              <DateInput
                meta={s.endsAt}
                label={t("classes.fields.endsAt")}
                type="datetime-local"
              />
              <div className="self-end">
                <button
                  {...form.remove.getButtonProps({
                    name: fields.sessions.name,
                    index,
                  })}
                  className="btn-secondary w-full whitespace-nowrap sm:w-auto"
                  aria-label={`${t("classes.removeSession")}（${index + 1}）`}
                >
                  {t("classes.removeSession")}
                </button>
              </div>
            </div>
          );
        })}
        <button
          {...form.insert.getButtonProps({
            name: fields.sessions.name,
            defaultValue: NEW_SESSION,
          })}
          className="btn-secondary"
        >
          + {t("classes.addSession")}
        </button>
      </fieldset>

      <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
        <button type="submit" className="btn" data-testid="class-save">
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
