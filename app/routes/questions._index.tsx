import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { visibleBanks } from "~/modules/questions/banks.server";
import { QUESTION_TYPES } from "~/modules/questions/content";
import { searchQuestions } from "~/modules/questions/questions.server";
import { QUESTION_STATUSES } from "~/modules/questions/rules";
import { syllabusTree } from "~/modules/syllabus/syllabus.server";

const filterSchema = z.object({
  bankId: z.string().max(40).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  type: z.enum(QUESTION_TYPES).optional().catch(undefined),
  topic: z.string().max(60).optional().catch(undefined),
  difficulty: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  status: z.enum(QUESTION_STATUSES).optional().catch(undefined),
  law: z.string().trim().max(60).optional().catch(undefined),
  tag: z.string().trim().max(40).optional().catch(undefined),
  unused: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.view");
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  const [result, banks, tree] = await Promise.all([searchQuestions(actor, { ...filter, unused: filter.unused === "1" }), visibleBanks(actor), syllabusTree(actor)]);
  return {
    ...result,
    banks: banks.map((b) => ({ id: b.id, name: b.name, canEdit: b.canEdit })),
    topics: (tree?.topics ?? []).map((t) => ({ code: t.code, name: t.name, depth: t.depth })),
  };
}

export default function Questions() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { questions, total, page, pages, banks, topics } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `/questions?${next}`;
  };
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <FilterSelect name={name} label={label} options={options} defaultValue={params.get(name) ?? ""} />
  );
  const canAuthor = banks.some((b) => b.canEdit);
  return (
    <div>
      <PageHeader
        title={t("questions.title")}
        intro={t("questions.intro")}
        actions={
          <>
            {canAuthor ? (
              <Link to="/questions/new" className="btn">
                {t("questions.new")}
              </Link>
            ) : null}
            {canAuthor ? (
              <Link to="/questions/import" className="btn-secondary">
                {t("questions.importLink")}
              </Link>
            ) : null}
            <Link to="/questions/export" className="btn-secondary">
              {t("questions.exportLink")}
            </Link>
          </>
        }
      />
      <Form method="get" className="card mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="label">
            {t("questions.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={params.get("q") ?? ""} placeholder={t("questions.searchHint")} className="input" />
        </div>
        {select("bankId", t("questions.bank"), banks.map((b) => ({ value: b.id, label: b.name })))}
        {select("type", t("blueprints.type"), QUESTION_TYPES.map((q) => ({ value: q, label: t(`questions.types.${q}`) })))}
        {select("topic", t("questions.topics"), topics.map((tp) => ({ value: tp.code, label: `${"\u3000".repeat(tp.depth)}${tp.code} ${tp.name}` })))}
        {select("difficulty", t("questions.difficulty"), [1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: t(`questions.difficultyLevels.${d}`) })))}
        {select("status", t("org.status"), QUESTION_STATUSES.map((s) => ({ value: s, label: t(`questions.statuses.${s}`) })))}
        <div>
          <label htmlFor="law" className="label">
            {t("questions.lawRefs")}
          </label>
          <input id="law" name="law" defaultValue={params.get("law") ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="tag" className="label">
            {t("questions.tags")}
          </label>
          <input id="tag" name="tag" defaultValue={params.get("tag") ?? ""} className="input" />
        </div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="unused" value="1" defaultChecked={params.get("unused") === "1"} className="h-5 w-5" />
          {t("questions.unused")}
        </label>
        <FilterActions resetTo="/questions" className="flex gap-2 sm:col-span-2 lg:col-span-4" />
      </Form>
      <p className="mb-2 text-sm text-slate-600" data-testid="questions-total">
        {t("common.total", { formatted: formatNumber(total, locale) })}
      </p>
      {questions.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("questions.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="questions-table">
            <thead>
              <tr>
                <th>{t("questions.stem")}</th>
                <th>{t("blueprints.type")}</th>
                <th className="hidden sm:table-cell">{t("questions.difficulty")}</th>
                <th className="hidden md:table-cell">{t("questions.topics")}</th>
                <th>{t("org.status")}</th>
                <th className="hidden lg:table-cell">{t("questions.usage")}</th>
                <th className="hidden lg:table-cell">{t("questions.bank")}</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.id}>
                  <td className="min-w-48">
                    <Link to={`/questions/${q.id}`}>{q.stemPreview}</Link>
                  </td>
                  <td className="whitespace-nowrap">{t(`questions.types.${q.type}`)}</td>
                  <td className="hidden sm:table-cell">{q.difficulty}</td>
                  <td className="hidden font-mono text-xs md:table-cell">{q.topics.map((tp) => tp.topicCode).join(" ")}</td>
                  <td className="whitespace-nowrap">{t(`questions.statuses.${q.status}`)}</td>
                  <td className="hidden lg:table-cell">{q.usageCount}</td>
                  <td className="hidden lg:table-cell">{q.bank.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="mt-4 flex items-center gap-3 text-sm" aria-label="pagination">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary">
              {t("questions.previous")}
            </Link>
          ) : null}
          <span>{t("questions.page", { page, pages })}</span>
          {page < pages ? (
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
