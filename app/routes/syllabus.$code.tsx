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
import { formErrorMap, GapBadge, topicEditSchema, topicHref, topicInput, TopicBadge, TopicForm } from "~/modules/syllabus/components/topic";
import { SYLLABUS_AUDIENCES, topicInputSchema } from "~/modules/syllabus/rules";
import { addTopic, getTopic, updateTopic } from "~/modules/syllabus/syllabus.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "syllabus.view");
  const { topic, children, questions, gaps } = await getTopic(actor, params.code!);
  const manages = scopePaths(actor, "syllabus.manage");
  const names = new Map([topic, ...children].map((t) => [t.code, t.name]));
  const showQuestions = canAnywhere(actor, "question.view");
  return {
    topic,
    children,
    // Without question.view no bank is visible: no questions, and no gaps worth showing.
    questions: showQuestions ? questions : [],
    gaps: showQuestions ? gaps.map((code) => ({ code, name: names.get(code) ?? "" })) : [],
    showQuestions,
    canAdd: manages.length > 0,
    // The national unit is the root of the unit tree: its path has one segment.
    national: manages.some((p) => p.split("/").filter(Boolean).length === 1),
  };
}

const fieldErrors = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]]));

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "syllabus.manage");
  const code = params.code!;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(form, { schema: topicEditSchema, error: formErrorMap });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    await updateTopic(actor, code, topicInput(submission.value));
    return redirectWithFlash(topicHref(code), { key: "syllabus.topicUpdated" });
  }
  if (intent === "add") {
    const submission = parseWithZod(form, { schema: topicInputSchema, error: formErrorMap });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    const result = await addTopic(actor, code, { localCode: submission.value.localCode, ...topicInput(submission.value) });
    if (!result.ok) return data({ intent, reply: submission.reply({ fieldErrors: fieldErrors(result.errors) }) }, { status: 400 });
    return redirectWithFlash(topicHref(result.code), { key: "syllabus.topicAdded" });
  }
  badRequest();
}

function useIntentResult(intent: string) {
  const result = useActionData<typeof action>();
  return result && result.intent === intent ? result.reply : undefined;
}

const formatHours = (value: number | undefined, locale: Locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value ?? 0);

