import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { SafeMarkdown } from "~/components/safe-markdown";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, formatNumber, type Locale } from "~/lib/i18n";
import { attemptResult } from "~/modules/exams/attempts.server";
import type { Answer } from "~/modules/questions/content";
import type { Response } from "~/modules/questions/rules";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return attemptResult(actor, params.id!);
}

function describe(value: Response | Answer | null, t: (k: string) => string): string {
  if (!value) return t("take.result.noAnswer");
  switch (value.type) {
    case "SINGLE":
      return "choice" in value ? (value.choice ?? t("take.result.noAnswer")) : value.correct;
    case "MULTIPLE":
      return "choices" in value ? value.choices.join("、") || t("take.result.noAnswer") : value.correct.join("、");
    case "TRUE_FALSE": {
      const v = "value" in value ? value.value : value.correct;
      return v === null ? t("take.result.noAnswer") : v ? t("questions.trueLabel") : t("questions.falseLabel");
    }
    case "FILL_BLANK":
      return "blanks" in value && value.blanks.every((b) => typeof b === "string")
        ? (value.blanks as string[]).join("；")
        : (value as Extract<Answer, { type: "FILL_BLANK" }>).blanks.map((b) => b.accepted.join(" / ")).join("；");
    case "CASE_ANALYSIS":
      return "text" in value ? value.text || t("take.result.noAnswer") : value.modelAnswer;
  }
}

export default function AttemptResult() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const r = useLoaderData<typeof loader>();
  const tr = (k: string) => t(k);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t("take.result.title")} intro={r.exam.title} />
      <section className="card space-y-2 text-sm" data-testid="attempt-result">
        <p>{t("take.attemptN", { number: r.attempt.number })}</p>
        {r.attempt.submittedAt ? (
          <p>
            {t("take.result.submittedAt", { time: formatDateTime(r.attempt.submittedAt, locale) })}
            {r.attempt.submitKind ? ` · ${t(`take.result.kind.${r.attempt.submitKind}`)}` : ""}
          </p>
        ) : null}
        <p>{t("take.result.answered", { answered: r.answered, total: r.total })}</p>
        {r.showScore && r.attempt.score !== null ? (
          <>
            <p className="text-2xl font-semibold" data-testid="score">
              {t("take.result.score", { score: formatNumber(r.attempt.score, locale), total: formatNumber(r.attempt.maxScore, locale) })}
            </p>
            <p className={r.attempt.passed ? "font-semibold text-green-800" : "font-semibold text-red-800"}>{r.attempt.passed ? t("take.result.passed") : t("take.result.failed")}</p>
            <a className="btn-secondary inline-block" href={`/take/attempts/${r.attempt.id}/slip`} download>
              {t("take.result.slip")}
            </a>
          </>
        ) : (
          <Notice kind="info">{!r.attempt.complete ? t("take.result.awaitingMarking") : t("take.result.awaitingPublish")}</Notice>
        )}
      </section>
      {r.showAnswers && r.review.length ? (
        <section className="space-y-3">
          <h2 className="font-semibold">{t("take.result.review")}</h2>
          {r.review.map((q) => (
            <article key={q.position} className="card space-y-2 text-sm">
              <p className="font-semibold">
                {t("take.player.question", { n: q.position })} · {t(`take.player.types.${q.type}`)}
              </p>
              <SafeMarkdown>{q.stem}</SafeMarkdown>
              {q.options.length ? (
                <ul>
                  {q.options.map((o) => (
                    <li key={o.key}>
                      {o.key}. {o.text}
                    </li>
                  ))}
                </ul>
              ) : null}
              <p>{t("take.result.yourAnswer", { answer: describe(q.response, tr) })}</p>
              <p className="text-green-800">{t("take.result.correctAnswer", { answer: describe(q.answer, tr) })}</p>
              <p>{t("take.result.earned", { earned: q.earned ?? "—", points: q.points })}</p>
              {q.explanation ? <SafeMarkdown>{q.explanation}</SafeMarkdown> : null}
            </article>
          ))}
        </section>
      ) : null}
      <Link to="/take">{t("take.result.back")}</Link>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
