import { useTranslation } from "react-i18next";
import { FieldError } from "./form";

/** The optional evidence file of a form (PDF, JPG or PNG), with its hint and errors. */
export function EvidenceField({ label, hint, errors }: { label: string; hint: string; errors?: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor="evidence" className="label">
        {label}
        <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>
      </label>
      <input
        id="evidence"
        name="evidence"
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        className="block w-full text-sm"
        aria-describedby="evidence-hint"
        aria-invalid={errors?.length ? true : undefined}
      />
      <p id="evidence-hint" className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <FieldError id="evidence-error" errors={errors} />
    </>
  );
}
