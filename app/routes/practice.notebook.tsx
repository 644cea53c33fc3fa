import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { createId } from "@paralleldrive/cuid2";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDate, formatDateTime, type Locale } from "~/lib/i18n";
import { PracticeCard } from "~/modules/exams/components/practice-card";
import { answerFromForm, nextNotebookQuestion, notebook, type NotebookItem } from "~/modules/exams/practice.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const review = new URL(request.url).searchParams.get("review") === "1";
  const now = new Date();
  if (review) return { mode: "review" as const, next: await nextNotebookQuestion(actor, now), drawId: createId() };
  return { mode: "list" as const, book: await notebook(actor, now) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  // Answers posted here are notebook reviews: the route decides, not the browser.
  const result = await answerFromForm(actor, await request.formData(), { fromNotebook: true });
  return data(result, { status: result.ok ? 200 : 400 });
}

// Answering must not bring up the next entry under the feedback: only "next" reloads.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

type Book = Awaited<ReturnType<typeof notebook>>;

function EntryList({ items, kind }: { items: NotebookItem[]; kind: "due" | "later" | "cleared" | "withdrawn" }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <ul className="divide-y divide-slate-100" data-testid={`notebook-${kind}`}>
      {items.map((e) => (
        <li key={e.questionId} className="space-y-1 py-3">
          <p className="break-words">{e.stemPreview}</p>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{t(`practice.types.${e.type}`, { defaultValue: e.type })}</span>
            {kind === "due" ? <span className="font-medium text-red-800">{t("practice.notebook.dueSince", { date: formatDateTime(e.dueAt, locale) })}</span> : null}
            {kind === "later" ? <span>{t("practice.notebook.dueAt", { date: formatDateTime(e.dueAt, locale) })}</span> : null}
            <span>{t("practice.notebook.addedAt", { date: formatDate(e.addedAt, locale) })}</span>
            {kind !== "withdrawn" && e.correctStreak > 0 && !e.cleared ? <span>{t("practice.notebook.streak", { count: e.correctStreak })}</span> : null}
            {e.reviews > 0 ? <span>{t("practice.notebook.reviews", { count: e.reviews })}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

function NotebookList({ book }: { book: Book }) {
  const { t } = useTranslation();
  const empty = !book.due.length && !book.later.length && !book.cleared.length && !book.withdrawn.length;
  if (empty) return <p className="card text-sm text-slate-600">{t("practice.notebook.empty")}</p>;
  return (
    <div className="space-y-4">
      {book.due.length ? (
        <Link to="/practice/notebook?review=1" className="btn min-h-12 w-full sm:w-auto" data-testid="notebook-review">
          {t("practice.notebook.reviewNow", { count: book.due.length })}
        </Link>
      ) : (
        <Notice kind="info">{t("practice.notebook.nothingDue")}</Notice>
      )}
      {book.due.length ? (
        <section className="card" aria-labelledby="notebook-due">
          <h2 id="notebook-due" className="font-semibold">
            {t("practice.notebook.dueTitle", { count: book.due.length })}
          </h2>
          <EntryList items={book.due} kind="due" />
        </section>
      ) : null}
      {book.later.length ? (
        <section className="card" aria-labelledby="notebook-later">
          <h2 id="notebook-later" className="font-semibold">
            {t("practice.notebook.laterTitle", { count: book.later.length })}
          </h2>
          <EntryList items={book.later} kind="later" />
        </section>
      ) : null}
      {book.cleared.length ? (
        <details className="card">
          <summary className="min-h-10 cursor-pointer font-semibold">{t("practice.notebook.clearedTitle", { count: book.cleared.length })}</summary>
          <EntryList items={book.cleared} kind="cleared" />
        </details>
      ) : null}
      {book.withdrawn.length ? (
        <details className="card">
          <summary className="min-h-10 cursor-pointer font-semibold">{t("practice.notebook.withdrawnTitle", { count: book.withdrawn.length })}</summary>
          <p className="mt-2 text-sm text-slate-600">{t("practice.notebook.withdrawnHint")}</p>
          <EntryList items={book.withdrawn} kind="withdrawn" />
        </details>
      ) : null}
    </div>
  );
}

export default function Notebook() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader
        title={loaded.mode === "review" ? t("practice.notebook.reviewTitle") : t("practice.notebook.title")}
        intro={t("practice.notebook.intro")}
        actions={
          loaded.mode === "review" ? (
            <Link to="/practice/notebook" className="btn-secondary">
              {t("practice.notebook.endReview")}
            </Link>
          ) : (
            <Link to="/practice" className="btn-secondary">
              {t("practice.notebook.backToPractice")}
            </Link>
          )
        }
      />
      {loaded.mode === "list" ? (
        <NotebookList book={loaded.book} />
      ) : loaded.next ? (
        <PracticeCard
          key={loaded.drawId}
          question={loaded.next.question}
          action="/practice/notebook"
          header={<span>{t("practice.notebook.remaining", { count: loaded.next.due })}</span>}
          next={(answered) =>
            answered ? (
              <Link to="/practice/notebook?review=1" replace className="btn min-h-12 w-full sm:w-auto" data-testid="practice-next">
                {t("practice.card.next")}
              </Link>
            ) : null
          }
        />
      ) : (
        <div className="card space-y-3">
          <p>{t("practice.notebook.allDone")}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Link to="/practice/notebook" className="btn-secondary min-h-12 w-full sm:w-auto">
              {t("practice.notebook.title")}
            </Link>
            <Link to="/practice" className="btn-secondary min-h-12 w-full sm:w-auto">
              {t("practice.notebook.backToPractice")}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
