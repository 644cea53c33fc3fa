import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "~/components/language-switch";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { lucia } from "~/lib/session.server";
import { listSessions, logoutEverywhere } from "~/modules/auth/auth.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const current = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  const sessions = await listSessions(actor);
  // Session ids are credentials: the page gets only whether a row is this device.
  return { sessions: sessions.map(({ id, ...rest }) => ({ ...rest, current: id === current })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const cookie = await logoutEverywhere(actor, request.headers.get("User-Agent"));
  return redirectWithFlash("/account", { key: "account.loggedOutEverywhere" }, { headers: { "Set-Cookie": cookie } });
}

export default function Account() {
  const { t, i18n } = useTranslation();
  const { sessions } = useLoaderData<typeof loader>();
  const locale = i18n.language as Locale;
  return (
    <div className="space-y-4">
      <PageHeader title={t("account.title")} />
      <section className="card">
        <h2 className="font-semibold">{t("account.languageTitle")}</h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">{t("account.languageHint")}</p>
        <LanguageSwitch />
      </section>
      <section className="card">
        <h2 className="mb-3 font-semibold">{t("account.changePassword")}</h2>
        <Link to="/account/password" className="btn-secondary">
          {t("account.changePassword")}
        </Link>
      </section>
      <section className="card">
        <h2 className="mb-3 font-semibold">{t("account.sessionsTitle")}</h2>
        <div className="overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th>{t("account.sessionStarted")}</th>
                <th>{t("account.sessionExpires")}</th>
                <th>{t("account.ip")}</th>
                <th>{t("account.device")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s, i) => (
                <tr key={i} className={s.current ? "bg-brand-50" : undefined}>
                  <td>{formatDateTime(s.createdAt, locale)}</td>
                  <td>{formatDateTime(s.expiresAt, locale)}</td>
                  <td>{s.ip}</td>
                  <td className="max-w-xs truncate" title={s.userAgent ?? ""}>
                    {s.userAgent}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="post" className="mt-4">
          <p className="mb-2 text-sm text-slate-600">{t("account.logoutEverywhereHint")}</p>
          <button type="submit" className="btn-danger">
            {t("account.logoutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
