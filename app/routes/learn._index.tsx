import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { formatDate, type Locale } from "~/lib/i18n";
import { catalogue } from "~/modules/courseware/learn.server";
import { SYLLABUS_AUDIENCES } from "~/modules/syllabus/rules";
import { syllabusTree } from "~/modules/syllabus/syllabus.server";

const filterSchema = z.object({
  audience: z.enum(SYLLABUS_AUDIENCES).optional().catch(undefined),
  topic: z.string().max(60).optional().catch(undefined),
  assigned: z.literal("1").optional().catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  // By default the catalogue shows courses for the learner's own staff category.
  const me = await db.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { category: true } });
  const audience = params.has("audience") ? filter.audience : SYLLABUS_AUDIENCES.find((a) => a === me.category);
  const [courses, tree] = await Promise.all([catalogue(actor, { ...filter, audience, assignedOnly: filter.assigned === "1" }), syllabusTree(actor)]);
  return { courses, audience: audience ?? "", topics: (tree?.topics ?? []).filter((t) => t.depth === 0).map((t) => ({ code: t.code, name: t.name })) };
}

export default function Catalogue() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { courses, audience, topics } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div>
      <PageHeader
        title={t("learn.title")}
        intro={t("learn.intro")}
        actions={
          <Link to="/learn/mine" className="btn-secondary">
            {t("learn.mine")}
          </Link>
        }
      />
      <Form method="get" className="card mb-4 grid grid-cols-1 gap-3 sm:grid-cols-4" role="search">
        <div>
          <label htmlFor="q" className="label">
            {t("learn.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="audience" className="label">
            {t("learn.audience")}
          </label>
          <select id="audience" name="audience" defaultValue={audience} className="input">
            <option value="">{t("common.all")}</option>
            {SYLLABUS_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {t(`syllabus.audiences.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="topic" className="label">
            {t("learn.topic")}
          </label>
          <select id="topic" name="topic" defaultValue={params.get("topic") ?? ""} className="input">
            <option value="">{t("common.all")}</option>
            {topics.map((tp) => (
              <option key={tp.code} value={tp.code}>
                {tp.name}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="assigned" value="1" defaultChecked={params.get("assigned") === "1"} className="h-5 w-5" />
          {t("learn.assignedOnly")}
        </label>
        <div className="sm:col-span-4">
          <button type="submit" className="btn">
            {t("common.search")}
          </button>
        </div>
      </Form>
      {courses.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("learn.empty")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="catalogue">
          {courses.map((c) => (
            <li key={c.courseId} className="card flex flex-col gap-2">
              <div className="flex flex-wrap items-center gap-2">
                {c.overdue ? <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">{t("learn.overdue")}</span> : null}
                {c.assigned && !c.overdue ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t("learn.assigned")}</span> : null}
                {c.dueDate ? <span className="text-xs text-slate-600">{t("learn.due", { date: formatDate(c.dueDate, locale) })}</span> : null}
              </div>
              <h2 className="text-lg font-semibold">
                <Link to={`/learn/courses/${c.courseId}`}>{c.title}</Link>
              </h2>
              <p className="text-sm text-slate-600">{c.summary}</p>
              <p className="mt-auto text-xs text-slate-600">
                {t("learn.lessonsProgress", { done: c.completed, total: c.lessons })} · {t("learn.hours", { hours: c.creditHours })}
              </p>
              <div className="h-2 overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={c.lessons} aria-valuenow={c.completed}>
                <div className="h-full bg-brand-600" style={{ width: `${c.lessons ? (100 * c.completed) / c.lessons : 0}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