export default function TopicPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { topic, children, questions, gaps, showQuestions, canAdd, national } = useLoaderData<typeof loader>();
  const updateResult = useIntentResult("update");
  const addResult = useIntentResult("add");
  const childTotals = Object.fromEntries(SYLLABUS_AUDIENCES.map((a) => [a, children.reduce((s, c) => s + (c.hours[a] ?? 0), 0)]));
  return (
    <div className="space-y-4">
      <PageHeader
        title={topic.name}
        actions={
          <Link to="/syllabus" className="btn-secondary">
            {t("syllabus.backToTree")}
          </Link>
        }
      />

      <section className="card text-sm" aria-label={t("syllabus.name")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("syllabus.code")}</dt>
            <dd className="font-mono break-all" data-testid="topic-code">
              {topic.code}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("syllabus.parentTopic")}</dt>
            <dd>
              {topic.parentCode ? (
                <Link to={topicHref(topic.parentCode)} className="font-mono">
                  {topic.parentCode}
                </Link>
              ) : (
                "—"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("syllabus.owner")}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <TopicBadge provincial={topic.provincial} ownerUnitName={topic.ownerUnitName} />
              {!topic.provincial ? <span>{topic.ownerUnitName}</span> : null}
              {showQuestions && gaps.some((g) => g.code === topic.code) ? <GapBadge /> : null}
            </dd>
          </div>
          <div className="sm:col-span-3">
            <dt className="text-slate-500">{t("syllabus.description")}</dt>
            <dd className="whitespace-pre-line">{topic.description || "—"}</dd>
          </div>
          <div className="sm:col-span-3">
            <dt className="text-slate-500">{t("syllabus.laws")}</dt>
            <dd>
              {topic.laws.length ? (
                <ul className="list-disc pl-5" data-testid="topic-laws">
                  {topic.laws.map((law) => (
                    <li key={law}>{law}</li>
                  ))}
                </ul>
              ) : (
                t("common.none")
              )}
            </dd>
          </div>
        </dl>
        <h2 className="mt-5 mb-2 font-semibold">{t("syllabus.hoursPerYear")}</h2>
        <div className="overflow-x-auto">
          <table className="table max-w-md" data-testid="topic-hours">
            <tbody>
              {SYLLABUS_AUDIENCES.map((a) => (
                <tr key={a}>
                  <th scope="row" className="bg-white! font-normal">
                    {t(`syllabus.audiences.${a}`)}
                  </th>
                  <td className="text-right tabular-nums">{formatHours(topic.hours[a], locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card p-0 sm:p-0" aria-labelledby="subtopics-title">
        <h2 id="subtopics-title" className="px-4 pt-4 font-semibold sm:px-6 sm:pt-6">
          {t("syllabus.subtopics")}
        </h2>
        {children.length === 0 ? (
          <p className="px-4 pt-2 pb-4 text-sm text-slate-600 sm:px-6 sm:pb-6">{t("syllabus.noSubtopics")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="table" data-testid="subtopics">
              <thead>
                <tr>
                  <th>{t("syllabus.name")}</th>
                  {SYLLABUS_AUDIENCES.map((a) => (
                    <th key={a} className="text-right">
                      {t(`syllabus.audiences.${a}`)}
                    </th>
                  ))}
                  {showQuestions ? <th className="text-right">{t("syllabus.activeQuestions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.code}>
                    <td className="min-w-48">
                      <Link to={topicHref(c.code)}>
                        <span className="mr-2 font-mono text-xs text-slate-500">{c.code}</span>
                        {c.name}
                      </Link>{" "}
                      {c.provincial ? <TopicBadge provincial ownerUnitName={c.ownerUnitName} /> : null}{" "}
                      {showQuestions && gaps.some((g) => g.code === c.code) ? <GapBadge /> : null}
                    </td>
                    {SYLLABUS_AUDIENCES.map((a) => (
                      <td key={a} className="text-right tabular-nums">
                        {formatHours(c.hours[a], locale)}
                      </td>
                    ))}
                    {showQuestions ? <td className="text-right tabular-nums">{c.activeQuestions}</td> : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-medium">
                  <th scope="row" className="bg-white! text-left">
                    {t("syllabus.totals")}
                  </th>
                  {SYLLABUS_AUDIENCES.map((a) => (
                    <td key={a} className="text-right tabular-nums">
                      {formatHours(childTotals[a], locale)}
                    </td>
                  ))}
                  {showQuestions ? <td /> : null}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      {showQuestions ? (
        <section className="card p-0 sm:p-0" aria-labelledby="questions-title">
          <h2 id="questions-title" className="px-4 pt-4 font-semibold sm:px-6 sm:pt-6">
            {t("syllabus.questionsCovering")}
            <span className="ml-2 text-sm font-normal text-slate-500">{t("common.total", { formatted: questions.length })}</span>
          </h2>
          {questions.length === 0 ? (
            <p className="px-4 pt-2 pb-4 text-sm text-slate-600 sm:px-6 sm:pb-6">{t("syllabus.noQuestions")}</p>
          ) : (
            <div className="mt-3 overflow-x-auto">
              <table className="table" data-testid="topic-questions">
                <thead>
                  <tr>
                    <th>{t("questions.stem")}</th>
                    <th className="max-sm:hidden">{t("syllabus.questionType")}</th>
                    <th className="max-sm:hidden">{t("questions.difficulty")}</th>
                    <th className="max-sm:hidden">{t("syllabus.questionStatus")}</th>
                  </tr>
                </thead>
                <tbody>
                  {questions.map((q) => {
                    const meta = [t(`questions.types.${q.type}`), t(`questions.difficultyLevels.${q.difficulty}`), t(`questions.statuses.${q.status}`)];
                    return (
                      <tr key={q.id}>
                        <td className="sm:min-w-60">
                          <Link to={`/questions/${q.id}`} className="line-clamp-2">
                            {/* The preview is the start of a Markdown stem: drop bold markers. */}
                            {q.stemPreview.replaceAll("**", "")}
                          </Link>
                          <span className="mt-0.5 block text-xs text-slate-500 sm:hidden">{meta.join(" · ")}</span>
                        </td>
                        {meta.map((m, i) => (
                          <td key={i} className="whitespace-nowrap max-sm:hidden">
                            {m}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {showQuestions && gaps.length > 0 ? (
        <section className="card" aria-labelledby="gaps-title">
          <h2 id="gaps-title" className="mb-2 font-semibold">
            {t("syllabus.gapsTitle")}
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t("syllabus.gapsBody")}</p>
          <ul className="list-disc pl-5 text-sm" data-testid="topic-gaps">
            {gaps.map((g) => (
              <li key={g.code}>
                <Link to={topicHref(g.code)}>
                  <span className="mr-1 font-mono text-xs">{g.code}</span>
                  {g.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {topic.canEdit ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title" className="mb-3 font-semibold">
            {t("syllabus.editTopic")}
          </h2>
          <TopicForm
            key={topic.code}
            intent="update"
            lastResult={updateResult}
            defaultValue={{ name: topic.name, description: topic.description, laws: topic.laws, hours: topic.hours }}
            submitLabel={t("common.save")}
          />
        </section>
      ) : null}

      {canAdd ? (
        <section className="card" aria-labelledby="add-title">
          <h2 id="add-title" className="mb-1 font-semibold">
            {t("syllabus.addTopic")}
          </h2>
          {!national ? <p className="mb-3 text-sm text-slate-600">{t("syllabus.addProvincialTopicHint")}</p> : null}
          <TopicForm
            key={topic.code}
            intent="add"
            lastResult={addResult}
            codeHint={national ? t("syllabus.nationalCodeHint", { example: `${topic.code}.NEW1` }) : undefined}
            submitLabel={t("syllabus.addTopic")}
          />
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
