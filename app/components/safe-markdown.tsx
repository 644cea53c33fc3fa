import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Renders author-written Markdown (question stems, explanations). Raw HTML is dropped,
 * never rendered, and react-markdown's URL filter removes javascript: links, so text
 * imported from another system cannot run script in a reader's browser.
 */
export function SafeMarkdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={`prose-sm max-w-none break-words [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1 [&_table]:text-sm [&_ul]:list-disc [&_ul]:pl-5 ${className ?? ""}`}>
      <Markdown remarkPlugins={[remarkGfm]} skipHtml>
        {children}
      </Markdown>
    </div>
  );
}
