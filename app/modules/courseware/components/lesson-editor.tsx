import { Form, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LessonNode } from "../lesson-tree";
import { LessonContent } from "./lesson-content";
import { ProblemList, type ProblemView } from "./lesson-problems";

export type PreviewView = { ok: boolean; tree: LessonNode[] | null; problems: ProblemView[]; title: string | null };

/** Wait this long after the last keystroke before asking the server for a preview. */
const PREVIEW_DELAY_MS = 600;

/** Character offset of (line, column), both 1-based. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

function placeOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * The whole lesson file in a textarea, with a live preview: edits are sent (debounced)
 * to the preview resource route, which compiles them on the server with the same rules
 * as publication and answers with the rendered tree and any problems.
 */
export function LessonEditor({
  lessonId,
  savedSource,
  updatedAt,
  canEdit,
  initialPreview,
  saving,
}: {
  lessonId: string;
  savedSource: string;
  updatedAt: string;
  canEdit: boolean;
  initialPreview: PreviewView;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const [source, setSource] = useState(savedSource);
  const [pane, setPane] = useState<"edit" | "preview">("edit");
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const textarea = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const preview = useFetcher<PreviewView>({ key: `lesson-preview-${lessonId}` });
  const dirty = source !== savedSource;

  // Debounced live preview; the first render uses the loader's preview.
  const first = useRef(true);
  const { submit } = preview;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => submit({ source }, { method: "post", action: "/author/preview" }), PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [source, submit]);

  // Leaving with unsaved text asks first.
  useEffect(() => {
    if (!dirty || !canEdit) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, canEdit]);

  const jump = useCallback(
    (line: number, column: number) => {
      const el = textarea.current;
      if (!el) return;
      setPane("edit");
      const offset = offsetOf(source, line, column);
      // After the pane is visible again on small screens.
      window.requestAnimationFrame(() => {
        el.focus();
        el.setSelectionRange(offset, offset);
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
        el.scrollTop = Math.max(0, (line - 3) * lineHeight);
        setCursor({ line, column });
      });
    },
    [source],
  );

  const current = preview.data ?? initialPreview;
  const updating = preview.state !== "idle";
  const trackCursor = () => {
    const el = textarea.current;
    if (el) setCursor(placeOf(el.value, el.selectionStart));
  };

  return (
    <div className="space-y-3">
      <div className="flex gap-2 lg:hidden" role="tablist" aria-label={t("authoring.lesson.panes")}>
        {(["edit", "preview"] as const).map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={pane === p}
            className={pane === p ? "btn" : "btn-secondary"}
            onClick={() => setPane(p)}
          >
            {t(`authoring.lesson.${p}Pane`)}
            {p === "preview" && current.problems.length ? ` (${current.problems.length})` : ""}
          </button>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className={`${pane === "edit" ? "" : "hidden"} min-w-0 space-y-2 lg:block`} aria-label={t("authoring.lesson.editPane")}>
          <Form method="post" ref={form} className="space-y-2">
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="updatedAt" value={updatedAt} />
            <label htmlFor="lesson-source" className="label">
              {t("authoring.lesson.source")}
            </label>
            <textarea
              ref={textarea}
              id="lesson-source"
              name="source"
              value={source}
              readOnly={!canEdit}
              onChange={(e) => setSource(e.target.value)}
              onKeyUp={trackCursor}
              onClick={trackCursor}
              onKeyDown={(e) => {
                if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
                  e.preventDefault();
                  if (canEdit) form.current?.requestSubmit();
                }
              }}
              spellCheck={false}
              rows={28}
              className="input h-[60vh] min-h-80 font-mono text-sm leading-6 lg:h-[70vh]"
              aria-describedby="lesson-source-hint"
              data-testid="lesson-source"
            />
            <p id="lesson-source-hint" className="flex flex-wrap justify-between gap-2 text-xs text-slate-500">
              <span>{t("authoring.lesson.cursor", cursor)}</span>
              {canEdit ? <span>{dirty ? t("authoring.lesson.unsaved") : t("authoring.lesson.allSaved")}</span> : <span>{t("authoring.lesson.readOnly")}</span>}
            </p>
            {canEdit ? (
              <div className="flex flex-wrap items-center gap-2">
                <button type="submit" className="btn" disabled={saving} data-testid="save-lesson">
                  {saving ? t("authoring.lesson.saving") : t("authoring.lesson.save")}
                </button>
                <span className="text-xs text-slate-500">{t("authoring.lesson.saveHint")}</span>
              </div>
            ) : null}
          </Form>
        </section>
        <section className={`${pane === "preview" ? "" : "hidden"} min-w-0 space-y-2 lg:block`} aria-label={t("authoring.lesson.previewPane")} aria-busy={updating}>
          <div className="flex items-center justify-between gap-2">
            <h2 className="label mb-0">{t("authoring.lesson.previewPane")}</h2>
            <span className="text-xs text-slate-500" role="status">
              {updating ? t("authoring.lesson.previewUpdating") : current.ok ? t("authoring.lesson.previewOk") : ""}
            </span>
          </div>
          <ProblemList problems={current.problems} onJump={jump} />
          <div className={`card max-h-[70vh] overflow-y-auto ${updating ? "opacity-70" : ""}`} data-testid="lesson-preview">
            {current.title ? <h1 className="mb-3 text-xl font-semibold">{current.title}</h1> : null}
            {current.tree ? <LessonContent tree={current.tree} questions={{}} passed={[]} lessonVersionId="preview" preview /> : <p className="text-sm text-slate-600">{t("authoring.lesson.noPreview")}</p>}
          </div>
        </section>
      </div>
    </div>
  );
}
