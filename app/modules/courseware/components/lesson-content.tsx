import { useFetcher } from "@remix-run/react";
import { createElement, Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SafeMarkdown } from "~/components/safe-markdown";
import { HOST_PROPS, HOST_TAGS, type LessonNode } from "../lesson-tree";

/*
 * Renders a compiled lesson tree with the fixed lesson components. Only allow-listed
 * tags and props are created; links and media were checked when the lesson compiled.
 */
export type PublicQuestion = { id: string; type: string; stem: string; options: { key: string; text: string }[]; blanks: number; stemHtml?: string };

/** A lesson as served to learners: runs of pre-rendered static HTML and the interactive nodes between them. */
export type LessonSegment = { html: string } | { node: LessonNode };

type Context = { questions: Record<string, PublicQuestion>; passed: string[]; lessonVersionId: string; preview: boolean };

function Callout({ type, title, children }: { type?: string; title?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const style =
    type === "warning" ? "border-amber-400 bg-amber-50" : type === "tip" ? "border-green-500 bg-green-50" : "border-sky-400 bg-sky-50";
  const label = type === "warning" ? t("courseware.callout.warning") : type === "tip" ? t("courseware.callout.tip") : t("courseware.callout.note");
  return (
    <aside className={`my-4 rounded-md border-l-4 px-4 py-2 ${style}`} aria-label={title ?? label}>
      <p className="text-sm font-semibold">{title ?? label}</p>
      {children}
    </aside>
  );
}

function LawQuote({ law, article, effective, children }: { law: string; article: string; effective?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="my-4 rounded-md border border-slate-200 bg-slate-50 px-4 py-3">
      <blockquote className="border-l-2 border-brand-600 pl-3 text-slate-800">{children}</blockquote>
      <figcaption className="mt-2 text-sm text-slate-600">
        ——《{law}》{article}
        {effective ? `（${t("courseware.effective", { date: effective })}）` : ""}
      </figcaption>
    </figure>
  );
}

function KnowledgeCheck({ id, ctx }: { id: string; ctx: Context }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ correct: boolean; explanation: string }>();
  const q = ctx.questions[id];
  const passed = ctx.passed.includes(id) || fetcher.data?.correct === true;
  if (ctx.preview || !q) {
    return <div className="my-4 rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">{t("courseware.check.placeholder", { id })}</div>;
  }
  return (
    <section className="my-6 rounded-lg border border-brand-100 bg-white p-4 shadow-sm" aria-label={t("courseware.check.title")} data-testid="knowledge-check">
      <p className="mb-2 text-sm font-semibold text-brand-800">{t("courseware.check.title")}</p>
      {/* Server-rendered from the stem's Markdown by SafeMarkdown (lesson-html.server.tsx). */}
      {q.stemHtml ? <div dangerouslySetInnerHTML={{ __html: q.stemHtml }} /> : <SafeMarkdown>{q.stem}</SafeMarkdown>}
      <fetcher.Form method="post" action={`/learn/lessons/${ctx.lessonVersionId}`} className="mt-3 space-y-2">
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="questionId" value={q.id} />
        {q.type === "SINGLE" || q.type === "MULTIPLE"
          ? q.options.map((o) => (
              <label key={o.key} className="flex items-start gap-2 rounded px-2 py-1 hover:bg-slate-50">
                <input type={q.type === "SINGLE" ? "radio" : "checkbox"} name={q.type === "SINGLE" ? "choice" : "choices"} value={o.key} className="mt-1 h-5 w-5" />
                <span>
                  {o.key}. {o.text}
                </span>
              </label>
            ))
          : null}
        {q.type === "TRUE_FALSE" ? (
          <div className="flex gap-6">
            {[
              ["true", t("questions.trueLabel")],
              ["false", t("questions.falseLabel")],
            ].map(([v, label]) => (
              <label key={v} className="flex items-center gap-2">
                <input type="radio" name="value" value={v} className="h-5 w-5" />
                {label}
              </label>
            ))}
          </div>
        ) : null}
        {q.type === "FILL_BLANK"
          ? Array.from({ length: q.blanks }, (_, i) => (
              <div key={i}>
                <label className="label" htmlFor={`${q.id}-blank-${i}`}>
                  {t("questions.blankN", { n: i + 1 }).split("（")[0]}
                </label>
                <input id={`${q.id}-blank-${i}`} name="blanks" className="input" autoComplete="off" />
              </div>
            ))
          : null}
        <button type="submit" className="btn" disabled={fetcher.state !== "idle"}>
          {t("courseware.check.submit")}
        </button>
      </fetcher.Form>
      {fetcher.data ? (
        <div role="status" className={`mt-3 rounded-md px-3 py-2 text-sm ${fetcher.data.correct ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
          <p className="font-semibold">{fetcher.data.correct ? t("courseware.check.correct") : t("courseware.check.wrong")}</p>
          {fetcher.data.explanation ? <SafeMarkdown>{fetcher.data.explanation}</SafeMarkdown> : null}
        </div>
      ) : passed ? (
        <p role="status" className="mt-3 text-sm text-green-800">
          {t("courseware.check.passedBefore")}
        </p>
      ) : null}
    </section>
  );
}

function render(node: LessonNode, key: number, ctx: Context): ReactNode {
  if (typeof node === "string") return node;
  const children = node.c?.map((c, i) => render(c, i, ctx));
  const p = node.p ?? {};
  const str = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : undefined);
  switch (node.t) {
    case "Callout":
      return (
        <Callout key={key} type={str("type")} title={str("title")}>
          {children}
        </Callout>
      );
    case "LawQuote":
      return (
        <LawQuote key={key} law={str("law") ?? ""} article={str("article") ?? ""} effective={str("effective")}>
          {children}
        </LawQuote>
      );
    case "Figure":
      return (
        <figure key={key} className="my-4">
          <img src={str("src")} alt={str("alt") ?? ""} className="max-w-full rounded" loading="lazy" />
          {str("caption") ? <figcaption className="mt-1 text-sm text-slate-600">{str("caption")}</figcaption> : null}
        </figure>
      );
    case "Video":
      return (
        <figure key={key} className="my-4">
          <video src={str("src")} controls preload="metadata" className="w-full rounded" />
          {str("caption") ? <figcaption className="mt-1 text-sm text-slate-600">{str("caption")}</figcaption> : null}
        </figure>
      );
    case "Procedure":
      return (
        <section key={key} className="my-4">
          {str("title") ? <p className="font-semibold">{str("title")}</p> : null}
          <ol className="mt-2 space-y-3 [counter-reset:step]">{children}</ol>
        </section>
      );
    case "Step":
      return (
        <li key={key} className="rounded-md border border-slate-200 p-3 [counter-increment:step] before:mr-2 before:font-bold before:text-brand-700 before:content-[counter(step)]">
          <span className="font-medium">{str("title")}</span>
          <div className="mt-1">{children}</div>
        </li>
      );
    case "Checklist":
      return (
        <section key={key} className="my-4 rounded-md border border-slate-200 p-3">
          {str("title") ? <p className="mb-2 font-semibold">{str("title")}</p> : null}
          <ul className="space-y-1">{children}</ul>
        </section>
      );
    case "Item":
      return (
        <li key={key} className="flex gap-2">
          <span aria-hidden="true" className="text-brand-700">
            ☐
          </span>
          <div>{children}</div>
        </li>
      );
    case "KnowledgeCheck":
      return <KnowledgeCheck key={key} id={str("question") ?? ""} ctx={ctx} />;
  }
  if (!HOST_TAGS.has(node.t)) return <Fragment key={key}>{children}</Fragment>;
  const props: Record<string, unknown> = { key };
  for (const [k, v] of Object.entries(p)) if (HOST_PROPS.has(k)) props[k] = v;
  if (node.t === "a" && typeof props.href === "string" && /^https?:/.test(props.href)) {
    props.target = "_blank";
    props.rel = "noopener noreferrer";
  }
  if (node.t === "input") return createElement("input", { ...props, readOnly: true });
  // Wide tables scroll inside the lesson instead of widening the page on a phone.
  if (node.t === "table") return <div key={key} className="overflow-x-auto">{createElement("table", { ...props, key: undefined }, children)}</div>;
  return createElement(node.t, props, children);
}

/** Static lesson nodes (no knowledge checks), for rendering to HTML once on the server. */
export function LessonNodes({ nodes }: { nodes: LessonNode[] }) {
  const ctx: Context = { questions: {}, passed: [], lessonVersionId: "", preview: true };
  return <>{nodes.map((node, i) => render(node, i, ctx))}</>;
}

export function LessonContent({
  tree,
  segments,
  questions = {},
  passed = [],
  lessonVersionId = "",
  preview = false,
}: {
  tree?: LessonNode[];
  segments?: LessonSegment[];
  questions?: Record<string, PublicQuestion>;
  passed?: string[];
  lessonVersionId?: string;
  preview?: boolean;
}) {
  const ctx: Context = { questions, passed, lessonVersionId, preview };
  return (
    <div className="lesson-body space-y-3 leading-relaxed break-words [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_h2]:mt-6 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mt-4 [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_table]:w-full [&_table]:text-sm [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_th]:border [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-5">
      {segments
        ? segments.map((segment, i) =>
            // The HTML is React's own server rendering of allow-listed lesson nodes (lesson-html.server.tsx).
            "html" in segment ? <div key={i} className="space-y-3" dangerouslySetInnerHTML={{ __html: segment.html }} /> : render(segment.node, i, ctx),
          )
        : (tree ?? []).map((node, i) => render(node, i, ctx))}
    </div>
  );
}
