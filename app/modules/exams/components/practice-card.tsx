import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SafeMarkdown } from "~/components/safe-markdown";
import { formatDateTime, type Locale } from "~/lib/i18n";
import type { CorrectAnswer, PracticeAnswerResult, PracticeFeedback, PracticeQuestion } from "../practice";

/*
 * One practice question and, once answered, the feedback: right or wrong, the key, the
 * explanation (Markdown, rendered safely) and what happened in the notebook. Used by
 * topic practice and notebook review; the route's action checks the answer. The key
 * reaches the browser only in the action's reply, after the answer is recorded.
 */

/** Large tap targets: a whole option row is the label, at least 48 px high. */
const optionRow =
  "flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border px-3 py-3 text-base has-checked:border-brand-600 has-checked:bg-brand-50 has-disabled:cursor-default sm:text-sm";

function optionState(key: string, feedback: PracticeFeedback | null): "right" | "wrongChoice" | null {
  if (!feedback) return null;
  const a = feedback.correctAnswer;
  const correctKeys = a.type === "SINGLE" || a.type === "MULTIPLE" ? a.keys : [];
  const r = feedback.response;
  const chosen = r.type === "SINGLE" ? r.choice === key : r.type === "MULTIPLE" ? r.choices.includes(key) : false;
  if ((correctKeys as string[]).includes(key)) return "right";
  return chosen ? "wrongChoice" : null;
}

function trueFalseState(value: boolean, feedback: PracticeFeedback | null): "right" | "wrongChoice" | null {
  if (!feedback || feedback.correctAnswer.type !== "TRUE_FALSE") return null;
  if (feedback.correctAnswer.value === value) return "right";
  return feedback.response.type === "TRUE_FALSE" && feedback.response.value === value ? "wrongChoice" : null;
}

const stateClass = { right: "border-green-600 bg-green-50", wrongChoice: "border-red-600 bg-red-50" } as const;

function AnswerKey({ answer, question }: { answer: CorrectAnswer; question: PracticeQuestion }) {
  const { t } = useTranslation();
  switch (answer.type) {
    case "SINGLE":
    case "MULTIPLE":
      return (
        <ul className="space-y-0.5">
          {answer.keys.map((k) => (
            <li key={k}>
              <span className="font-semibold">{k}.</span> {question.options.find((o) => o.key === k)?.text}
            </li>
          ))}
        </ul>
      );
    case "TRUE_FALSE":
      return <p className="font-semibold">{answer.value ? t("practice.card.trueLabel") : t("practice.card.falseLabel")}</p>;
    case "FILL_BLANK":
      return (
        <ul className="space-y-0.5">
          {answer.blanks.map((accepted, i) => (
            <li key={i}>{t("practice.card.acceptedAnswers", { n: i + 1, answers: accepted.join(" / ") })}</li>
          ))}
        </ul>
      );
  }
}

function NotebookNote({ notebook }: { notebook: PracticeFeedback["notebook"] }) {
  const { t, i18n } = useTranslation();
  if (!notebook) return null;
  const date = formatDateTime(notebook.dueAt, i18n.language as Locale);
  const text = notebook.outcome
    ? t(`practice.outcome.${notebook.outcome}`, { date, streak: notebook.correctStreak })
    : notebook.cleared
      ? null
      : t("practice.outcome.inNotebook", { date });
  return text ? <p className="mt-2 text-sm text-slate-700" data-testid="notebook-outcome">{text}</p> : null;
}

