import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A labelled select for a GET filter form; "all" (empty value) first unless `all` is false. */
export function FilterSelect({
  name,
  label,
  options,
  defaultValue,
  id = name,
  all = true,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  id?: string;
  all?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className="input">
        {all ? <option value="">{t("common.all")}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Search and reset buttons of a filter form. */
export function FilterActions({ resetTo, className = "flex gap-2" }: { resetTo: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <button type="submit" className="btn">
        {t("common.search")}
      </button>
      <Link to={resetTo} className="btn-secondary">
        {t("common.reset")}
      </Link>
    </div>
  );
}
