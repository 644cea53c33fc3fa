import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate, formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { canAnywhere } from "~/modules/access/rules";
import { ReportNav } from "~/modules/credentials/components/report-nav";
import { ReportPagination } from "~/modules/credentials/components/report-pagination";
import { ReportStatusBadge } from "~/modules/credentials/components/report-status";
import { sendRenewalReminders } from "~/modules/credentials/reminders.server";
import { EXPIRY_WINDOWS, parseTodoQuery, TODO_LISTS } from "~/modules/credentials/report-rules";
import { eligiblePage, expiringPage, lapsedPage, typeOptions } from "~/modules/credentials/reports.server";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";

/*
 * GET /credentials/expiring?list=expiring|eligible|lapsed — HR to-do lists (credential.view):
 * expiring within 30/60/90 days (with bulk renewal reminders for credential.issue),
 * eligible but not issued, expired or never issued on enforcement posts.
 * POST intent=remind, id=… — reminders for the selected credentials.
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.view");
  const query = parseTodoQuery(new URL(request.url).searchParams);
  const [units, types] = await Promise.all([unitOptions(actor, "credential.view"), typeOptions()]);
  const base = { query, units, types, canIssue: canAnywhere(actor, "credential.issue") };
  if (query.list === "eligible") return { ...base, list: "eligible" as const, eligible: await eligiblePage(actor, query) };
  if (query.list === "lapsed") return { ...base, list: "lapsed" as const, lapsed: await lapsedPage(actor, query) };
  return { ...base, list: "expiring" as const, expiring: await expiringPage(actor, query) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  const form = await request.formData();
  if (form.get("intent") !== "remind") badRequest();
  const ids = form.getAll("id").filter((v): v is string => typeof v === "string");
  const url = new URL(request.url);
  if (ids.length === 0) return redirectWithFlash(`${url.pathname}${url.search}`, { key: "credentialViews.todo.remind.noneSelected" });
  const result = await sendRenewalReminders(actor, ids);
  return redirectWithFlash(`${url.pathname}${url.search}`, { key: "credentialViews.todo.remind.result", params: result });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ExpiringTable({ data, canIssue }: { data: NonNullable<Extract<LoaderData, { list: "expiring" }>["expiring"]>; canIssue: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const navigation = useNavigation();
  const remindable = data.items.filter((c) => c.remindable).map((c) => c.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [data]);
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  if (data.items.length === 0) return <p className="card text-sm text-slate-600">{t("credentialViews.todo.emptyExpiring")}</p>;
  return (
    <Form method="post" className="space-y-3" data-testid="expiring-form">
      <input type="hidden" name="intent" value="remind" />
      {canIssue ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <label className="flex min-h-10 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={remindable.length > 0 && remindable.every((id) => selected.has(id))}
              onChange={(e) => setSelected(e.target.checked ? new Set(remindable) : new Set())}
              disabled={remindable.length === 0}
              data-testid="remind-select-all"
            />
            {t("credentialViews.todo.remind.selectAll")}
          </label>
          <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="remind-submit">
            {t("credentialViews.todo.remind.button")}
          </button>
        </div>
      ) : null}
      <div className="card overflow-x-auto p-0 sm:p-0">
        <table className="table" data-testid="expiring-list">
          <thead>
            <tr>
              {canIssue ? <th className="w-10">{t("credentialViews.columns.select")}</th> : null}
              <th>{t("credentialViews.columns.name")}</th>
              <th className="hidden md:table-cell">{t("credentialViews.columns.unit")}</th>
              <th>{t("credentialViews.columns.type")}</th>
              <th>{t("credentialViews.columns.validUntil")}</th>
              <th className="hidden sm:table-cell">{t("credentialViews.columns.lastReminded")}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => {
              const typeName = locale === "en" ? c.typeNameEn : c.typeName;
              return (
                <tr key={c.id} data-testid="expiring-row" data-id={c.id} data-staff-no={c.staffNo} data-days-left={c.daysLeft ?? ""}>
                  {canIssue ? (
                    <td>
                      <input
                        type="checkbox"
                        name="id"
                        value={c.id}
                        className="h-5 w-5"
                        disabled={!c.remindable}
                        checked={selected.has(c.id)}
                        onChange={(e) => toggle(c.id, e.target.checked)}
                        aria-label={t("credentialViews.todo.remind.select", { name: c.name, type: typeName })}
                        data-testid="remind-select"
                      />
                    </td>
                  ) : null}
                  <td>
                    <Link to={`/credentials/${c.id}`} className="font-medium">
                      {c.name}
                    </Link>
                    <span className="block text-xs text-slate-500">{c.staffNo}</span>
                    <span className="block text-xs text-slate-500 md:hidden">{c.unitName}</span>
                  </td>
                  <td className="hidden md:table-cell">{c.unitName}</td>
                  <td>
                    {typeName}
                    <span className="block text-xs text-slate-500">{c.number ?? c.externalNumber ?? ""}</span>
                  </td>
                  <td className="whitespace-nowrap">
                    {formatDate(c.validUntil, locale)}
                    <span className="block">
                      <ReportStatusBadge status={c.status} />
                    </span>
                    {c.daysLeft !== null ? <span className="block text-xs text-amber-800">{t("credentialViews.daysLeftValue", { days: c.daysLeft })}</span> : null}
                    <span className="block text-xs text-slate-500 sm:hidden">{c.lastRemindedAt ? formatDateTime(c.lastRemindedAt, locale) : ""}</span>
                  </td>
                  <td className="hidden text-sm sm:table-cell">
                    {c.lastRemindedAt ? formatDateTime(c.lastRemindedAt, locale) : t("credentialViews.todo.remind.never")}
                    {!c.remindable ? <span className="block text-xs text-slate-500">{t("credentialViews.todo.remind.recent")}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Form>
  );
}

export default function CredentialTodo() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const data = useLoaderData<typeof loader>();
  const { query, units, types, canIssue } = data;
  const [params] = useSearchParams();
  const tabLink = (list: string) => {
    const next = new URLSearchParams(params);
    next.set("list", list);
    next.delete("page");
    return `/credentials/expiring?${next}`;
  };
  const page = data.list === "expiring" ? data.expiring : data.list === "eligible" ? data.eligible : data.lapsed;
  return (
    <div className="space-y-4">
      <PageHeader title={t("credentialViews.todo.title")} intro={t("credentialViews.todo.intro")} />
      <ReportNav canIssue={canIssue} />
      <nav aria-label={t("credentialViews.todo.tabsLabel")} className="flex flex-wrap gap-1 border-b border-slate-200" data-testid="todo-tabs">
        {TODO_LISTS.map((l) => (
          <Link
            key={l}
            to={tabLink(l)}
            aria-current={data.list === l ? "page" : undefined}
            className={`-mb-px rounded-t-md border px-3 py-2 text-sm ${data.list === l ? "border-slate-200 border-b-white bg-white font-medium" : "border-transparent text-slate-600"}`}
          >
            {t(`credentialViews.todo.tabs.${l}`)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search">
        <input type="hidden" name="list" value={data.list} />
        <FilterSelect id="todo-unit" name="unit" label={t("credentialViews.manage.unit")} defaultValue={query.unit ?? ""} options={unitSelectOptions(units)} />
        {data.list !== "lapsed" ? (
          <FilterSelect
            id="todo-type"
            name="type"
            label={t("credentialViews.manage.type")}
            defaultValue={query.type ?? ""}
            options={types.filter((ty) => data.list === "expiring" || ty.kind === "ISSUED").map((ty) => ({ value: ty.code, label: locale === "en" ? ty.nameEn : ty.name }))}
          />
        ) : null}
        {data.list === "expiring" ? (
          <FilterSelect
            id="todo-days"
            name="days"
            label={t("credentialViews.todo.days")}
            defaultValue={String(query.days)}
            all={false}
            options={EXPIRY_WINDOWS.map((d) => ({ value: String(d), label: t("credentialViews.todo.daysOption", { days: d }) }))}
          />
        ) : null}
        <FilterActions resetTo={`/credentials/expiring?list=${data.list}`} className="flex items-end gap-2" />
      </Form>
      <p className="text-sm text-slate-600">{t(`credentialViews.todo.${data.list}Intro`)}</p>
      <p className="text-sm text-slate-600" data-testid="todo-total" data-total={page.total}>
        {t("common.total", { formatted: formatNumber(page.total, locale) })}
      </p>

      {data.list === "expiring" ? <ExpiringTable data={data.expiring} canIssue={canIssue} /> : null}

      {data.list === "eligible" ? (
        data.eligible.items.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("credentialViews.todo.emptyEligible")}</p>
        ) : (
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="eligible-list">
              <thead>
                <tr>
                  <th>{t("credentialViews.columns.name")}</th>
                  <th className="hidden md:table-cell">{t("credentialViews.columns.unit")}</th>
                  <th className="hidden sm:table-cell">{t("credentialViews.columns.category")}</th>
                  <th>{t("credentialViews.columns.type")}</th>
                </tr>
              </thead>
              <tbody>
                {data.eligible.items.map((p) => (
                  <tr key={`${p.personId}-${p.typeCode}`} data-testid="eligible-row" data-staff-no={p.staffNo} data-type={p.typeCode}>
                    <td>
                      <span className="font-medium">{p.name}</span>
                      <span className="block text-xs text-slate-500">{p.staffNo}</span>
                      <span className="block text-xs text-slate-500 md:hidden">{p.unitName}</span>
                    </td>
                    <td className="hidden md:table-cell">{p.unitName}</td>
                    <td className="hidden sm:table-cell">{t(`people.category.${p.category}`)}</td>
                    <td>
                      {locale === "en" ? p.typeNameEn : p.typeName}
                      {p.pendingId ? (
                        <Link to={`/credentials/${p.pendingId}`} className="block text-xs">
                          {t("credentialViews.todo.pending", { status: t(`credentialViews.status.${p.pendingStatus}`) })}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}

      {data.list === "lapsed" ? (
        data.lapsed.items.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("credentialViews.todo.emptyLapsed")}</p>
        ) : (
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="lapsed-list">
              <thead>
                <tr>
                  <th>{t("credentialViews.columns.name")}</th>
                  <th className="hidden md:table-cell">{t("credentialViews.columns.unit")}</th>
                  <th className="hidden sm:table-cell">{t("credentialViews.columns.post")}</th>
                  <th>{t("credentialViews.columns.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {data.lapsed.items.map((p) => (
                  <tr key={p.personId} data-testid="lapsed-row" data-staff-no={p.staffNo} data-reason={p.reason}>
                    <td>
                      <span className="font-medium">{p.name}</span>
                      <span className="block text-xs text-slate-500">{p.staffNo}</span>
                      <span className="block text-xs text-slate-500 md:hidden">{p.unitName}</span>
                    </td>
                    <td className="hidden md:table-cell">{p.unitName}</td>
                    <td className="hidden sm:table-cell">{p.post}</td>
                    <td>
                      <span className={p.reason === "NONE" ? "text-slate-800" : "font-medium text-red-800"}>{t(`credentialViews.todo.reasons.${p.reason}`)}</span>
                      {p.credentialId ? (
                        <Link to={`/credentials/${p.credentialId}`} className="block text-xs">
                          {p.number ?? ""} {p.validUntil ? formatDate(p.validUntil, locale) : ""}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <ReportPagination path="/credentials/expiring" page={page.page} pageCount={page.pageCount} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
