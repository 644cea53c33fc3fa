import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDate, formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import {
  classesForMe,
  organiserClasses,
} from "~/modules/classes/classes.server";
import {
  ClassStatusBadge,
  EnrolmentBadge,
  Percent,
} from "~/modules/classes/components/badges";
import { CLASS_STATUSES } from "~/modules/classes/rules";

const filterSchema = z.object({
  status: z.enum(CLASS_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** GET /classes — classes open to me and my classes; for organisers, the classes they manage with fill and attendance rates. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(
    Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""))
  );
  const manages = canAnywhere(actor, "class.manage");
  const [me, managed] = await Promise.all([
    classesForMe(actor),
    manages ? organiserClasses(actor, filter) : null,
  ]);
  return {
    me,
    managed,
    canBases: manages || canAnywhere(actor, "base.manage"),
  };
}

export default function Classes() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { me, managed, canBases } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const dates = (a: string | Date, b: string | Date) =>
    `${formatDate(a, locale)} – ${formatDate(b, locale)}`;
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `/classes?${next}`;
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("classes.title")}
        intro={t("classes.intro")}
        actions={
          <>
            <Link
              to="/checkin"
              className="btn-secondary"
              data-testid="checkin-entry"
            >
              {t("classes.checkin.enterCode")}
            </Link>
            {canBases ? (
              <Link to="/bases" className="btn-secondary">
                {t("classes.bases.title")}
              </Link>
            ) : null}
            {managed ? (
              <Link to="/classes/new" className="btn" data-testid="class-new">
                {t("classes.newTitle")}
              </Link>
            ) : null}
          </>
        }
      />

      <section aria-labelledby="open-classes" className="space-y-2">
        <h2 id="open-classes" className="font-semibold">
          {t("classes.openToMe")}
        </h2>
        {me.open.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("classes.noneOpen")}</p>
        ) : (
          <ul
            className="grid grid-cols-1 gap-3 md:grid-cols-2"
            data-testid="open-classes"
          >
            {me.open.map((c) => (
              <li key={c.id} className="card">
                <Link to={`/classes/${c.id}`} className="font-medium">
                  {c.title}
                </Link>
                <p className="mt-1 text-sm text-slate-600">
                  {t(`classes.types.${c.type}`)} · {c.unitName} ·{" "}
                  {dates(c.startDate, c.endDate)}
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  {t("classes.seatsLeft", { count: c.seatsLeft })} ·{" "}
                  {t("classes.hoursValue", {
                    hours: formatNumber(c.creditHours, locale),
                  })}
                  {c.myStatus ? (
                    <span className="ml-2">
                      <EnrolmentBadge status={c.myStatus} />
                    </span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="my-classes" className="space-y-2">
        <h2 id="my-classes" className="font-semibold">
          {t("classes.myClasses")}
        </h2>
        {me.mine.length === 0 ? (
          <p className="card text-sm text-slate-600">{t("classes.noneMine")}</p>
        ) : (
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="my-classes">
              <thead>
                <tr>
                  <th>{t("classes.fields.title")}</th>
                  <th className="hidden sm:table-cell">
                    {t("classes.fields.dates")}
                  </th>
                  <th>{t("classes.fields.myStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {me.mine.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/classes/${c.id}`} className="font-medium">
                        {c.title}
                      </Link>
                      <span className="block text-xs text-slate-500 sm:hidden">
                        {dates(c.startDate, c.endDate)}
                      </span>
                    </td>
                    <td className="hidden whitespace-nowrap sm:table-cell">
                      {dates(c.startDate, c.endDate)}
                    </td>
                    <td>
                      <EnrolmentBadge status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {managed ? (
        <section aria-labelledby="managed-classes" className="space-y-3">
          <h2 id="managed-classes" className="font-semibold">
            {t("classes.managed")}
          </h2>
          <Form
            method="get"
            className="card grid grid-cols-1 gap-3 sm:grid-cols-3"
            role="search"
            aria-label={t("classes.filterLabel")}
          >
            <div>
              <label htmlFor="filter-q" className="label">
                {t("classes.search")}
              </label>
              <input
                id="filter-q"
                name="q"
                type="search"
                defaultValue={params.get("q") ?? ""}
                className="input"
              />
            </div>
            <FilterSelect
              name="status"
              id="filter-status"
              label={t("classes.fields.status")}
              defaultValue={params.get("status") ?? ""}
              options={CLASS_STATUSES.map((s) => ({
                value: s,
                label: t(`classes.status.${s}`),
              }))}
            />
            <FilterActions
              resetTo="/classes"
              className="flex items-end gap-2"
            />
          </Form>
          <p className="text-sm text-slate-600">
            {t("common.total", {
              formatted: formatNumber(managed.total, locale),
            })}
          </p>
          {managed.items.length === 0 ? (
            <p className="card text-sm text-slate-600">
              {t("classes.noneManaged")}
            </p>
          ) : (
            <div className="card overflow-x-auto p-0 sm:p-0">
              <table className="table" data-testid="managed-classes">
                <thead>
                  <tr>
                    <th>{t("classes.fields.title")}</th>
                    <th className="hidden md:table-cell">
                      {t("classes.fields.dates")}
                    </th>
                    <th className="text-right">{t("classes.fillRate")}</th>
                    <th className="hidden text-right sm:table-cell">
                      {t("classes.attendanceRate")}
                    </th>
                    <th>{t("classes.fields.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {managed.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/classes/${c.id}`} className="font-medium">
                          {c.title}
                        </Link>
                        <span className="block text-xs text-slate-500">
                          {c.code} · {c.unitName}
                        </span>
                        <span className="block text-xs text-slate-500 md:hidden">
                          {dates(c.startDate, c.endDate)}
                        </span>
                      </td>
                      <td className="hidden whitespace-nowrap md:table-cell">
                        {dates(c.startDate, c.endDate)}
                      </td>
                      <td className="text-right whitespace-nowrap tabular-nums">
                        {c.participants}/{c.capacity}
                        <span className="block text-xs text-slate-500">
                          <Percent value={c.fillRate} />
                        </span>
                      </td>
                      <td className="hidden text-right tabular-nums sm:table-cell">
                        <Percent value={c.attendanceRate} />
                      </td>
                      <td>
                        <ClassStatusBadge status={c.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {managed.pageCount > 1 ? (
            <nav
              className="flex flex-wrap items-center gap-2"
              aria-label="pagination"
            >
              {managed.page > 1 ? (
                <Link
                  to={pageLink(managed.page - 1)}
                  className="btn-secondary"
                  rel="prev"
                >
                  {t("classes.previous")}
                </Link>
              ) : null}
              <span className="text-sm text-slate-600">
                {t("classes.pageOf", {
                  page: managed.page,
                  count: managed.pageCount,
                })}
              </span>
              {managed.page < managed.pageCount ? (
                <Link
                  to={pageLink(managed.page + 1)}
                  className="btn-secondary"
                  rel="next"
                >
                  {t("common.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
