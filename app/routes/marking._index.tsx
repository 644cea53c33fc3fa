import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { markingQueue } from "~/modules/exams/grading.server";

const filterSchema = z.object({ examId: z.string().max(40).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  return markingQueue(actor, filter);
}

export default function MarkingQueue() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exams, tasks, totalTasks } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const examId = params.get("examId") ?? "";
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="space-y-4">
      <PageHeader title={t("marking.title")} intro={t("marking.intro")} />

      {exams.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("marking.queue.noExams")}</p>
      ) : (
        <>
          <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t("marking.queue.filterLabel")}>
            <div className="sm:col-span-1 lg:col-span-2">
              <FilterSelect id="filter-exam" name="examId" label={t("marking.queue.exam")} defaultValue={examId} options={exams.map((e) => ({ value: e.id, label: `${e.title}（${e.code}）` }))} />
            </div>
            <FilterActions resetTo="/marking" className="flex items-end gap-2" />
          </Form>

          <section className="card p-0 sm:p-0" aria-labelledby="marking-counts">
            <h2 id="marking-counts" className="px-4 pt-4 font-semibold sm:px-6 sm:pt-6">
              {t("marking.queue.countsTitle")}
            </h2>
            <ul className="mt-3 divide-y divide-slate-100" data-testid="marking-counts">
              {exams.map((e) => (
                <li key={e.id} className={`px-4 py-3 sm:px-6 ${e.id === examId ? "bg-brand-50" : ""}`}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <Link to={`/marking?examId=${e.id}`} className="min-w-0 font-medium">
                      {e.title}
                      <span className="ml-2 font-mono text-xs text-slate-500">{e.code}</span>
                    </Link>
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{e.doubleMarking ? t("marking.queue.doubleMarking") : t("marking.queue.singleMarking")}</span>
                  </div>
                  <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                    <div>
                      <dt className="text-xs text-slate-500">{t("marking.queue.awaitingFirst")}</dt>
                      <dd className="tabular-nums">{n(e.awaitingFirst)}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">{t("marking.queue.awaitingSecond")}</dt>
                      <dd className="tabular-nums">{e.doubleMarking ? n(e.awaitingSecond) : "—"}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">{t("marking.queue.awaitingThird")}</dt>
                      <dd className={`tabular-nums ${e.awaitingThird > 0 ? "font-medium text-amber-800" : ""}`}>{e.doubleMarking ? n(e.awaitingThird) : "—"}</dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">{t("marking.queue.forMe")}</dt>
                      <dd className="font-semibold tabular-nums">{n(e.forMe)}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="marking-tasks" className="space-y-2">
            <h2 id="marking-tasks" className="font-semibold">
              {t("marking.queue.tasksTitle")}
            </h2>
            {tasks.length === 0 ? (
              <p className="card text-sm text-slate-600">{t("marking.queue.empty")}</p>
            ) : (
              <>
                {totalTasks > tasks.length ? <p className="text-sm text-slate-600">{t("marking.queue.shown", { shown: n(tasks.length), total: n(totalTasks) })}</p> : null}
                <div className="card overflow-x-auto p-0 sm:p-0">
                  <table className="table" data-testid="marking-tasks">
                    <thead>
                      <tr>
                        <th>{t("marking.queue.code")}</th>
                        <th className="hidden md:table-cell">{t("marking.queue.exam")}</th>
                        <th>{t("marking.queue.question")}</th>
                        <th className="hidden sm:table-cell">{t("marking.queue.round")}</th>
                        <th className="hidden sm:table-cell">{t("marking.queue.answer")}</th>
                        <th className="hidden text-right sm:table-cell">{t("marking.queue.maxPoints")}</th>
                        <th>
                          <span className="sr-only">{t("marking.queue.open")}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {tasks.map((task) => (
                        <tr key={`${task.attemptId}-${task.questionId}`}>
                          <td>
                            <span className="font-mono">{task.code}</span>
                            <span className="mt-0.5 block text-xs text-slate-600 md:hidden">{task.examTitle}</span>
                            <span className="mt-0.5 block text-xs text-slate-600 sm:hidden">
                              {t(`marking.rounds.${task.round}`)} · {task.answered ? t("marking.queue.answered") : t("marking.queue.noAnswer")}
                            </span>
                          </td>
                          <td className="hidden md:table-cell">{task.examTitle}</td>
                          <td className="whitespace-nowrap">{t("marking.queue.questionN", { position: task.position })}</td>
                          <td className="hidden whitespace-nowrap sm:table-cell">{t(`marking.rounds.${task.round}`)}</td>
                          <td className={`hidden whitespace-nowrap sm:table-cell ${task.answered ? "" : "text-amber-800"}`}>{task.answered ? t("marking.queue.answered") : t("marking.queue.noAnswer")}</td>
                          <td className="hidden text-right tabular-nums sm:table-cell">{n(task.points)}</td>
                          <td className="text-right">
                            <Link to={`/marking/${task.attemptId}/${task.questionId}`} className="btn-secondary whitespace-nowrap" aria-label={`${t("marking.queue.open")} ${task.code}`}>
                              {t("marking.queue.open")}
                            </Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
