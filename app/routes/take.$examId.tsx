import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { startAttempt, startPage } from "~/modules/exams/attempts.server";
import { deviceId } from "~/modules/exams/components/device-id";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const page = startPage(actor, params.examId!);
  if (page.inProgress) throw redirect(`/take/attempts/${page.inProgress}`);
  return page;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const device = String(form.get("deviceId") ?? "");
  const result = await startAttempt(actor, params.examId!, {
    // Without script the browser cannot keep an id: one per start keeps the attempt usable on that page.
    deviceId: device.length >= 8 ? device.slice(0, 64) : crypto.randomUUID(),
    accessCode: form.get("accessCode")?.toString() ?? null,
  });
  if (!result.ok) return { error: result.error };
  throw redirect(`/take/attempts/${result.attemptId}`);
}

export default function StartExam() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exam, attempts, problem, eligibilityProblems } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [device, setDevice] = useState("");
  useEffect(() => setDevice(deviceId()), []);
  const error = result?.error ?? problem;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={exam.title} intro={`${t(`blueprints.examTypes.${exam.examType}`)} · ${t("take.window", { from: formatDateTime(exam.opensAt, locale), to: formatDateTime(exam.closesAt, locale) })}`} />
      <section className="card space-y-2 text-sm">
        <h2 className="font-semibold">{t("take.rules.title")}</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("take.rules.questions", { count: exam.questions, marks: exam.totalMarks, pass: exam.passMark })}</li>
          <li>{t("take.rules.time", { minutes: exam.durationMinutes })}</li>
          <li>{t("take.rules.clock")}</li>
          <li>{t("take.rules.autosave")}</li>
          <li>{t("take.rules.integrity")}</li>
          {exam.tabSwitchLimit ? <li>{t("take.rules.tabLimit", { limit: exam.tabSwitchLimit })}</li> : null}
          <li>{t("take.rules.oneDevice")}</li>
          <li>{t("take.rules.attempts", { count: exam.attemptsAllowed })}</li>
        </ul>
      </section>
      {error ? (
        <Notice kind="error">
          <span className="block">{t(error)}</span>
          {eligibilityProblems.map((p) => (
            <span key={p} className="block">
              {t(p)}
            </span>
          ))}
        </Notice>
      ) : null}
      {!problem ? (
        <Form method="post" className="card space-y-3">
          <input type="hidden" name="deviceId" value={device} />
          {exam.needsAccessCode ? (
            <div>
              <label className="label" htmlFor="accessCode">
                {t("take.accessCode")}
              </label>
              <input id="accessCode" name="accessCode" className="input" autoComplete="off" inputMode="text" required aria-describedby="accessCodeHint" />
              <p id="accessCodeHint" className="mt-1 text-xs text-slate-500">
                {t("take.accessCodeHint")}
              </p>
            </div>
          ) : null}
          <button type="submit" className="btn w-full sm:w-auto" disabled={navigation.state !== "idle"}>
            {t("take.begin")}
          </button>
        </Form>
      ) : null}
      {attempts.length ? (
        <section className="card text-sm">
          <h2 className="mb-1 font-semibold">{t("take.previousAttempts")}</h2>
          <ul className="space-y-1">
            {attempts.map((a) => (
              <li key={a.id}>
                <Link to={`/take/attempts/${a.id}/result`}>{t("take.attemptN", { number: a.number })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
