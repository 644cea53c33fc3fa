import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, useActionData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/form";
import { LanguageSwitch } from "~/components/language-switch";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { changePassword } from "~/modules/auth/auth.server";
import { changePasswordSchema } from "~/modules/auth/rules";
import type { RootData } from "~/root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireActor(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["currentPassword", "newPassword", "confirmPassword"] }), { status: 400 });
  }
  const result = await changePassword(actor, submission.value.currentPassword, submission.value.newPassword, request.headers.get("User-Agent"));
  if (!result.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, [v]]));
    return data(submission.reply({ fieldErrors, hideFields: ["currentPassword", "newPassword", "confirmPassword"] }), { status: 400 });
  }
  return redirectWithFlash("/", { key: "auth.passwordChanged" }, { headers: { "Set-Cookie": result.sessionCookie } });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<RootData>("root");
  const forced = !!root?.user?.mustChangePassword;
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const body = (
    <div className="card max-w-lg">
      <h1 className="text-xl font-semibold">{t("auth.changePasswordTitle")}</h1>
      {forced ? (
        <p role="status" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="must-change">
          {t("auth.mustChange")}
        </p>
      ) : null}
      <p className="mt-2 mb-4 text-sm text-slate-600">{t("auth.passwordPolicy")}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <TextField meta={fields.currentPassword} label={t("auth.currentPassword")} type="password" autoComplete="current-password" />
        <TextField meta={fields.newPassword} label={t("auth.newPassword")} type="password" autoComplete="new-password" />
        <TextField meta={fields.confirmPassword} label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
        <button type="submit" className="btn">
          {t("common.save")}
        </button>
      </Form>
    </div>
  );
  if (!forced) return body;
  // Before the first change there is no navigation: nothing else is reachable yet.
  return (
    <div className="min-h-screen bg-slate-50">
      <div className="flex items-center justify-between gap-2 p-3">
        <span className="text-sm font-medium text-brand-700">{t("common.appName")}</span>
        <div className="flex gap-2">
          <LanguageSwitch />
          <Form method="post" action="/logout">
            <button type="submit" className="btn-secondary min-h-9 px-3 py-1">
              {t("nav.signOut")}
            </button>
          </Form>
        </div>
      </div>
      <main id="main" className="mx-auto max-w-lg px-4 py-6">
        {body}
      </main>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
