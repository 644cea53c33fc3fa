import { useTranslation } from "react-i18next";
import { formatDate, type Locale } from "~/lib/i18n";
import type { PublicStatus } from "../verify.server";

const TONE: Record<PublicStatus, string> = {
  VALID: "border-green-300 bg-green-50 text-green-900",
  EXPIRING: "border-amber-300 bg-amber-50 text-amber-900",
  EXPIRED: "border-red-300 bg-red-50 text-red-900",
  SUSPENDED: "border-red-300 bg-red-50 text-red-900",
  REVOKED: "border-red-300 bg-red-50 text-red-900",
};

const MARK: Record<PublicStatus, string> = { VALID: "✓", EXPIRING: "✓", EXPIRED: "✕", SUSPENDED: "⏸", REVOKED: "✕" };

/** The status of a credential as the public sees it, with since-when for suspensions and revocations. */
export function VerifyStatus({ status, since }: { status: PublicStatus; since: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const label = t(`verify.status.${status}`);
  const text =
    status === "SUSPENDED" && since
      ? t("verify.suspendedSince", { status: label, date: formatDate(since, locale) })
      : status === "REVOKED" && since
        ? t("verify.revokedOn", { status: label, date: formatDate(since, locale) })
        : label;
  return (
    <div role="status" data-testid="verify-status" data-status={status} className={`rounded-lg border px-3 py-2 ${TONE[status]}`}>
      <p className="text-base font-semibold">
        <span aria-hidden="true">{MARK[status]} </span>
        {text}
      </p>
      <p className="mt-0.5 text-sm">{t(`verify.statusHint.${status}`)}</p>
    </div>
  );
}
