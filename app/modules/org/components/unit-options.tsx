import { useTranslation } from "react-i18next";

export type UnitOption = { id: string; code: string; name: string; level: string; depth: number };

/** Units as indented <option>s so the tree reads in a plain select (works on phones). */
export function unitSelectOptions(units: UnitOption[], value: "id" | "code" = "id") {
  return units.map((u) => ({ value: value === "id" ? u.id : u.code, label: `${"\u3000".repeat(u.depth)}${u.name}（${u.code}）` }));
}

export function UnitLevelBadge({ level }: { level: string }) {
  const { t } = useTranslation();
  return <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{t(`levels.${level}`)}</span>;
}
