import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The year selector (a GET form: works without JavaScript; with it, also changes on select). */
export function YearSelect({ years, year, action }: { years: number[]; year: number; action: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action={action} className="flex items-end gap-2" aria-label={t("ledger.year")}>
      <div>
        <label htmlFor="year" className="label">
          {t("ledger.year")}
        </label>
        <select id="year" name="year" defaultValue={String(year)} className="input w-32" onChange={(e) => e.currentTarget.form?.requestSubmit()} data-testid="year-select">
          {years.map((y) => (
            <option key={y} value={y}>
              {t("ledger.yearOption", { year: y })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        {t("ledger.show")}
      </button>
    </Form>
  );
}
