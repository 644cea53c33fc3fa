import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { createId } from "@paralleldrive/cuid2";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { PracticeCard } from "~/modules/exams/components/practice-card";
import { PRACTICE_TYPES } from "~/modules/exams/practice";
import { answerFromForm, dueNotebookCount, nextPracticeQuestion, practiceTopics } from "~/modules/exams/practice.server";

const filterSchema = z.object({
  topic: z.string().trim().max(60).optional().catch(undefined),
  type: z.enum(PRACTICE_TYPES).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  const { topics, total } = await practiceTopics(actor);
  const topic = filter.topic ? (topics.find((t) => t.code === filter.topic) ?? null) : null;
  const question = topic ? await nextPracticeQuestion(actor, { topicCode: topic.code, type: filter.type }) : null;
  return {
    topics,
    total,
    due: dueNotebookCount(actor),
    topicCode: filter.topic ?? null,
    topic: topic ? { code: topic.code, name: topic.name } : null,
    type: filter.type ?? null,
    question,
    // A fresh card (and answer state) for every draw, even when the same question comes again.
    drawId: createId(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const result = await answerFromForm(actor, await request.formData(), { fromNotebook: false });
  return data(result, { status: result.ok ? 200 : 400 });
}

// Answering must not draw a new question under the feedback: only "next" reloads.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

type LoaderData = Awaited<ReturnType<typeof loader>>;

function practiceLink(topic: string, type: string | null) {
  const p = new URLSearchParams({ topic });
  if (type) p.set("type", type);
  return `/practice?${p}`;
}

function TopicForm({ topics, topicCode, type }: Pick<LoaderData, "topics" | "topicCode" | "type">) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr_auto]" aria-label={t("practice.chooseTitle")}>
      <div>
        <label htmlFor="practice-topic" className="label">
          {t("practice.topic")}
        </label>
        <select id="practice-topic" name="topic" defaultValue={topicCode ?? ""} className="input" required>
          <option value="" disabled>
            {t("practice.chooseTitle")}
          </option>
          {topics.map((tp) => (
            <option key={tp.code} value={tp.code} disabled={tp.total === 0}>
              {"　".repeat(tp.depth)}
              {tp.name}（{t("practice.topicCount", { count: tp.total })}）
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="practice-type" className="label">
          {t("practice.type")}
        </label>
        <select id="practice-type" name="type" defaultValue={type ?? ""} className="input">
          <option value="">{t("practice.allTypes")}</option>
          {PRACTICE_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`practice.types.${ty}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="self-end">
        <button type="submit" className="btn min-h-12 w-full sm:min-h-10 sm:w-auto">
          {t("practice.start")}
        </button>
      </div>
    </Form>
  );
}

function TopicList({ topics }: Pick<LoaderData, "topics">) {
  const { t } = useTranslation();
  return (
    <section className="card p-0 sm:p-0" aria-labelledby="practice-topics">
      <h2 id="practice-topics" className="px-4 pt-4 font-semibold sm:px-6">
        {t("practice.chooseTitle")}
      </h2>
      <ul className="mt-2 divide-y divide-slate-100" data-testid="practice-topics">
        {topics.map((tp) => {
          const body = (
            <>
              <span className="min-w-0 break-words">
                {tp.name}
                {tp.provincial ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t("practice.provincial")}</span> : null}
              </span>
              <span className={`shrink-0 text-sm tabular-nums ${tp.total ? "text-slate-600" : "text-slate-400"}`}>
                {tp.total ? t("practice.topicCount", { count: tp.total }) : t("practice.noQuestions")}
              </span>
            </>
          );
          const indent = { paddingLeft: `${1 + tp.depth * 1.25}rem` };
          return (
            <li key={tp.code}>
              {tp.total ? (
                <Link
                  to={practiceLink(tp.code, null)}
                  style={indent}
                  className={`flex min-h-12 items-center justify-between gap-3 py-2 pr-4 text-slate-900 hover:bg-slate-50 hover:no-underline sm:pr-6 ${tp.depth === 0 ? "font-medium" : ""}`}
                >
                  {body}
                </Link>
              ) : (
                <div style={indent} className="flex min-h-12 items-center justify-between gap-3 py-2 pr-4 text-slate-500 sm:pr-6">
                  {body}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export default function Practice() {
  const { t } = useTranslation();
  const { topics, total, due, topicCode, topic, type, question, drawId } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("practice.title")}
        intro={t("practice.intro")}
        actions={
          <Link to="/practice/notebook" className="btn-secondary">
            {t("practice.notebookLink")}
            {due ? <span className="ml-1 rounded-full bg-red-600 px-2 text-xs text-white">{due}</span> : null}
          </Link>
        }
      />
      {due ? (
        <Notice kind="info">
          <span className="mr-2">{t("practice.dueBanner", { count: due })}</span>
          <Link to="/practice/notebook?review=1" className="font-medium">
            {t("practice.dueBannerAction")}
          </Link>
        </Notice>
      ) : null}

      <TopicForm topics={topics} topicCode={topic?.code ?? null} type={type} />

      {topicCode && !topic ? <Notice kind="error">{t("practice.unknownTopic")}</Notice> : null}

      {topic ? (
        question ? (
          <PracticeCard
            key={drawId}
            question={question}
            action="/practice?index"
            header={<span className="min-w-0 break-words">{t("practice.practisingTopic", { name: topic.name })}</span>}
            next={(answered) => (
              <Link to={practiceLink(topic.code, type)} replace className={`${answered ? "btn" : "btn-secondary"} min-h-12 w-full sm:w-auto`} data-testid="practice-next">
                {answered ? t("practice.card.next") : t("practice.card.skip")}
              </Link>
            )}
          />
        ) : (
          <p className="card text-sm text-slate-600">{t("practice.noQuestionsForTopic")}</p>
        )
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("practice.totalQuestions", { count: total })}</p>
          <TopicList topics={topics} />
        </>
      )}
      {topic ? (
        <p>
          <Link to="/practice">{t("practice.changeTopic")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
