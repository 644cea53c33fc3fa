import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Flash } from "~/lib/flash.server";
import type { NavItem } from "~/modules/access/navigation";
import { LanguageSwitch } from "./language-switch";
import { Notice } from "./notice";

type ShellUser = { name: string; staffNo: string; roles: string[]; nav: NavItem[] };

function NavLinks({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item) => (
        <li key={item.key}>
          <NavLink
            to={item.to}
            end={item.to === "/"}
            className={({ isActive }) =>
              `block rounded-md px-3 py-2 text-sm no-underline hover:bg-brand-50 hover:no-underline ${isActive ? "bg-brand-100 font-semibold text-brand-800" : "text-slate-700"}`
            }
          >
            {t(`nav.${item.key}`)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

export function AppShell({ user, flash, children }: { user: ShellUser; flash: Flash | null; children: React.ReactNode }) {
  const { t } = useTranslation();
  // The phone menu is a <details>: close it once a link has navigated, or it covers the new page.
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname, location.search]);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("common.skipToContent")}
      </a>
      <header className="sticky top-0 z-40 border-b border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-3 py-2 sm:px-6">
          <details ref={menu} className="relative md:hidden">
            <summary className="cursor-pointer list-none rounded-md border border-white/40 px-3 py-1.5 text-sm">{t("common.menu")}</summary>
            <nav aria-label={t("nav.main")} className="absolute left-0 mt-2 max-h-[calc(100dvh-4rem)] w-60 overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
              <NavLinks items={user.nav} />
            </nav>
          </details>
          <a href="/" className="truncate text-base font-semibold text-white no-underline hover:no-underline sm:text-lg">
            <span className="hidden sm:inline">{t("common.appName")}</span>
            <span className="sm:hidden">{t("common.appShort")}</span>
          </a>
          <div className="ml-auto flex items-center gap-2">
            <span className="hidden text-sm text-white/90 sm:inline" data-testid="current-user">
              {user.name}（{user.staffNo}）
            </span>
            <LanguageSwitch />
            <Form method="post" action="/logout">
              <button type="submit" className="rounded-md border border-white/40 px-3 py-1.5 text-sm whitespace-nowrap hover:bg-white/10">
                {t("nav.signOut")}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-6 px-3 py-4 sm:px-6 sm:py-6">
        <nav aria-label={t("nav.main")} className="hidden w-48 shrink-0 md:block" data-testid="main-nav">
          <NavLinks items={user.nav} />
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {flash ? <Notice kind="success">{t(flash.key, flash.params ?? {})}</Notice> : null}
          {children}
        </main>
      </div>
    </div>
  );
}
