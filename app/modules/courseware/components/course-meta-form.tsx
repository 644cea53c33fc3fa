import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form";

export const AUDIENCES = ["ENFORCEMENT", "MONITORING", "LEADERSHIP", "NEW_RECRUIT"] as const;

export type CourseFormValues = { code?: string; title: string; summary: string; audiences: string[]; syllabusCodes: string[] };

/** Course title, summary, audiences and syllabus topics; the code only when creating. */
export function CourseMetaForm({
  values,
  errors,
  withCode,
  submitLabel,
  intent,
  busy,
}: {
  values: CourseFormValues;
  errors?: Record<string, string>;
  withCode?: boolean;
  submitLabel: string;
  intent?: string;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const err = (field: string) => (errors?.[field] ? [errors[field]] : undefined);
  const invalid = (field: string) => (errors?.[field] ? true : undefined);
  return (
    <Form method="post" className="space-y-4" data-testid="course-meta-form">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {withCode ? (
        <div>
          <label htmlFor="course-code" className="label">
            {t("authoring.fields.code")}
          </label>
          <input id="course-code" name="code" defaultValue={values.code ?? ""} className="input font-mono" autoComplete="off" aria-invalid={invalid("code")} aria-describedby="course-code-hint" required />
          <p id="course-code-hint" className="mt-1 text-xs text-slate-500">
            {t("authoring.fields.codeHint")}
          </p>
          <FieldError id="course-code-error" errors={err("code")} />
        </div>
      ) : null}
      <div>
        <label htmlFor="course-title" className="label">
          {t("authoring.fields.title")}
        </label>
        <input id="course-title" name="title" defaultValue={values.title} className="input" aria-invalid={invalid("title")} required />
        <FieldError id="course-title-error" errors={err("title")} />
      </div>
      <div>
        <label htmlFor="course-summary" className="label">
          {t("authoring.fields.summary")}
        </label>
        <textarea id="course-summary" name="summary" defaultValue={values.summary} rows={4} className="input" aria-invalid={invalid("summary")} />
        <FieldError id="course-summary-error" errors={err("summary")} />
      </div>
      <fieldset>
        <legend className="label">{t("authoring.fields.audiences")}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {AUDIENCES.map((a) => (
            <label key={a} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="audiences" value={a} defaultChecked={values.audiences.includes(a)} className="h-5 w-5 rounded border-slate-300" />
              {t(`syllabus.audiences.${a}`)}
            </label>
          ))}
        </div>
        <FieldError id="course-audiences-error" errors={err("audiences")} />
      </fieldset>
      <div>
        <label htmlFor="course-topics" className="label">
          {t("authoring.fields.syllabusCodes")}
        </label>
        <input id="course-topics" name="syllabusCodes" defaultValue={values.syllabusCodes.join(" ")} className="input font-mono" autoComplete="off" aria-invalid={invalid("syllabusCodes")} aria-describedby="course-topics-hint" />
        <p id="course-topics-hint" className="mt-1 text-xs text-slate-500">
          {t("authoring.fields.syllabusCodesHint")}
        </p>
        <FieldError id="course-topics-error" errors={err("syllabusCodes")} />
      </div>
      <button type="submit" className="btn" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
