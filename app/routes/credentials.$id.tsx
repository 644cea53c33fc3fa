import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { VerifyDownloads } from "~/modules/credentials/components/verify-downloads";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate, formatDateTime, isoDateInShanghai, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { CredentialStatusBadge } from "~/modules/credentials/components/status-badge";
import { UnmetList } from "~/modules/credentials/components/unmet-list";
import { credentialDetail, issue, reinstate, reject, renew, revoke, suspend, withdraw } from "~/modules/credentials/credentials.server";
import { parseShanghaiDate, type Unmet } from "~/modules/credentials/rules";

/**
 * GET/POST /credentials/:id — one credential with its whole history. The holder sees it
 * (and may withdraw an open application); credential.view over the holder's unit sees it;
 * credential.issue over it acts: issue, reject, renew, suspend, reinstate, revoke. 404 otherwise.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const detail = await credentialDetail(actor, params.id!);
  return { ...detail, today: isoDateInShanghai(new Date()) };
}

const date = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const d = parseShanghaiDate(v);
    if (!d) ctx.addIssue({ code: "custom", message: "credentials.errors.dateFormat" });
    return d;
  });
const reason = z.string({ message: "errors.reasonRequired" }).trim().min(2, { message: "errors.reasonRequired" }).max(500, { message: "errors.tooLong" });

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), validFrom: date }),
  z.object({ intent: z.literal("renew") }),
  z.object({ intent: z.literal("suspend"), reason, effectiveDate: date }),
  z.object({ intent: z.literal("reinstate"), reason }),
  z.object({ intent: z.literal("revoke"), reason }),
  z.object({ intent: z.literal("reject"), reason }),
  z.object({ intent: z.literal("withdraw") }),
]);

type ActionData = { intent: string; error: string; unmet?: Unmet[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.id!;
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? "");
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    if (!["issue", "renew", "suspend", "reinstate", "revoke", "reject", "withdraw"].includes(intent)) badRequest();
    return data<ActionData>({ intent, error: parsed.error.issues[0].message }, { status: 400 });
  }
  const v = parsed.data;
  const result = await (async () => {
    switch (v.intent) {
      case "issue":
        return issue(actor, id, { validFrom: v.validFrom });
      case "renew":
        return renew(actor, id);
      case "suspend":
        return suspend(actor, id, v.reason, v.effectiveDate);
      case "reinstate":
        return reinstate(actor, id, v.reason);
      case "revoke":
        return revoke(actor, id, v.reason);
      case "reject":
        return reject(actor, id, v.reason);
      case "withdraw":
        return withdraw(actor, id);
    }
  })();
  if (!result.ok) return data<ActionData>({ intent, error: result.error, unmet: result.unmet }, { status: 409 });
  const flashKey = {
    issue: "credentials.hr.issued",
    renew: "credentials.hr.renewed",
    suspend: "credentials.hr.suspended",
    reinstate: "credentials.hr.reinstated",
    revoke: "credentials.hr.revoked",
    reject: "credentials.hr.rejected",
    withdraw: "credentials.detail.withdrawn",
  }[v.intent];
  if (v.intent === "issue") {
    const after = await credentialDetail(actor, id);
    return redirectWithFlash(`/credentials/${id}`, { key: flashKey, params: { number: after.credential.number ?? "" } });
  }
  return redirectWithFlash(`/credentials/${id}`, { key: flashKey });
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

export default function CredentialPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { credential: c, type, holder } = d;
  const typeName = locale === "en" ? type.nameEn : type.name;
  const showCertificate = type.kind === "ISSUED" && !!c.number && (c.status === "ACTIVE" || c.status === "SUSPENDED") && (d.own || d.canIssue);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("credentials.detail.title", { type: typeName, name: holder.name })}
        actions={
          <>
            <CredentialStatusBadge status={c.displayStatus} />
            {showCertificate ? <VerifyDownloads credentialId={c.id} verifyCode={c.verifyCode} /> : null}
          </>
        }
      />
      {result?.error ? (
        <Notice kind="error">
          <p>{t(result.error)}</p>
          {result.unmet?.length ? (
            <div className="mt-2" data-testid="refusal-reasons">
              <UnmetList unmet={result.unmet} context={result.intent === "renew" ? "renewal" : "eligibility"} testId="refusal-unmet" />
            </div>
          ) : null}
        </Notice>
      ) : null}

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title" className="mb-2 font-semibold">
          {t("credentials.detail.summary")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">{t("credentials.holder")}</dt>
          <dd>
            {holder.name}（{holder.staffNo}）
          </dd>
          <dt className="text-slate-600">{t("credentials.unit")}</dt>
          <dd>{holder.unitName}</dd>
          <dt className="text-slate-600">{t("credentials.category")}</dt>
          <dd>
            {t(`people.category.${holder.category}`)} · {holder.post}
          </dd>
          <dt className="text-slate-600">{t("credentials.type")}</dt>
          <dd>
            {typeName}（{t(`credentials.kinds.${type.kind}`)}）
          </dd>
          <dt className="text-slate-600">{t("credentials.status")}</dt>
          <dd>{t(`credentials.statuses.${c.displayStatus}`)}</dd>
          {c.number ? (
            <>
              <dt className="text-slate-600">{t("credentials.number")}</dt>
              <dd className="font-mono break-all" data-testid="credential-number">
                {c.number}
              </dd>
            </>
          ) : null}
          {c.externalNumber ? (
            <>
              <dt className="text-slate-600">{t("credentials.externalNumber")}</dt>
              <dd className="font-mono break-all" data-testid="credential-external-number">
                {c.externalNumber}
              </dd>
            </>
          ) : null}
          {c.issuedAt ? (
            <>
              <dt className="text-slate-600">{t("credentials.issuedAt")}</dt>
              <dd>{formatDate(c.issuedAt, locale)}</dd>
            </>
          ) : null}
          {c.issuingUnitName ? (
            <>
              <dt className="text-slate-600">{t("credentials.issuingUnit")}</dt>
              <dd>{c.issuingUnitName}</dd>
            </>
          ) : null}
          {c.validFrom ? (
            <>
              <dt className="text-slate-600">{t("credentials.validFrom")}</dt>
              <dd data-testid="credential-valid-from">{formatDate(c.validFrom, locale)}</dd>
              <dt className="text-slate-600">{t("credentials.validUntil")}</dt>
              <dd data-testid="credential-valid-until">{c.validUntil ? formatDate(c.validUntil, locale) : t("credentials.noExpiry")}</dd>
            </>
          ) : null}
          {c.hasEvidence ? (
            <>
              <dt className="text-slate-600">{t("credentials.evidence")}</dt>
              <dd>
                <a href={`/credentials/${c.id}/evidence`} data-testid="evidence-link">
                  {c.evidenceName ?? t("credentials.downloadEvidence")}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {d.eligibility ? (
        <section className="card space-y-2" aria-labelledby="eligibility-title" data-testid="eligibility-section" data-eligible={d.eligibility.eligible}>
          <h2 id="eligibility-title" className="font-semibold">
            {t("credentials.detail.eligibility")}
          </h2>
          {d.eligibility.eligible ? (
            <p className="text-sm text-green-800">{t("credentials.detail.eligibleAll")}</p>
          ) : (
            <>
              {d.canIssue ? <p className="text-sm text-amber-800">{t("credentials.hr.cannotIssue")}</p> : <p className="text-sm text-slate-600">{t("credentials.stillNeed")}</p>}
              <UnmetList unmet={d.eligibility.unmet} links={d.own} />
            </>
          )}
        </section>
      ) : null}

      {d.renewal ? (
        <section className="card space-y-2" aria-labelledby="renewal-title" data-testid="renewal-section" data-ready={d.renewal.ready}>
          <h2 id="renewal-title" className="font-semibold">
            {t("credentials.detail.renewal")}
          </h2>
          {d.renewal.ready ? (
            <p className="text-sm text-green-800">{t("credentials.renewalReady")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("credentials.renewalNeeds")}</p>
              <UnmetList unmet={d.renewal.unmet} context="renewal" links={d.own} testId="renewal-unmet" />
            </>
          )}
        </section>
      ) : null}

      {d.canIssue && d.actions.length > 0 ? <HrActions d={d} /> : null}

      {d.canWithdraw ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="btn-secondary" data-testid="withdraw-button">
            {t("credentials.detail.withdraw")}
          </button>
        </Form>
      ) : null}

      <History events={d.events} />
    </div>
  );
}

function ReasonForm({ intent, label, submit, withDate, today, danger }: { intent: string; label: string; submit: string; withDate?: boolean; today: string; danger?: boolean }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="grid grid-cols-1 gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end" data-testid={`${intent}-form`}>
      <input type="hidden" name="intent" value={intent} />
      <div>
        <label htmlFor={`${intent}-reason`} className="label">
          {label} · {t("credentials.hr.reason")}
        </label>
        <input id={`${intent}-reason`} name="reason" className="input" required minLength={2} maxLength={500} autoComplete="off" />
      </div>
      {withDate ? (
        <div>
          <label htmlFor={`${intent}-date`} className="label">
            {t("credentials.hr.effectiveDate")}
          </label>
          <input id={`${intent}-date`} name="effectiveDate" type="date" className="input" defaultValue={today} max={today} />
        </div>
      ) : null}
      <button type="submit" className={danger ? "btn-danger" : "btn-secondary"} disabled={busy} data-testid={`${intent}-button`}>
        {submit}
      </button>
    </Form>
  );
}

function HrActions({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const has = (a: string) => (d.actions as string[]).includes(a);
  return (
    <section className="card space-y-4" aria-labelledby="hr-title" data-testid="hr-actions">
      <h2 id="hr-title" className="font-semibold">
        {t("credentials.detail.hrActions")}
      </h2>
      {has("issue") && d.type.kind === "ISSUED" ? (
        <Form method="post" className="grid grid-cols-1 gap-2 sm:grid-cols-[1fr_auto] sm:items-end" data-testid="issue-form">
          <input type="hidden" name="intent" value="issue" />
          <div>
            <label htmlFor="issue-valid-from" className="label">
              {t("credentials.hr.validFrom")}
            </label>
            <input id="issue-valid-from" name="validFrom" type="date" className="input" defaultValue={d.today} aria-describedby="issue-hint" />
            <p id="issue-hint" className="mt-1 text-xs text-slate-500">
              {t("credentials.hr.issueHint")}
            </p>
          </div>
          <button type="submit" className="btn" disabled={busy} data-testid="issue-button">
            {t("credentials.hr.issue")}
          </button>
        </Form>
      ) : null}
      {has("reject") ? <ReasonForm intent="reject" label={t("credentials.hr.reject")} submit={t("credentials.hr.reject")} today={d.today} /> : null}
      {has("renew") && d.renewal ? (
        <Form method="post" className="space-y-1" data-testid="renew-form">
          <input type="hidden" name="intent" value="renew" />
          <p className="text-xs text-slate-500">{t("credentials.hr.renewHint", { months: d.type.validityMonths ?? 0 })}</p>
          <button type="submit" className="btn" disabled={busy} data-testid="renew-button">
            {t("credentials.hr.renew")}
          </button>
        </Form>
      ) : null}
      {has("suspend") ? <ReasonForm intent="suspend" label={t("credentials.hr.suspend")} submit={t("credentials.hr.suspend")} withDate today={d.today} /> : null}
      {has("reinstate") ? <ReasonForm intent="reinstate" label={t("credentials.hr.reinstate")} submit={t("credentials.hr.reinstate")} today={d.today} /> : null}
      {has("revoke") ? (
        <div className="space-y-1">
          <p className="text-xs text-slate-500">{t("credentials.hr.confirmRevoke")}</p>
          <ReasonForm intent="revoke" label={t("credentials.hr.revoke")} submit={t("credentials.hr.revoke")} today={d.today} danger />
        </div>
      ) : null}
    </section>
  );
}

function History({ events }: { events: LoaderData["events"] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const detail = (e: LoaderData["events"][number]) => {
    const x = e.data as Record<string, unknown>;
    const day = (v: unknown) => (typeof v === "string" && v ? formatDate(v, locale) : "");
    switch (e.action) {
      case "ISSUED":
        return x.validUntil
          ? t("credentials.detail.issuedDetail", { number: String(x.number ?? ""), from: day(x.validFrom), to: day(x.validUntil) })
          : t("credentials.detail.issuedNoExpiry", { number: String(x.number ?? "") });
      case "RENEWED":
        return t("credentials.detail.renewedDetail", { from: day(x.oldValidUntil), to: day(x.newValidUntil) });
      case "RECORDED":
        return t("credentials.detail.recordedDetail", { number: String(x.externalNumber ?? ""), from: day(x.issuedAt) });
      case "APPLIED":
      case "NOMINATED":
        return x.eligible ? t("credentials.detail.eligibleAt") : t("credentials.detail.notEligibleAt");
      default:
        return "";
    }
  };
  return (
    <section className="card overflow-x-auto p-0 sm:p-0" aria-labelledby="history-title">
      <h2 id="history-title" className="px-4 pt-4 font-semibold">
        {t("credentials.detail.history")}
      </h2>
      <table className="table" data-testid="credential-history">
        <thead>
          <tr>
            <th>{t("credentials.detail.columns.at")}</th>
            <th>{t("credentials.detail.columns.action")}</th>
            <th className="hidden sm:table-cell">{t("credentials.detail.columns.effective")}</th>
            <th>{t("credentials.detail.columns.reason")}</th>
            <th className="hidden md:table-cell">{t("credentials.detail.columns.actor")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td className="whitespace-nowrap">{formatDateTime(e.at, locale)}</td>
              <td>
                <span className="font-medium">{t(`credentials.actions.${e.action}`)}</span>
                {detail(e) ? <span className="block text-xs text-slate-600">{detail(e)}</span> : null}
              </td>
              <td className="hidden whitespace-nowrap sm:table-cell">{e.effectiveDate ? formatDate(e.effectiveDate, locale) : ""}</td>
              <td className="break-words">{e.reason ?? ""}</td>
              <td className="hidden md:table-cell">{e.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
