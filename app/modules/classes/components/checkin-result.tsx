import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Result =
  | {
      ok: true;
      already: boolean;
      classId: string;
      classTitle: string;
      sessionTitle: string;
    }
  | { ok: false; error: string };

/** The phone-sized answer after a check-in: success (or already present), or why not. */
export function CheckinResultView({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <div
      className="mx-auto max-w-sm space-y-4 text-center"
      data-testid="checkin-result"
      data-ok={String(result.ok)}
    >
      {result.ok ? (
        <div
          role="status"
          className="card space-y-2 border-green-300 bg-green-50"
        >
          <p className="text-4xl text-green-700" aria-hidden="true">
            ✓
          </p>
          <h1 className="text-xl font-semibold text-green-900">
            {result.already
              ? t("classes.checkin.already")
              : t("classes.checkin.success")}
          </h1>
          <p className="text-sm text-green-900">{result.classTitle}</p>
          <p className="text-sm text-green-900">{result.sessionTitle}</p>
        </div>
      ) : (
        <div role="alert" className="card space-y-2 border-red-300 bg-red-50">
          <h1 className="text-xl font-semibold text-red-900">
            {t("classes.checkin.failed")}
          </h1>
          <p className="text-sm text-red-900" data-testid="checkin-error">
            {t(result.error)}
          </p>
        </div>
      )}
      <p className="flex flex-wrap justify-center gap-2">
        {result.ok ? (
          <Link to={`/classes/${result.classId}`} className="btn-secondary">
            {t("classes.checkin.toClass")}
          </Link>
        ) : (
          <Link to="/checkin" className="btn-secondary">
            {t("classes.checkin.enterCode")}
          </Link>
        )}
      </p>
    </div>
  );
}
