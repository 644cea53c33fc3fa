import { useTranslation } from "react-i18next";

export type ProblemView = { line: number; column: number | null; message: string; params?: Record<string, string> };

/**
 * Lesson problems with their place in the file. When `onJump` is given each place is a
 * button that moves the editor's cursor there.
 */
export function ProblemList({ problems, onJump }: { problems: ProblemView[]; onJump?: (line: number, column: number) => void }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="lesson-problems">
      <p className="font-semibold">{t("authoring.problems.title", { count: problems.length })}</p>
      <ul className="mt-1 space-y-1">
        {problems.map((p, i) => {
          const place = p.line > 0 ? (p.column ? t("authoring.problems.atLineColumn", { line: p.line, column: p.column }) : t("authoring.problems.atLine", { line: p.line })) : "";
          return (
            <li key={i} className="flex flex-wrap gap-x-2">
              {place ? (
                onJump ? (
                  <button type="button" className="font-mono text-red-800 underline underline-offset-2" onClick={() => onJump(p.line, p.column ?? 1)}>
                    {place}
                  </button>
                ) : (
                  <span className="font-mono">{place}</span>
                )
              ) : null}
              <span>{t(p.message, { field: "", detail: "", ...p.params })}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
