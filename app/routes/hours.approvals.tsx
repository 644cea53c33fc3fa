import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterActions, FilterSelect } from "~/components/filters";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { approvalQueue, approveMany, decide, MAX_BATCH } from "~/modules/hours/approvals.server";
import { formatHours } from "~/modules/hours/components/year-overview";
import { ledgerErrorKey } from "~/modules/hours/officer";
import { HOURS_SOURCES } from "~/modules/hours/rules";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

const filterSchema = z.object({
  unitId: z.string().max(40).optional().catch(undefined),
  source: z.enum(HOURS_SOURCES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const decisionSchema = z.object({
  intent: z.enum(["approve", "reject", "batch"]),
  entryId: z.string().max(40).optional(),
  note: z.string().trim().max(500).optional(),
});

/** GET/POST /hours/approvals — pending entries of people in the actor's hours.approve scope, oldest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "hours.approve");
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  const [queue, units] = await Promise.all([approvalQueue(actor, filter), unitOptions(actor, "hours.approve")]);
  return { ...queue, units };
}

type ActionData = { error: string; entryId?: string } | { refused: { id: string; error: string }[]; approved: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "hours.approve");
  const form = await request.formData();
  const parsed = decisionSchema.safeParse({ intent: form.get("intent"), entryId: form.get("entryId") ?? undefined, note: form.get("note") ?? undefined });
  if (!parsed.success) badRequest();
  const back = new URL(request.url);
  const to = `/hours/approvals${back.search}`;
  const { intent, entryId, note } = parsed.data;
  if (intent === "batch") {
    const ids = form.getAll("entryIds").map(String).filter((id) => /^[a-z0-9]{1,40}$/i.test(id));
    if (ids.length === 0) return data<ActionData>({ error: "ledger.approvals.noneSelected" }, { status: 400 });
    if (ids.length > MAX_BATCH) return data<ActionData>({ error: "ledger.approvals.tooMany" }, { status: 400 });
    const result = await approveMany(actor, ids);
    if (result.refused.length) return data<ActionData>(result, { status: 409 });
    return redirectWithFlash(to, { key: "ledger.flash.batchApproved", params: { count: result.approved } });
  }
  if (!entryId) badRequest();
  if (intent === "reject" && !note) return data<ActionData>({ error: "ledger.errors.rejectNote", entryId }, { status: 400 });
  const result = await decide(actor, entryId, intent === "approve" ? "APPROVED" : "REJECTED", note);
  if (!result.ok) return data<ActionData>({ error: result.error, entryId }, { status: 409 });
  return redirectWithFlash(to, { key: intent === "approve" ? "ledger.flash.approved" : "ledger.flash.rejected" });
}

export default function Approvals() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { items, total, page, pageCount, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting";
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `/hours/approvals?${next}`;
  };
  const h = (v: number) => formatHours(v, locale);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("ledger.approvals.title")}
        intro={t("ledger.approvals.intro")}
        actions={
          <>
            <Link to="/hours/new" className="btn-secondary">
              {t("ledger.approvals.enter")}
            </Link>
            <Link to="/hours/import" className="btn-secondary">
              {t("ledger.import.title")}
            </Link>
          </>
        }
      />
      {result && "error" in result ? <Notice kind="error">{t(ledgerErrorKey(result.error))}</Notice> : null}
      {result && "refused" in result ? (
        <Notice kind="error">
          {t("ledger.approvals.partly", { approved: result.approved, refused: result.refused.length })}
          <ul className="mt-1 list-disc pl-5">
            {[...new Set(result.refused.map((r) => r.error))].map((e) => (
              <li key={e}>{t(ledgerErrorKey(e))}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3" role="search" aria-label={t("ledger.approvals.filter")}>
        <FilterSelect id="filter-unit" name="unitId" label={t("ledger.approvals.unit")} defaultValue={params.get("unitId") ?? ""} options={unitSelectOptions(units)} />
        <FilterSelect id="filter-source" name="source" label={t("ledger.approvals.source")} defaultValue={params.get("source") ?? ""} options={HOURS_SOURCES.map((s) => ({ value: s, label: t(`ledger.sources.${s}`) }))} />
        <FilterActions resetTo="/hours/approvals" className="flex items-end gap-2" />
      </Form>

      <p className="text-sm text-slate-600" data-testid="approvals-total">
        {t("common.total", { formatted: formatNumber(total, locale) })}
      </p>
      {items.length === 0 ? (
        <p className="card text-sm text-slate-600" data-testid="approvals-empty">
          {t("ledger.approvals.empty")}
        </p>
      ) : (
        <>
          <Form method="post" id="batch-form" className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="intent" value="batch" />
            <button type="submit" className="btn" disabled={busy} data-testid="batch-approve">
              {t("ledger.approvals.batchApprove")}
            </button>
            <span className="text-xs text-slate-600">{t("ledger.approvals.batchHint")}</span>
          </Form>
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="approvals">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t("ledger.approvals.select")}</span>
                  </th>
                  <th scope="col">{t("ledger.approvals.person")}</th>
                  <th scope="col">{t("ledger.entries.activity")}</th>
                  <th scope="col" className="text-right">
                    {t("ledger.entries.hours")}
                  </th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-entry-id={e.id}>
                    <td>
                      {e.own ? null : (
                        <input
                          type="checkbox"
                          name="entryIds"
                          value={e.id}
                          form="batch-form"
                          className="h-5 w-5"
                          aria-label={t("ledger.approvals.selectRow", { name: e.name, title: e.title })}
                          data-testid="approval-select"
                        />
                      )}
                    </td>
                    <td className="whitespace-nowrap">
                      <Link to={`/hours/people/${e.personId}?year=${e.year}`} className="font-medium">
                        {e.name}
                      </Link>
                      <span className="block text-xs text-slate-600">
                        {e.staffNo} · {e.unitName}
                      </span>
                    </td>
                    <td className="min-w-48">
                      <span className="font-medium">{e.title}</span>
                      <span className="block text-xs text-slate-600">
                        {formatDate(e.activityDate, locale)} · {t(`ledger.sources.${e.source}`)} · {t(`ledger.categories.${e.category}`)}
                      </span>
                      {e.note ? <span className="block text-xs text-slate-600">{e.note}</span> : null}
                      {e.hasEvidence ? (
                        <a href={`/hours/evidence/${e.id}`} className="block text-xs" target="_blank" rel="noreferrer">
                          {t("ledger.approvals.evidence")}
                        </a>
                      ) : (
                        <span className="block text-xs text-slate-500">{t("ledger.approvals.noEvidence")}</span>
                      )}
                      <span className="block text-xs text-slate-500">{t("ledger.approvals.submittedAt", { date: formatDate(e.recordedAt, locale) })}</span>
                    </td>
                    <td className="text-right whitespace-nowrap tabular-nums">
                      <span data-testid="approval-hours">{h(e.hours)}</span>
                      {e.quantityUnit === "DAYS" && e.quantity ? <span className="block text-xs text-slate-600">{t("ledger.entries.days", { days: h(e.quantity) })}</span> : null}
                      {e.source === "TEACHING" && e.quantity ? <span className="block text-xs text-slate-600">{t("ledger.entries.taught", { hours: h(e.quantity) })}</span> : null}
                    </td>
                    <td className="min-w-40">
                      {e.own ? (
                        <span className="text-xs text-slate-600">{t("ledger.approvals.own")}</span>
                      ) : (
                        <div className="space-y-2">
                          <Form method="post">
                            <input type="hidden" name="intent" value="approve" />
                            <input type="hidden" name="entryId" value={e.id} />
                            <button type="submit" className="btn w-full sm:w-auto" disabled={busy} data-testid="approve-entry">
                              {t("ledger.approvals.approve")}
                            </button>
                          </Form>
                          <details>
                            <summary className="cursor-pointer text-sm text-red-800">{t("ledger.approvals.reject")}</summary>
                            <Form method="post" className="mt-2 space-y-2">
                              <input type="hidden" name="intent" value="reject" />
                              <input type="hidden" name="entryId" value={e.id} />
                              <label htmlFor={`note-${e.id}`} className="label">
                                {t("ledger.approvals.rejectNote")}
                              </label>
                              <textarea id={`note-${e.id}`} name="note" required maxLength={500} rows={2} className="input" />
                              <button type="submit" className="btn-danger" disabled={busy} data-testid="reject-entry">
                                {t("ledger.approvals.confirmReject")}
                              </button>
                            </Form>
                          </details>
                          {result && "error" in result && result.entryId === e.id ? <p className="field-error">{t(ledgerErrorKey(result.error))}</p> : null}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {pageCount > 1 ? (
        <nav className="flex flex-wrap items-center gap-2" aria-label={t("ledger.pagination")}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
              {t("ledger.previous")}
            </Link>
          ) : null}
          <span className="text-sm text-slate-600">{t("ledger.pageOf", { page, count: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
              {t("common.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
