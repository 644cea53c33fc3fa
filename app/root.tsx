import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { ErrorPage } from "~/components/error-page";
import { readSession } from "~/lib/actor.server";
import { readFlash } from "~/lib/flash.server";
import { requestLocale } from "~/lib/i18n";
import { useNonce } from "~/lib/nonce";
import { navigationFor } from "~/modules/access/navigation";
import { roleKeys } from "~/modules/access/rules";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "执法培训平台 · Enforcement Training" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [session, { flash, clear }] = await Promise.all([readSession(request, context), readFlash(request)]);
  const headers = new Headers();
  if (session.setCookie) headers.append("Set-Cookie", session.setCookie);
  if (clear) headers.append("Set-Cookie", clear);
  const actor = session.actor;
  return data(
    {
      locale: requestLocale(request),
      flash,
      user: actor
        ? {
            name: actor.name,
            staffNo: actor.staffNo,
            roles: roleKeys(actor),
            nav: navigationFor(actor),
            mustChangePassword: session.mustChangePassword,
          }
        : null,
    },
    { headers },
  );
}

export type RootData = typeof loader;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  return (
    <html lang={data?.locale ?? i18n.language ?? "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<RootData>("root");
  if (!data?.user || data.user.mustChangePassword) return <Outlet />;
  return (
    <AppShell user={data.user} flash={data.flash}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage status={status} />;
}
