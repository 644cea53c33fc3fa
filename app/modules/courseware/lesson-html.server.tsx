import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { SafeMarkdown } from "~/components/safe-markdown";
import { sharedI18n, type Locale } from "~/lib/i18n";
import { LessonNodes, type LessonSegment } from "./components/lesson-content";
import type { LessonNode } from "./lesson-tree";

/*
 * A published lesson version never changes, so its static parts are rendered to HTML once
 * per locale and reused for every learner: the lesson page then renders (and serializes)
 * only the interactive knowledge checks per request. The HTML comes from React's own
 * escaping renderer over the allow-listed lesson tree, exactly what server rendering would
 * send, so it carries no more trust than the tree itself.
 */
const MAX_ENTRIES = 2_000;
const segmentCache = new Map<string, LessonSegment[]>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  // Bounded: drop the oldest entry (Map keeps insertion order).
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

function hasInteractive(node: LessonNode): boolean {
  return typeof node !== "string" && (node.t === "KnowledgeCheck" || (node.c ?? []).some(hasInteractive));
}

/** The lesson as runs of static HTML between the nodes that must stay interactive. */
export function lessonSegments(lessonVersionId: string, locale: Locale, tree: LessonNode[]): LessonSegment[] {
  return remember(segmentCache, `${lessonVersionId}|${locale}`, () => {
    const segments: LessonSegment[] = [];
    let run: LessonNode[] = [];
    const flush = () => {
      if (!run.length) return;
      const html = renderToStaticMarkup(
        <I18nextProvider i18n={sharedI18n(locale)}>
          <LessonNodes nodes={run} />
        </I18nextProvider>,
      );
      segments.push({ html });
      run = [];
    };
    for (const node of tree) {
      if (hasInteractive(node)) {
        flush();
        segments.push({ node });
      } else run.push(node);
    }
    flush();
    return segments;
  });
}

/** A question stem's Markdown as HTML (callers cache it per immutable question version). */
export function stemHtml(stem: string): string {
  return renderToStaticMarkup(<SafeMarkdown>{stem}</SafeMarkdown>);
}
