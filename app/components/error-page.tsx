import { useTranslation } from "react-i18next";

/** 404 / 403 / 500 in the current language. Out-of-scope objects also land on 404. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const [title, body] =
    status === 404
      ? [t("pages.notFoundTitle"), t("pages.notFoundBody")]
      : status === 403
        ? [t("pages.forbiddenTitle"), t("pages.forbiddenBody")]
        : [t("pages.errorTitle"), t("pages.errorBody")];
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{body}</p>
      <a href="/" className="btn mt-6">
        {t("pages.goHome")}
      </a>
    </div>
  );
}