export function PracticeCard({
  question,
  action,
  next,
  header,
}: {
  question: PracticeQuestion;
  /** Where the answer is posted (the route's action). */
  action: string;
  /** The "next question" / "skip" control; told whether the question has been answered. */
  next: (answered: boolean) => ReactNode;
  header?: ReactNode;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<PracticeAnswerResult>();
  const result = fetcher.data;
  const feedback = result?.ok ? result : null;
  const busy = fetcher.state !== "idle";
  const feedbackRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) feedbackRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [feedback]);

  const locked = !!feedback || busy;
  return (
    <section className="card space-y-4" aria-label={t("practice.card.label")} data-testid="practice-card">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{t(`practice.types.${question.type}`)}</span>
        {header}
      </div>
      <SafeMarkdown className="text-base">{question.stem}</SafeMarkdown>

      <fetcher.Form method="post" action={action} className="space-y-3">
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="questionId" value={question.id} />
        <input type="hidden" name="versionId" value={question.versionId} />
        <input type="hidden" name="type" value={question.type} />
        <fieldset disabled={locked} className="space-y-2">
          <legend className="sr-only">{t("practice.card.label")}</legend>
          {question.type === "MULTIPLE" ? <p className="text-sm text-slate-600">{t("practice.card.multipleHint")}</p> : null}
          {question.type === "SINGLE" || question.type === "MULTIPLE"
            ? question.options.map((o) => {
                const state = optionState(o.key, feedback);
                return (
                  <label key={o.key} className={`${optionRow} ${state ? stateClass[state] : "border-slate-300 bg-white"}`} data-state={state ?? undefined}>
                    <input
                      type={question.type === "SINGLE" ? "radio" : "checkbox"}
                      name={question.type === "SINGLE" ? "choice" : "choices"}
                      value={o.key}
                      required={question.type === "SINGLE"}
                      className="mt-0.5 h-5 w-5 shrink-0"
                    />
                    <span className="min-w-0 break-words">
                      <span className="font-semibold">{o.key}.</span> {o.text}
                      {state === "right" ? <span className="ml-2 text-xs font-medium text-green-800">（{t("practice.card.rightOption")}）</span> : null}
                      {state === "wrongChoice" ? <span className="ml-2 text-xs font-medium text-red-800">（{t("practice.card.yourChoice")}）</span> : null}
                    </span>
                  </label>
                );
              })
            : null}
          {question.type === "TRUE_FALSE" ? (
            <div className="grid grid-cols-2 gap-3">
              {([true, false] as const).map((v) => {
                const state = trueFalseState(v, feedback);
                return (
                  <label key={String(v)} className={`${optionRow} justify-center ${state ? stateClass[state] : "border-slate-300 bg-white"}`} data-state={state ?? undefined}>
                    <input type="radio" name="value" value={String(v)} required className="mt-0.5 h-5 w-5 shrink-0" />
                    <span>{v ? t("practice.card.trueLabel") : t("practice.card.falseLabel")}</span>
                  </label>
                );
              })}
            </div>
          ) : null}
          {question.type === "FILL_BLANK"
            ? Array.from({ length: question.blanks }, (_, i) => (
                <div key={i}>
                  <label className="label" htmlFor={`${question.id}-blank-${i}`}>
                    {t("practice.card.blankN", { n: i + 1 })}
                  </label>
                  <input id={`${question.id}-blank-${i}`} name="blanks" className="input" autoComplete="off" autoCapitalize="off" spellCheck={false} />
                </div>
              ))
            : null}
        </fieldset>
        {result && !result.ok ? (
          <p role="alert" className="field-error">
            {t(result.error)}
          </p>
        ) : null}
        {feedback ? null : (
          <button type="submit" className="btn min-h-12 w-full sm:w-auto" disabled={busy}>
            {busy ? t("practice.card.submitting") : t("practice.card.submit")}
          </button>
        )}
      </fetcher.Form>
      {/* Outside the answer form: the next-question control may be a form of its own. */}
      {feedback ? null : <div className="flex flex-col gap-2 sm:flex-row">{next(false)}</div>}

      {feedback ? (
        <div ref={feedbackRef} className="space-y-3" data-testid="practice-feedback">
          <div role="status" className={`rounded-md border px-4 py-3 ${feedback.correct ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900"}`}>
            <p className="text-base font-semibold">{feedback.correct ? t("practice.card.correct") : t("practice.card.wrong")}</p>
            <div className="mt-1 text-sm">
              <p className="font-medium">{t("practice.card.correctAnswer")}</p>
              <AnswerKey answer={feedback.correctAnswer} question={question} />
            </div>
            <NotebookNote notebook={feedback.notebook} />
          </div>
          {feedback.explanation ? (
            <div>
              <h3 className="text-sm font-semibold">{t("practice.card.explanation")}</h3>
              <SafeMarkdown className="text-sm">{feedback.explanation}</SafeMarkdown>
            </div>
          ) : null}
          {feedback.lawRefs.length ? (
            <div>
              <h3 className="text-sm font-semibold">{t("practice.card.laws")}</h3>
              <ul className="text-sm text-slate-700">
                {feedback.lawRefs.map((l, i) => (
                  <li key={i}>
                    《{l.law}》{l.article}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="flex flex-col gap-2 sm:flex-row">{next(true)}</div>
        </div>
      ) : null}
    </section>
  );
}
