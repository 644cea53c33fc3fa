import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { canAnywhere } from "~/modules/access/rules";
import { apply, myCredentials, withdraw } from "~/modules/credentials/credentials.server";
import { CredentialStatusBadge } from "~/modules/credentials/components/status-badge";
import { UnmetList } from "~/modules/credentials/components/unmet-list";
import type { Unmet } from "~/modules/credentials/rules";

/** GET /credentials — my credentials, their validity, and what I still need to apply or renew. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const view = await myCredentials(actor);
  return { ...view, canIssue: canAnywhere(actor, "credential.issue"), canManage: canAnywhere(actor, "credential.manage") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "apply") {
    const typeCode = String(form.get("typeCode") ?? "");
    const result = await apply(actor, typeCode);
    if (!result.ok) return data({ error: result.error, typeCode }, { status: 400 });
    return redirectWithFlash(`/credentials/${result.id}`, { key: "credentials.applied" });
  }
  if (intent === "withdraw") {
    const result = await withdraw(actor, String(form.get("id") ?? ""));
    if (!result.ok) return data({ error: result.error, typeCode: "" }, { status: 400 });
    return redirectWithFlash("/credentials", { key: "credentials.detail.withdrawn" });
  }
  badRequest();
}

export default function MyCredentials() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { credentials, available, canIssue, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const typeName = (type: { name: string; nameEn: string }) => (locale === "en" ? type.nameEn : type.name);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("credentials.title")}
        intro={t("credentials.intro")}
        actions={
          <>
            {canIssue ? (
              <>
                <Link to="/credentials/nominate" className="btn-secondary">
                  {t("credentials.nominate.title")}
                </Link>
                <Link to="/credentials/record" className="btn-secondary">
                  {t("credentials.record.title")}
                </Link>
              </>
            ) : null}
            {canManage ? (
              <Link to="/credentials/types" className="btn-secondary">
                {t("credentials.types.title")}
              </Link>
            ) : null}
          </>
        }
      />
      {result?.error ? <Notice kind="error">{t(result.error)}</Notice> : null}

      <section className="space-y-3" aria-labelledby="mine-title">
        <h2 id="mine-title" className="text-base font-semibold">
          {t("credentials.myCredentials")}
        </h2>
        {credentials.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("credentials.noCredentials")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2" data-testid="my-credentials">
            {credentials.map((c) => (
              <li key={c.id} className="card space-y-2" data-testid="credential-card" data-type={c.type.code}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 className="font-semibold">
                    <Link to={`/credentials/${c.id}`}>{typeName(c.type)}</Link>
                  </h3>
                  <CredentialStatusBadge status={c.displayStatus} />
                </div>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  {c.number || c.externalNumber ? (
                    <>
                      <dt className="text-slate-600">{c.number ? t("credentials.number") : t("credentials.externalNumber")}</dt>
                      <dd className="font-mono break-all" data-testid="credential-number">
                        {c.number ?? c.externalNumber}
                      </dd>
                    </>
                  ) : null}
                  {c.validFrom ? (
                    <>
                      <dt className="text-slate-600">{t("credentials.validUntil")}</dt>
                      <dd data-testid="credential-valid-until">{c.validUntil ? formatDate(c.validUntil, locale) : t("credentials.noExpiry")}</dd>
                    </>
                  ) : null}
                </dl>
                {c.renewal && (c.displayStatus === "EXPIRING" || c.displayStatus === "GRACE" || c.renewal.unmet.some((u) => u.code === "WINDOW_NOT_OPEN")) ? (
                  <RenewalStanding renewal={c.renewal} />
                ) : null}
                {c.status === "APPLIED" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="id" value={c.id} />
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t("credentials.detail.withdraw")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-3" aria-labelledby="available-title">
        <h2 id="available-title" className="text-base font-semibold">
          {t("credentials.available")}
        </h2>
        {available.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("credentials.noAvailable")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2" data-testid="available-credentials">
            {available.map((a) => (
              <li key={a.type.code} className="card space-y-2" data-testid="available-type" data-type={a.type.code}>
                <h3 className="font-semibold">{typeName(a.type)}</h3>
                {a.type.kind === "EXTERNAL" ? (
                  <p className="text-sm text-slate-600">{t("credentials.externalHint")}</p>
                ) : (
                  <>
                    <p className={`text-sm font-medium ${a.eligibility.eligible ? "text-green-800" : "text-amber-800"}`}>
                      {a.eligibility.eligible ? t("credentials.eligible") : t("credentials.notEligible")}
                    </p>
                    {a.eligibility.eligible ? null : (
                      <>
                        <p className="text-sm text-slate-600">{t("credentials.stillNeed")}</p>
                        <UnmetList unmet={a.eligibility.unmet} links />
                      </>
                    )}
                    {a.canApply ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="apply" />
                        <input type="hidden" name="typeCode" value={a.type.code} />
                        <button type="submit" className="btn w-full sm:w-auto" disabled={busy} data-testid="apply-button">
                          {t("credentials.apply")}
                        </button>
                      </Form>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function RenewalStanding({ renewal }: { renewal: { ready: boolean; inWindow: boolean; opensAt: Date | null; unmet: Unmet[] } }) {
  const { t } = useTranslation();
  if (renewal.ready) return <p className="text-sm font-medium text-green-800" data-testid="renewal-ready">{t("credentials.renewalReady")}</p>;
  return (
    <div className="space-y-1">
      <p className="text-sm text-slate-600">{t("credentials.renewalNeeds")}</p>
      <UnmetList unmet={renewal.unmet} context="renewal" links testId="renewal-unmet" />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
