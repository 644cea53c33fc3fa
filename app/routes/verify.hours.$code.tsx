import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "~/components/language-switch";
import { formatDate, type Locale } from "~/lib/i18n";
import { verifyCertificate } from "~/modules/hours/certificate-pdf.server";
import { formatHours } from "~/modules/hours/components/year-overview";
import type { RootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "学时证明验证 · Certificate verification" }, { name: "robots", content: "noindex" }];

/**
 * GET /verify/hours/:code — public (no sign-in): what a study-hours certificate printed,
 * the holder's name masked, nothing else. Unknown codes answer 404 with a localised page.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(params.code ?? "");
  if (!certificate) return data({ certificate: null }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return data({ certificate }, { headers: { "Cache-Control": "no-store" } });
}

export default function VerifyHours() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { certificate: c } = useLoaderData<typeof loader>();
  const h = (v: number) => formatHours(v, locale);
  // Signed in, the page sits in the app's shell (which has its own language switch).
  const signedIn = !!useRouteLoaderData<RootData>("root")?.user;
  const Main = signedIn ? "div" : "main";
  return (
    <div className={signedIn ? "" : "flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-slate-50"}>
      {signedIn ? null : (
        <div className="flex justify-end p-3">
          <LanguageSwitch />
        </div>
      )}
      <Main id={signedIn ? undefined : "main"} className="mx-auto w-full max-w-md flex-1 px-4 pt-6 pb-16 sm:pt-12">
        <p className="text-center text-sm font-medium text-brand-700">{t("common.appName")}</p>
        <div className="card mt-3" data-testid="verify-result" data-found={c ? "yes" : "no"}>
          <h1 className="text-xl font-semibold">{t("ledger.verify.title")}</h1>
          {!c ? (
            <p className="mt-3 text-sm text-red-800" role="alert">
              {t("ledger.verify.notFound")}
            </p>
          ) : (
            <>
              <p className="mt-2 text-sm text-green-800" role="status">
                {t("ledger.verify.valid")}
              </p>
              <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-slate-600">{t("ledger.certificate.name")}</dt>
                <dd data-testid="verify-name">{c.name}</dd>
                <dt className="text-slate-600">{t("ledger.certificate.unit")}</dt>
                <dd>{c.unitName}</dd>
                <dt className="text-slate-600">{t("ledger.certificate.year")}</dt>
                <dd>{c.year}</dd>
                <dt className="text-slate-600">{t("ledger.certificate.professional")}</dt>
                <dd data-testid="verify-professional" className="tabular-nums">
                  {h(c.professional.credited + c.professional.carriedIn)} / {h(c.professional.required)}
                  {c.professional.carriedIn > 0 ? <span className="block text-xs text-slate-600">{t("ledger.certificate.carriedIn", { hours: h(c.professional.carriedIn) })}</span> : null}
                </dd>
                <dt className="text-slate-600">{t("ledger.certificate.political")}</dt>
                <dd className="tabular-nums">
                  {h(c.political.credited)}
                  {c.political.required > 0 ? ` / ${h(c.political.required)}` : ""}
                </dd>
                <dt className="text-slate-600">{t("ledger.certificate.result")}</dt>
                <dd data-testid="verify-met" data-met={c.met ? "yes" : "no"} className={c.met ? "font-medium text-green-800" : "font-medium text-amber-800"}>
                  {c.met ? t("ledger.certificate.met") : t("ledger.certificate.notMet")}
                </dd>
                <dt className="text-slate-600">{t("ledger.verify.issued")}</dt>
                <dd>{formatDate(c.issuedAt, locale)}</dd>
              </dl>
              <p className="mt-4 text-xs text-slate-500">{t("ledger.verify.note")}</p>
            </>
          )}
        </div>
      </Main>
    </div>
  );
}
