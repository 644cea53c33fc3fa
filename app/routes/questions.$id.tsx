import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { QuestionView } from "~/modules/questions/components/question-view";
import { getQuestion, reviewAction } from "~/modules/questions/questions.server";
import type { ReviewAction } from "~/modules/questions/rules";

const ACTIONS: ReviewAction[] = ["submit", "approve", "return", "retire", "reinstate"];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return getQuestion(actor, params.id!);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as ReviewAction;
  if (!ACTIONS.includes(intent)) badRequest();
  const result = await reviewAction(actor, params.id!, intent, String(form.get("comment") ?? ""));
  if (!result.ok) return data({ error: result.error }, { status: 409 });
  return redirectWithFlash(`/questions/${params.id}`, { key: "questions.transitioned" });
}

export default function QuestionPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const q = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const button = (intent: ReviewAction, label: string, style = "btn-secondary") => (
    <button type="submit" name="intent" value={intent} className={style}>
      {label}
    </button>
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t(`questions.types.${q.content.type}`)} · ${t("questions.versionN", { n: q.version })}`}
        intro={`${q.bank.name} · ${t(`questions.statuses.${q.status}`)} · ${t("questions.usage")} ${q.usageCount}`}
        actions={
          q.permissions.edit ? (
            <Link to={`/questions/${q.id}/edit`} className="btn-secondary">
              {t("questions.edit")}
            </Link>
          ) : null
        }
      />
      {result?.error ? <Notice kind="error">{t(result.error)}</Notice> : null}
      <section className="card">
        <p className="mb-3 text-sm" data-testid="question-status">
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">{t(`questions.statuses.${q.status}`)}</span>
        </p>
        <QuestionView content={q.content} />
      </section>
      {q.permissions.submit || q.permissions.review || q.permissions.retire || q.permissions.reinstate ? (
        <section className="card">
          <Form method="post" className="space-y-3">
            {q.permissions.review ? (
              <div>
                <label htmlFor="comment" className="label">
                  {t("questions.reviewComment")}
                </label>
                <textarea id="comment" name="comment" rows={2} className="input" />
              </div>
            ) : null}
            <div className="flex flex-wrap gap-2">
              {q.permissions.submit ? button("submit", t("questions.submit"), "btn") : null}
              {q.permissions.review ? button("approve", t("questions.approve"), "btn") : null}
              {q.permissions.review ? button("return", t("questions.return")) : null}
              {q.permissions.reinstate ? button("reinstate", t("questions.reinstate")) : null}
              {q.permissions.retire ? button("retire", t("questions.retire"), "btn-danger") : null}
            </div>
          </Form>
        </section>
      ) : null}
      {q.reviews.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("questions.reviews")}</h2>
          <ul className="space-y-1 text-sm">
            {q.reviews.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.createdAt, locale)} · {r.reviewer} · {t(`questions.decisions.${r.decision}`)} · {t("questions.versionN", { n: r.versionNo })}
                {r.comment ? `：${r.comment}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card">
        <h2 className="mb-2 font-semibold">{t("questions.versions")}</h2>
        <ol className="space-y-2" data-testid="question-versions">
          {q.versions.map((v) => (
            <li key={v.id}>
              <details>
                <summary className="cursor-pointer text-sm">
                  {[t("questions.versionN", { n: v.version }), formatDateTime(v.createdAt, locale), v.author, v.changeNote].filter(Boolean).join(" · ")}
                </summary>
                <div className="mt-2 border-l-2 border-slate-200 pl-3">
                  <QuestionView content={v.content} />
                </div>
              </details>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
