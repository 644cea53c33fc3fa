import { useTranslation } from "react-i18next";
import { SafeMarkdown } from "~/components/safe-markdown";
import type { QuestionContent } from "../content";

/** A question as its author and reviewers see it: text, options, the answer and its basis. */
export function QuestionView({ content }: { content: QuestionContent }) {
  const { t } = useTranslation();
  const a = content.answer;
  const correct = a.type === "SINGLE" ? [a.correct] : a.type === "MULTIPLE" ? a.correct : [];
  return (
    <div className="space-y-3 text-sm">
      <SafeMarkdown>{content.stem}</SafeMarkdown>
      {content.options.length ? (
        <ol className="space-y-1">
          {content.options.map((o) => (
            <li key={o.key} className={`flex gap-2 rounded px-2 py-1 ${correct.includes(o.key) ? "bg-green-50 font-medium text-green-900" : ""}`}>
              <span className="font-mono">{o.key}.</span>
              <span>{o.text}</span>
              {correct.includes(o.key) ? <span className="sr-only">（{t("questions.correctAnswer")}）</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-500">{t("questions.answer")}</dt>
        <dd data-testid="question-answer">
          {a.type === "SINGLE" ? a.correct : null}
          {a.type === "MULTIPLE" ? `${a.correct.join("")}（${t(`questions.scoring.${a.scoring}`)}）` : null}
          {a.type === "TRUE_FALSE" ? (a.correct ? t("questions.trueLabel") : t("questions.falseLabel")) : null}
          {a.type === "FILL_BLANK" ? (
            <ol className="list-decimal pl-5">
              {a.blanks.map((b, i) => (
                <li key={i}>{b.accepted.join(" | ")}</li>
              ))}
            </ol>
          ) : null}
          {a.type === "CASE_ANALYSIS" ? (
            <div className="space-y-2">
              <SafeMarkdown>{a.modelAnswer}</SafeMarkdown>
              <ul className="list-disc pl-5">
                {a.rubric.map((r, i) => (
                  <li key={i}>
                    {r.criterion}（{r.points}）
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </dd>
        {content.explanation ? (
          <>
            <dt className="text-slate-500">{t("questions.explanation")}</dt>
            <dd>
              <SafeMarkdown>{content.explanation}</SafeMarkdown>
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">{t("questions.lawRefs")}</dt>
        <dd>{content.lawRefs.map((l) => `《${l.law}》${l.article}`).join("；")}</dd>
        <dt className="text-slate-500">{t("questions.topics")}</dt>
        <dd className="font-mono text-xs">{content.topicCodes.join(" ")}</dd>
        <dt className="text-slate-500">{t("questions.difficulty")}</dt>
        <dd>{t(`questions.difficultyLevels.${content.difficulty}`)}</dd>
        {content.tags.length ? (
          <>
            <dt className="text-slate-500">{t("questions.tags")}</dt>
            <dd>{content.tags.join("、")}</dd>
          </>
        ) : null}
        {content.notes ? (
          <>
            <dt className="text-slate-500">{t("questions.notes")}</dt>
            <dd className="text-amber-800">{content.notes}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
