import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import {
  checkInWithShortCode,
  type CheckinResult,
} from "~/modules/classes/attendance.server";
import { CheckinResultView } from "~/modules/classes/components/checkin-result";
import { checkinCodeSchema } from "~/modules/classes/rules";

/** GET/POST /checkin — type the six-digit code shown on the organiser's screen. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireActor(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const parsed = checkinCodeSchema.safeParse(
    Object.fromEntries(await request.formData())
  );
  if (!parsed.success)
    return data<CheckinResult>(
      { ok: false, error: parsed.error.issues[0].message },
      { status: 400 }
    );
  const result = await checkInWithShortCode(actor, parsed.data.code);
  return data<CheckinResult>(result, { status: result.ok ? 200 : 409 });
}

export default function CheckinByCode() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  if (result?.ok) return <CheckinResultView result={result} />;
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-xl font-semibold">{t("classes.checkin.title")}</h1>
      <p className="text-sm text-slate-600">{t("classes.checkin.codeIntro")}</p>
      {result && !result.ok ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
          data-testid="checkin-error"
        >
          {t(result.error)}
        </p>
      ) : null}
      <Form method="post" className="card space-y-3">
        <label htmlFor="checkin-code-input" className="label">
          {t("classes.checkin.shortCode")}
        </label>
        <input
          id="checkin-code-input"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          className="input text-center font-mono text-2xl tracking-widest"
          data-testid="checkin-code-input"
        />
        <button
          type="submit"
          className="btn w-full"
          disabled={busy}
          data-testid="checkin-submit"
        >
          {t("classes.checkin.submit")}
        </button>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
