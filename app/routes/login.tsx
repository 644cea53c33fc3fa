import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, Form, redirect, redirectDocument, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/form";
import { LanguageSwitch } from "~/components/language-switch";
import { readSession } from "~/lib/actor.server";
import { localeCookie, requestLocale } from "~/lib/i18n";
import { clientIp } from "~/lib/request.server";
import { login } from "~/modules/auth/auth.server";
import { loginSchema, safeRedirect } from "~/modules/auth/rules";

export const meta: MetaFunction = () => [{ title: "登录 · Sign in" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await readSession(request, context);
  if (actor) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await login({
    identifier: submission.value.identifier,
    password: submission.value.password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok) {
    const message = `auth.errors.${result.error}`;
    const params = result.retryAfterMinutes ? `|${result.retryAfterMinutes}` : "";
    return data(submission.reply({ formErrors: [message + params], hideFields: ["password"] }), {
      status: result.error === "invalid" ? 401 : 429,
    });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", result.sessionCookie);
  // The account's remembered language wins over this browser's.
  if (result.locale) headers.append("Set-Cookie", localeCookie(result.locale));
  const to = result.mustChangePassword ? "/account/password" : safeRedirect(submission.value.redirectTo);
  // The browser's translations were loaded in this page's language: when the account's
  // remembered language differs, load the next page as a new document.
  const languageChanges = result.locale !== null && result.locale !== requestLocale(request);
  return languageChanges ? redirectDocument(to, { headers }) : redirect(to, { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldRevalidate: "onInput",
  });
  // Form-level errors carry "key|minutes" so the message can say how long to wait.
  const formErrors = form.errors?.map((e) => {
    const [key, minutes] = e.split("|");
    return t(key, { minutes });
  });
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-slate-50">
      <div className="flex justify-end p-3">
        <LanguageSwitch />
      </div>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-4 pt-6 pb-16 sm:pt-16">
        <p className="text-center text-sm font-medium text-brand-700">{t("common.appName")}</p>
        <div className="card mt-3">
          <h1 className="text-xl font-semibold">{t("auth.signInTitle")}</h1>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t("auth.signInIntro")}</p>
          {formErrors?.length ? (
            <div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="login-error">
              {formErrors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : (
            <FormErrors />
          )}
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <TextField meta={fields.identifier} label={t("auth.identifier")} autoComplete="username" />
            <TextField meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
            <button type="submit" className="btn w-full" disabled={navigation.state === "submitting"}>
              {t("auth.submit")}
            </button>
          </Form>
        </div>
      </main>
    </div>
  );
}
