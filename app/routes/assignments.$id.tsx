import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate, formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { assignmentLearners, getAssignment, revokeAssignment, type LearnerState } from "~/modules/courseware/assignments.server";

// Repeated here: the component needs them and must not import a .server module.
const LEARNER_STATES = ["done", "pending"] as const satisfies readonly LearnerState[];

const filterSchema = z.object({
  state: z.enum(LEARNER_STATES).optional().catch(undefined),
  after: z.string().max(40).optional().catch(undefined),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.assign");
  const search = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...search.entries()].filter(([, v]) => v !== "")));
  const assignment = await getAssignment(actor, params.id!);
  const learners = await assignmentLearners(actor, params.id!, filter);
  return { assignment, ...learners };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.assign");
  const form = await request.formData();
  if (form.get("intent") !== "revoke") badRequest();
  const result = await revokeAssignment(actor, params.id!);
  if (!result.ok) return data({ error: result.error }, { status: 400 });
  return redirectWithFlash(`/assignments/${params.id}`, { key: "assignments.revoked" });
}

const STATE_STYLES = {
  done: "bg-green-100 text-green-900",
  overdue: "bg-red-100 text-red-900",
  inProgress: "bg-amber-100 text-amber-900",
  notStarted: "bg-slate-100 text-slate-700",
} as const;

function Stat({ label, value, tone }: { label: string; value: string; tone?: "danger" }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone === "danger" ? "text-red-700" : ""}`}>{value}</dd>
    </div>
  );
}

export default function AssignmentDetail() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { assignment: a, learners, lessons, nextAfter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const state = params.get("state") ?? "";
  const stateParams = new URLSearchParams();
  if (state) stateParams.set("state", state);
  const nextParams = new URLSearchParams(stateParams);
  if (nextAfter) nextParams.set("after", nextAfter);
  const target =
    a.target.kind === "UNIT"
      ? t("assignments.targetUnit", { unit: a.target.name, category: a.target.category ? t(`people.category.${a.target.category}`) : t("assignments.allCategories") })
      : t("assignments.targetPerson", { name: a.target.name, staffNo: a.target.staffNo, unit: a.target.unitName });
  const rate = a.covered > 0 ? new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(a.completed / a.covered) : null;
  return (
    <div className="space-y-4">
      <p>
        <Link to="/assignments" className="text-sm">
          ← {t("assignments.backToList")}
        </Link>
      </p>
      <PageHeader title={a.course.title} intro={`${t("assignments.detailTitle")} · ${t(`assignments.kinds.${a.target.kind}`)}：${target}`} />
      {actionData && "error" in actionData ? <Notice kind="error">{t(actionData.error)}</Notice> : null}

      <section className="card space-y-4" aria-labelledby="assignment-facts">
        <h2 id="assignment-facts" className="sr-only">
          {t("assignments.detailTitle")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("assignments.columns.target")}</dt>
            <dd>{target}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("assignments.columns.dueDate")}</dt>
            <dd>
              {a.dueDate ? formatDate(a.dueDate, locale) : t("assignments.noDue")}
              {a.pastDue && !a.revokedAt ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-900">{t("assignments.states.overdue")}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("assignments.assignedBy")}</dt>
            <dd>
              {a.assignedBy ? `${a.assignedBy.name}（${a.assignedBy.staffNo}）` : t("common.none")} · {formatDateTime(a.createdAt, locale)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("assignments.status")}</dt>
            <dd>
              {a.revokedAt
                ? `${t("assignments.statuses.REVOKED")} · ${a.revokedBy ? `${a.revokedBy.name}（${a.revokedBy.staffNo}）` : ""} ${formatDateTime(a.revokedAt, locale)}`
                : t("assignments.statuses.ACTIVE")}
            </dd>
          </div>
        </dl>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="assignment-stats">
          <Stat label={t("assignments.columns.covered")} value={formatNumber(a.covered, locale)} />
          <Stat label={t("assignments.columns.completed")} value={formatNumber(a.completed, locale)} />
          <Stat label={t("assignments.columns.overdue")} value={formatNumber(a.overdue, locale)} tone={a.overdue > 0 ? "danger" : undefined} />
          <Stat label={t("assignments.completionRate")} value={rate ?? "—"} />
        </dl>
        <p className="text-xs text-slate-600">{t("assignments.versionNote", { version: a.course.version, lessons: a.course.lessons })}</p>
        {a.canRevoke ? (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-red-800">{t("assignments.revoke")}</summary>
            <Form method="post" className="mt-3 space-y-3">
              <input type="hidden" name="intent" value="revoke" />
              <p className="text-sm text-slate-700">{t("assignments.revokeExplain")}</p>
              <button type="submit" className="btn-danger" disabled={navigation.state === "submitting"}>
                {t("assignments.revokeConfirm")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="learners-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="learners-title" className="font-semibold">
            {t("assignments.learnersTitle")}
          </h2>
          <Form method="get" className="flex items-end gap-2" role="search">
            <div>
              <label htmlFor="state" className="label">
                {t("assignments.show")}
              </label>
              <select id="state" name="state" defaultValue={state} className="input">
                <option value="">{t("assignments.learnerStates.all")}</option>
                {LEARNER_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`assignments.learnerStates.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              {t("common.search")}
            </button>
          </Form>
        </div>
        {learners.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("assignments.noLearners")}</p>
        ) : (
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="assignment-learners">
              <thead>
                <tr>
                  <th>{t("assignments.learnerColumns.name")}</th>
                  <th className="hidden sm:table-cell">{t("assignments.learnerColumns.staffNo")}</th>
                  <th className="hidden md:table-cell">{t("assignments.learnerColumns.unit")}</th>
                  <th className="hidden lg:table-cell">{t("assignments.learnerColumns.category")}</th>
                  <th className="text-right">{t("assignments.learnerColumns.lessons")}</th>
                  <th className="hidden md:table-cell">{t("assignments.learnerColumns.lastCompleted")}</th>
                  <th>{t("assignments.learnerColumns.state")}</th>
                </tr>
              </thead>
              <tbody>
                {learners.map((l) => (
                  <tr key={l.personId}>
                    <td>
                      {l.name}
                      <span className="block font-mono text-xs text-slate-500 sm:hidden">{l.staffNo}</span>
                      <span className="block text-xs text-slate-500 md:hidden">{l.unitName}</span>
                    </td>
                    <td className="hidden font-mono text-xs sm:table-cell">{l.staffNo}</td>
                    <td className="hidden md:table-cell">{l.unitName}</td>
                    <td className="hidden lg:table-cell">{t(`people.category.${l.category}`)}</td>
                    <td className="text-right whitespace-nowrap tabular-nums">{t("assignments.lessonsDone", { done: l.lessonsDone, total: lessons })}</td>
                    <td className="hidden whitespace-nowrap md:table-cell">{l.lastCompletedAt ? formatDateTime(l.lastCompletedAt, locale) : ""}</td>
                    <td>
                      <span className={`rounded px-1.5 py-0.5 text-xs whitespace-nowrap ${STATE_STYLES[l.state]}`}>{t(`assignments.states.${l.state}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="flex gap-2" aria-label="pagination">
          {params.get("after") ? (
            <Link to={`/assignments/${a.id}?${stateParams}`} className="btn-secondary">
              {t("common.firstPage")}
            </Link>
          ) : null}
          {nextAfter ? (
            <Link to={`/assignments/${a.id}?${nextParams}`} className="btn-secondary" rel="next">
              {t("common.next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
