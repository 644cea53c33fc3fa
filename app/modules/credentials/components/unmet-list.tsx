import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate, type Locale } from "~/lib/i18n";
import { unmetLink, type Unmet } from "../rules";

/** One unmet condition in words, with its parameters translated (exam and class types, statuses, dates). */
export function unmetText(t: TFunction, locale: Locale, u: Unmet, context: "eligibility" | "renewal" = "eligibility"): string {
  const p = u.params;
  const list = (value: unknown, section: string) =>
    String(value ?? "")
      .split(",")
      .filter(Boolean)
      .map((code) => t(`credentials.${section}.${code}`))
      .join(t("credentials.unmet.or"));
  switch (u.code) {
    case "EXAM": {
      const vars = { exams: list(p.examTypes, "examTypes"), codes: String(p.examTypes ?? "").replace(/,/g, "/"), months: p.months };
      if (Number(p.months) > 0) return t("credentials.unmet.EXAM_WITHIN", vars);
      return t(context === "renewal" ? "credentials.unmet.EXAM_PERIOD" : "credentials.unmet.EXAM", vars);
    }
    case "POST_TRAINING": {
      const vars = { classes: list(p.classTypes, "classTypes"), months: p.months };
      return t(Number(p.months) > 0 ? "credentials.unmet.POST_TRAINING_WITHIN" : "credentials.unmet.POST_TRAINING", vars);
    }
    case "HOLDER_CATEGORY":
      return t("credentials.unmet.HOLDER_CATEGORY", {
        category: t(`people.category.${p.category}`),
        categories: String(p.categories ?? "")
          .split(",")
          .filter(Boolean)
          .map((c) => t(`people.category.${c}`))
          .join("、"),
      });
    case "NOT_ACTIVE":
      return t("credentials.unmet.NOT_ACTIVE", { status: t(`people.status.${p.status}`) });
    case "CREDENTIAL_NOT_ACTIVE":
      return t("credentials.unmet.CREDENTIAL_NOT_ACTIVE", { status: t(`credentials.statuses.${p.status}`) });
    case "WINDOW_NOT_OPEN":
      return t("credentials.unmet.WINDOW_NOT_OPEN", { date: formatDate(String(p.opensAt), locale) });
    case "PAST_GRACE":
      return t("credentials.unmet.PAST_GRACE", { date: formatDate(new Date(new Date(String(p.closedAt)).getTime() - 1), locale) });
    case "HOURS":
      return t("credentials.unmet.HOURS", { year: p.year, required: p.required, have: p.have });
    default:
      return t(`credentials.unmet.${u.code}`, p);
  }
}

const LINK_LABEL = { "/take": "credentials.linkTake", "/classes": "credentials.linkClasses", "/hours": "credentials.linkHours" } as const;

/** Unmet conditions as a list (data-testid="eligibility", items with data-code), with links where they can be worked on. */
export function UnmetList({ unmet, context = "eligibility", links = false, testId = "eligibility" }: { unmet: Unmet[]; context?: "eligibility" | "renewal"; links?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (unmet.length === 0) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid={testId}>
      {unmet.map((u, i) => {
        const href = links ? unmetLink(u) : null;
        return (
          <li key={`${u.code}-${i}`} data-code={u.code}>
            {unmetText(t, locale, u, context)}
            {href ? (
              <>
                {" "}
                <Link to={href} className="whitespace-nowrap">
                  {t(LINK_LABEL[href])} →
                </Link>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
