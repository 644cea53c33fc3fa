import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { canAnywhere, scopePaths } from "~/modules/access/rules";
import { formErrorMap, GapBadge, topicHref, topicInput, TopicBadge, TopicForm } from "~/modules/syllabus/components/topic";
import { SYLLABUS_AUDIENCES, topicInputSchema, type SyllabusAudience, type TopicHours } from "~/modules/syllabus/rules";
import { addTopic, syllabusTree } from "~/modules/syllabus/syllabus.server";

/** Hours every staff member should receive a year (professional and legal training). */
const YEARLY_MINIMUM = 60;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "syllabus.view");
  const tree = await syllabusTree(actor);
  if (!tree) return { tree: null };
  // A topic with sub-topics carries no hours of its own: show the sum of its subtree.
  const children = new Map<string, string[]>();
  for (const t of tree.topics) if (t.parentCode) children.set(t.parentCode, [...(children.get(t.parentCode) ?? []), t.code]);
  const byCode = new Map(tree.topics.map((t) => [t.code, t]));
  const subtreeHours = (code: string): TopicHours => {
    const own = byCode.get(code)!.hours;
    const sum = Object.fromEntries(SYLLABUS_AUDIENCES.map((a) => [a, own[a] ?? 0])) as Record<SyllabusAudience, number>;
    for (const child of children.get(code) ?? []) {
      const h = subtreeHours(child);
      for (const a of SYLLABUS_AUDIENCES) sum[a] += h[a] ?? 0;
    }
    return sum;
  };
  const gaps = new Set(tree.gaps);
  const manages = scopePaths(actor, "syllabus.manage");
  return {
    tree: {
      syllabus: {
        title: tree.syllabus.title,
        titleEn: tree.syllabus.titleEn,
        periodStart: tree.syllabus.periodStart,
        periodEnd: tree.syllabus.periodEnd,
        notes: tree.syllabus.notes,
      },
      topics: tree.topics.map((t) => ({
        code: t.code,
        name: t.name,
        depth: t.depth,
        provincial: t.provincial,
        ownerUnitName: t.ownerUnitName,
        activeQuestions: t.activeQuestions,
        hasChildren: children.has(t.code),
        hours: children.has(t.code) ? subtreeHours(t.code) : t.hours,
        gap: gaps.has(t.code),
      })),
      totals: tree.totals,
      gaps: tree.gaps.map((code) => ({ code, name: byCode.get(code)?.name ?? code })),
    },
    // Without question.view no bank is visible, so every topic would look uncovered.
    showQuestions: canAnywhere(actor, "question.view"),
    canAdd: tree.canAddProvincial,
    // The national unit is the root of the unit tree: its path has one segment.
    national: manages.some((p) => p.split("/").filter(Boolean).length === 1),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "syllabus.manage");
  const form = await request.formData();
  if (form.get("intent") !== "add") badRequest();
  const submission = parseWithZod(form, { schema: topicInputSchema, error: formErrorMap });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await addTopic(actor, null, { localCode: submission.value.localCode, ...topicInput(submission.value) });
  if (!result.ok) return data(submission.reply({ fieldErrors: Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, [v]])) }), { status: 400 });
  return redirectWithFlash(`/syllabus/${encodeURIComponent(result.code)}`, { key: "syllabus.topicAdded" });
}

function formatHours(value: number | undefined, locale: Locale) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value ?? 0);
}

