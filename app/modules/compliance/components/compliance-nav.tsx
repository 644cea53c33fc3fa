import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Links between the compliance pages of one unit (and the year kept across them). */
export function ComplianceNav({ unitId, year }: { unitId: string; year?: number }) {
  const { t } = useTranslation();
  const q = (extra = "") => `?unit=${encodeURIComponent(unitId)}${year ? `&year=${year}` : ""}${extra}`;
  const tabs = [
    { to: `/compliance/units/${unitId}${year ? `?year=${year}` : ""}`, label: t("compliance.nav.dashboard"), testId: "nav-dashboard" },
    { to: `/compliance/people${q()}`, label: t("compliance.nav.people"), testId: "nav-people" },
    { to: `/compliance/rotation?unit=${encodeURIComponent(unitId)}`, label: t("compliance.nav.rotation"), testId: "nav-rotation" },
    { to: `/compliance/classes${q()}`, label: t("compliance.nav.classes"), testId: "nav-classes" },
  ];
  return (
    <nav aria-label={t("compliance.nav.label")} className="mb-4 flex flex-wrap gap-2">
      {tabs.map((tab) => (
        <NavLink
          key={tab.testId}
          to={tab.to}
          end
          data-testid={tab.testId}
          className={({ isActive }) => `rounded-md border px-3 py-2 text-sm ${isActive ? "border-emerald-700 bg-emerald-50 font-medium text-emerald-900" : "border-slate-300 bg-white text-slate-700"}`}
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** Ancestors the actor may look at, then the unit itself. */
export function UnitBreadcrumb({ trail, unitName, link }: { trail: { id: string; name: string }[]; unitName: string; link: (id: string) => string }) {
  const { t } = useTranslation();
  if (trail.length === 0) return null;
  return (
    <nav aria-label={t("compliance.breadcrumb")} className="mb-2 text-sm text-slate-600">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((u) => (
          <li key={u.id} className="flex items-center gap-1">
            <Link to={link(u.id)} data-testid="breadcrumb-unit">
              {u.name}
            </Link>
            <span aria-hidden="true">/</span>
          </li>
        ))}
        <li aria-current="page" className="font-medium text-slate-800">
          {unitName}
        </li>
      </ol>
    </nav>
  );
}

/** A GET form choosing the year (other query parameters kept as hidden fields). */
export function YearSelect({ year, years, keep = {} }: { year: number; years: number[]; keep?: Record<string, string | null | undefined> }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2" role="search" aria-label={t("compliance.year")}>
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <div>
        <label htmlFor="year" className="label">
          {t("compliance.year")}
        </label>
        <select id="year" name="year" defaultValue={String(year)} className="input" data-testid="year-select">
          {years.map((y) => (
            <option key={y} value={y}>
              {t("compliance.yearOption", { year: y })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn">
        {t("compliance.show")}
      </button>
    </Form>
  );
}
