import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";

// Fields come from forms with different schemas; the components only read generic metadata.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;
import { useTranslation } from "react-i18next";

/*
 * Form fields wired to Conform. Validation messages are dictionary keys (the Zod
 * schemas are shared with the server), translated here.
 */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.map((e) => t(e)).join("；")}
    </p>
  );
}

type InputType = "text" | "email" | "password" | "date" | "tel" | "search" | "number";

export function TextField({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  optional,
  inputMode,
}: {
  meta: AnyField;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  optional?: boolean;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
}) {
  const { t } = useTranslation();
  const props = getInputProps(meta, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined });
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
        {optional ? <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span> : null}
      </label>
      <input {...props} key={props.key} className="input" autoComplete={autoComplete} inputMode={inputMode} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
}: {
  meta: AnyField;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const props = getSelectProps(meta);
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...props} key={props.key} className="input">
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({ meta, label }: { meta: AnyField; label: string }) {
  const props = getInputProps(meta, { type: "checkbox" });
  return (
    <div className="flex items-center gap-2">
      <input {...props} key={props.key} className="h-5 w-5 rounded border-slate-300" />
      <label htmlFor={meta.id} className="text-sm text-slate-700">
        {label}
      </label>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The form-level error summary, read by screen readers first. */
export function FormErrors({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}
