import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Links between the HR credential pages; import only for those who may issue. */
export function ReportNav({ canIssue }: { canIssue: boolean }) {
  const { t } = useTranslation();
  const links = [
    { to: "/credentials/manage", key: "manage" },
    { to: "/credentials/expiring", key: "todo" },
    { to: "/credentials/joint", key: "joint" },
    ...(canIssue ? [{ to: "/credentials/import", key: "import" }] : []),
  ];
  return (
    <nav aria-label={t("credentialViews.nav.label")} className="-mt-2 mb-4 flex flex-wrap gap-2 text-sm" data-testid="credential-report-nav">
      {links.map((l) => (
        <NavLink
          key={l.to}
          to={l.to}
          end
          className={({ isActive }) => `rounded-md px-3 py-2 ring-1 ring-slate-300 ${isActive ? "bg-slate-800 font-medium text-white ring-slate-800" : "bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          {t(`credentialViews.nav.${l.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
