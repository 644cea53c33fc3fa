import { useTranslation } from "react-i18next";
import { formatDate, type Locale } from "~/lib/i18n";
import type { PublicCredentialView } from "../verify.server";
import { VerifyStatus } from "./verify-status";

export type VerifyPageAnswer =
  | { kind: "found"; credential: PublicCredentialView }
  | { kind: "notFound" }
  | { kind: "limited"; retryAfterSeconds: number };

/** The public verification card: a credential found, not found, or the request refused for rate. */
export function VerifyCard({ answer }: { answer: VerifyPageAnswer }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (answer.kind === "limited") {
    return (
      <div className="card mt-3 border-amber-300" data-testid="verify-result" data-found="limited">
        <h1 className="text-xl font-semibold">{t("verify.rateLimitedTitle")}</h1>
        <p className="mt-3 text-sm text-amber-900" role="alert" data-testid="verify-rate-limited">
          {t("verify.rateLimited", { seconds: answer.retryAfterSeconds })}
        </p>
      </div>
    );
  }
  if (answer.kind === "notFound") {
    return (
      <div className="card mt-3 border-red-300" data-testid="verify-result" data-found="no">
        <h1 className="text-xl font-semibold">{t("verify.notFoundTitle")}</h1>
        <p className="mt-3 text-sm text-red-900" role="alert" data-testid="verify-not-found">
          {t("verify.notFound")}
        </p>
      </div>
    );
  }
  const c = answer.credential;
  const typeName = locale === "zh-CN" ? c.type.name : c.type.nameEn;
  return (
    <div className="card mt-3 space-y-4" data-testid="verify-result" data-found="yes">
      <div>
        <h1 className="text-xl font-semibold">{t("verify.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("verify.found")}</p>
      </div>
      <VerifyStatus status={c.status} since={c.statusSince} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">{t("verify.fields.type")}</dt>
        <dd data-testid="verify-type" data-type={c.type.code}>
          {typeName}
        </dd>
        <dt className="text-slate-600">{t("verify.fields.holder")}</dt>
        <dd data-testid="verify-holder">{c.holder}</dd>
        <dt className="text-slate-600">{t("verify.fields.unit")}</dt>
        <dd data-testid="verify-unit" className="break-words">
          {c.unitName}
        </dd>
        <dt className="text-slate-600">{t("verify.fields.validFrom")}</dt>
        <dd data-testid="verify-valid-from" className="tabular-nums">
          {c.validFrom ? formatDate(c.validFrom, locale) : "—"}
        </dd>
        <dt className="text-slate-600">{t("verify.fields.validUntil")}</dt>
        <dd data-testid="verify-valid-until" className="tabular-nums">
          {c.validUntil ? formatDate(c.validUntil, locale) : t("verify.noExpiry")}
        </dd>
      </dl>
      <p className="text-xs text-slate-500">{t("verify.note")}</p>
    </div>
  );
}
