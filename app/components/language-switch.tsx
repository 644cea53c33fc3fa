import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Switches between Chinese and English; a full reload so every string re-renders. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const next = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/set-locale" reloadDocument>
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn-secondary min-h-9 px-3 py-1 whitespace-nowrap" lang={next} aria-label={`${t("common.language")}: ${t("common.switchTo")}`}>
        {t("common.switchTo")}
      </button>
    </Form>
  );
}
