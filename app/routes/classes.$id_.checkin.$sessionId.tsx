import { publicOrigin } from "~/lib/request.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { checkinDisplay } from "~/modules/classes/attendance.server";

/**
 * GET /classes/:id/checkin/:sessionId — the organiser's check-in screen: a QR code of the
 * time-limited check-in URL (rotates every 60 s; the page refreshes itself), the six-digit
 * code to type, and how many are present. class.manage over the class; 404 otherwise.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const origin = publicOrigin(request);
  return checkinDisplay(actor, params.id!, params.sessionId!, origin);
}

export const headers = () => ({ "Cache-Control": "no-store" });

export default function CheckinScreen() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const page = useLoaderData<typeof loader>();
  const { revalidate } = useRevalidator();
  // A new code each window; also refreshes the count present.
  useEffect(() => {
    const timer = setTimeout(revalidate, page.secondsLeft * 1000 + 250);
    return () => clearTimeout(timer);
  }, [page.secondsLeft, page.short, revalidate]);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p className="text-sm">
        <Link to={`/classes/${page.cls.id}`}>← {page.cls.title}</Link>
      </p>
      <h1 className="text-xl font-semibold sm:text-2xl">
        {t("classes.checkin.screenTitle", { session: page.session.title })}
      </h1>
      <p className="text-sm text-slate-600">
        {formatDateTime(page.session.startsAt, locale)} –{" "}
        {formatDateTime(page.session.endsAt, locale).slice(-5)}
      </p>
      {!page.running ? (
        <Notice kind="error">{t("classes.checkin.errors.notRunning")}</Notice>
      ) : null}
      {page.running && !page.today ? (
        <Notice kind="info">{t("classes.checkin.notTodayHint")}</Notice>
      ) : null}
      <div className="card flex flex-col items-center gap-3">
        <div
          className="w-full max-w-sm [&_svg]:h-auto [&_svg]:w-full"
          role="img"
          aria-label={t("classes.checkin.qrLabel")}
          data-testid="checkin-qr"
          dangerouslySetInnerHTML={{ __html: page.svg }}
        />
        <p className="text-center text-sm text-slate-600">
          {t("classes.checkin.scanHint")}
        </p>
        <p className="text-center">
          <span className="block text-xs text-slate-500">
            {t("classes.checkin.shortCode")}
          </span>
          <span
            className="font-mono text-4xl font-semibold tracking-widest"
            data-testid="checkin-code"
          >
            {page.short}
          </span>
        </p>
        <a
          href={page.path}
          className="text-xs break-all text-slate-500"
          data-testid="checkin-url"
        >
          {page.url}
        </a>
        <p className="text-xs text-slate-500" aria-live="polite">
          {t("classes.checkin.rotates", { seconds: page.secondsLeft })}
        </p>
      </div>
      <p className="card text-center text-lg" aria-live="polite">
        {t("classes.checkin.presentCount")}{" "}
        <span
          className="font-semibold tabular-nums"
          data-testid="checkin-present"
        >
          {page.present}
        </span>{" "}
        / {page.participants}
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
