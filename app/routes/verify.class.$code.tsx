import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { verifyClassCertificate } from "~/modules/classes/certificate-pdf.server";

/**
 * GET /verify/class/:code — public (no sign-in): whether a certificate of completion is
 * genuine. Shows only the class title, the holder's name partly masked, the dates and the
 * hours. The loader never calls requireActor, and the root layout renders pages without
 * the app shell for visitors who are not signed in.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await verifyClassCertificate(params.code ?? "");
  return { code: (params.code ?? "").slice(0, 20), found };
}

export const meta: MetaFunction = () => [
  { title: "结业证书验证 · Certificate check" },
  { name: "robots", content: "noindex" },
];

export const headers = () => ({ "Cache-Control": "no-store" });

export default function VerifyClassCertificate() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { code, found } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-md space-y-4 px-4 py-8">
      <p className="text-center text-sm text-slate-500">
        {t("common.appName")}
      </p>
      <h1 className="text-center text-xl font-semibold">
        {t("classes.verify.title")}
      </h1>
      {found ? (
        <div
          role="status"
          className="card space-y-3 border-green-300"
          data-testid="verify-valid"
        >
          <p className="font-medium text-green-800">
            ✓ {t("classes.verify.valid")}
          </p>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">{t("classes.verify.class")}</dt>
            <dd>{found.classTitle}</dd>
            <dt className="text-slate-500">{t("classes.verify.holder")}</dt>
            <dd data-testid="verify-holder">{found.holder}</dd>
            <dt className="text-slate-500">{t("classes.verify.dates")}</dt>
            <dd>
              {formatDate(found.startDate, locale)} –{" "}
              {formatDate(found.endDate, locale)}
            </dd>
            <dt className="text-slate-500">{t("classes.verify.hours")}</dt>
            <dd>
              {t("classes.hoursValue", {
                hours: formatNumber(found.hours, locale),
              })}
            </dd>
            <dt className="text-slate-500">{t("classes.verify.code")}</dt>
            <dd className="font-mono text-xs">{code}</dd>
          </dl>
        </div>
      ) : (
        <p
          role="alert"
          className="card border-red-300 text-sm text-red-900"
          data-testid="verify-invalid"
        >
          {t("classes.verify.invalid")}
        </p>
      )}
    </main>
  );
}