export default function SyllabusPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const loaded = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (!loaded.tree) {
    return (
      <div>
        <PageHeader title={t("syllabus.title")} />
        <p className="card text-sm text-slate-600">{t("syllabus.none")}</p>
      </div>
    );
  }
  const { tree, showQuestions, canAdd, national } = loaded;
  const { syllabus } = tree;
  // On wide screens the hours sit in columns; on phones they wrap under the name.
  const columns = showQuestions ? "md:grid-cols-[minmax(0,1fr)_repeat(4,5.5rem)_5.5rem]" : "md:grid-cols-[minmax(0,1fr)_repeat(4,5.5rem)]";
  return (
    <div className="space-y-4">
      <PageHeader title={t("syllabus.title")} intro={t("syllabus.intro")} />

      <section className="card space-y-2" aria-labelledby="syllabus-name">
        <h2 id="syllabus-name" className="text-lg font-semibold">
          {locale === "en" && syllabus.titleEn ? syllabus.titleEn : syllabus.title}
        </h2>
        <p className="text-sm text-slate-600">{t("syllabus.period", { start: syllabus.periodStart, end: syllabus.periodEnd })}</p>
        {syllabus.notes ? (
          <div className="text-sm">
            <h3 className="font-medium">{t("syllabus.notesTitle")}</h3>
            <p className="mt-1 text-slate-700">{syllabus.notes}</p>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="totals-title">
        <h2 id="totals-title" className="mb-3 font-semibold">
          {t("syllabus.totals")}
          <span className="ml-2 text-sm font-normal text-slate-500">{t("syllabus.hoursPerYear")}</span>
        </h2>
        <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="syllabus-totals">
          {SYLLABUS_AUDIENCES.map((a) => {
            const met = tree.totals[a] >= YEARLY_MINIMUM;
            return (
              <li key={a} className={`rounded-md border p-3 ${met ? "border-green-300 bg-green-50" : "border-amber-300 bg-amber-50"}`}>
                <p className="text-sm text-slate-700">{t(`syllabus.audiences.${a}`)}</p>
                <p className="text-2xl font-semibold">{formatHours(tree.totals[a], locale)}</p>
                <p className={`text-xs font-medium ${met ? "text-green-800" : "text-amber-900"}`}>
                  {met ? "✓ " : "! "}
                  {t(met ? "syllabus.targetMet" : "syllabus.targetMissed", { min: YEARLY_MINIMUM })}
                </p>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card p-0 sm:p-0" aria-labelledby="tree-title">
        <div className="px-4 pt-4 sm:px-6 sm:pt-6">
          <h2 id="tree-title" className="font-semibold">
            {t("syllabus.treeTitle")}
          </h2>
          <p className="mt-1 text-xs text-slate-500">
            {t("syllabus.hoursPerYear")} · {t("syllabus.subtotalNote")}
          </p>
        </div>
        <div
          className={`mt-3 hidden border-y border-slate-200 bg-slate-50 px-6 py-2 text-xs font-medium text-slate-600 md:grid ${columns}`}
          aria-hidden="true"
        >
          <span>{t("syllabus.name")}</span>
          {SYLLABUS_AUDIENCES.map((a) => (
            <span key={a} className="text-right">
              {t(`syllabus.audiences.${a}`)}
            </span>
          ))}
          {showQuestions ? <span className="text-right">{t("syllabus.activeQuestions")}</span> : null}
        </div>
        <ol className="mt-3 divide-y divide-slate-100 border-t border-slate-200 md:mt-0 md:border-t-0" data-testid="syllabus-tree">
          {tree.topics.map((topic) => (
            <li
              key={topic.code}
              className={`grid grid-cols-1 gap-1 px-4 py-2.5 sm:px-6 md:items-center md:gap-0 ${columns} ${topic.depth === 0 ? "bg-slate-50/60" : ""}`}
              data-topic={topic.code}
            >
              <div className="min-w-0" style={{ paddingLeft: `${topic.depth * 1.5}rem` }}>
                <Link to={topicHref(topic.code)} className={topic.depth === 0 ? "font-semibold" : ""}>
                  <span className="mr-2 font-mono text-xs text-slate-500">{topic.code}</span>
                  {topic.name}
                </Link>{" "}
                {topic.provincial || topic.depth === 0 ? <TopicBadge provincial={topic.provincial} ownerUnitName={topic.ownerUnitName} /> : null}{" "}
                {showQuestions && topic.gap ? <GapBadge /> : null}
              </div>
              <dl
                className={`flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 md:contents md:text-sm md:text-slate-900 ${topic.hasChildren ? "md:[&_dd]:text-slate-500" : ""}`}
                style={{ paddingLeft: `${topic.depth * 1.5}rem` }}
              >
                {SYLLABUS_AUDIENCES.map((a) => (
                  <div key={a} className="flex gap-1 md:block md:text-right">
                    <dt className="md:sr-only">{t(`syllabus.audiences.${a}`)}</dt>
                    <dd className="font-medium tabular-nums md:font-normal">{formatHours(topic.hours[a], locale)}</dd>
                  </div>
                ))}
                {showQuestions ? (
                  <div className="flex gap-1 md:block md:text-right">
                    <dt className="md:sr-only">{t("syllabus.activeQuestions")}</dt>
                    <dd className="font-medium tabular-nums md:font-normal">{topic.activeQuestions}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      </section>

      {showQuestions ? (
        <section className="card" aria-labelledby="gaps-title">
          <h2 id="gaps-title" className="mb-2 font-semibold">
            {t("syllabus.gapsTitle")}
          </h2>
          {tree.gaps.length === 0 ? (
            <p className="text-sm text-slate-600">{t("syllabus.noGaps")}</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600">{t("syllabus.gapsBody")}</p>
              <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="syllabus-gaps">
                {tree.gaps.map((g) => (
                  <li key={g.code}>
                    <Link to={topicHref(g.code)}>
                      <span className="mr-1 font-mono text-xs">{g.code}</span>
                      {g.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}

      {canAdd ? (
        <section className="card" aria-labelledby="add-title">
          <h2 id="add-title" className="mb-1 font-semibold">
            {t("syllabus.addTopLevel")}
          </h2>
          {!national ? <p className="mb-3 text-sm text-slate-600">{t("syllabus.addProvincialTopicHint")}</p> : null}
          <TopicForm intent="add" lastResult={lastResult} submitLabel={t("syllabus.addTopLevel")} />
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
