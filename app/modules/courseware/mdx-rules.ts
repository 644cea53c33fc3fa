import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/*
 * What lesson MDX may contain. Lessons are written by trainers, so the source is
 * untrusted: only Markdown plus a fixed set of components, with string attributes.
 * Imports, exports and JavaScript expressions ({…}) are refused before anything is
 * compiled, so nothing a trainer writes can run on the server or in a reader's browser.
 * Pure: parses, never evaluates.
 */
export const LESSON_COMPONENTS: Record<string, { attributes: string[]; required?: string[]; children?: "block" | "none" }> = {
  Callout: { attributes: ["type", "title"] },
  LawQuote: { attributes: ["law", "article", "effective"], required: ["law", "article"] },
  Figure: { attributes: ["src", "alt", "caption"], required: ["src", "alt"], children: "none" },
  Video: { attributes: ["src", "caption"], required: ["src"], children: "none" },
  Procedure: { attributes: ["title"] },
  Step: { attributes: ["title"], required: ["title"] },
  Checklist: { attributes: ["title"] },
  Item: { attributes: [] },
  KnowledgeCheck: { attributes: ["question"], required: ["question"], children: "none" },
};

export type MdxProblem = { line: number; column: number; message: string; params?: Record<string, string> };

type Node = {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  url?: string;
  position?: { start: { line: number; column: number } };
  children?: Node[];
};

/** Links may go to the web, mail or this site; images and videos only to this site. */
export function safeUrl(url: string, kind: "link" | "media"): boolean {
  const u = url.trim();
  if (kind === "media") return /^\/(media|course-media)\/[A-Za-z0-9._/-]+$/.test(u) && !u.includes("..");
  return /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(u);
}

/** Every problem in the source, with its line and column (1-based). Empty means allowed. */
export function checkLessonSource(source: string): MdxProblem[] {
  const problems: MdxProblem[] = [];
  let tree: Node;
  try {
    tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(source) as unknown as Node;
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; place?: { line?: number; column?: number } };
    return [{ line: e.line ?? e.place?.line ?? 1, column: e.column ?? e.place?.column ?? 1, message: "courseware.errors.syntax", params: { detail: e.reason ?? String(error) } }];
  }
  const at = (node: Node) => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
  visit(tree as never, (raw: unknown) => {
    const node = raw as Node;
    switch (node.type) {
      case "mdxjsEsm":
        problems.push({ ...at(node), message: "courseware.errors.importExport" });
        break;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        problems.push({ ...at(node), message: "courseware.errors.expression" });
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const spec = node.name ? LESSON_COMPONENTS[node.name] : undefined;
        if (!spec) {
          problems.push({ ...at(node), message: "courseware.errors.unknownComponent", params: { name: node.name ?? "<>" } });
          break;
        }
        const present = new Set<string>();
        for (const attr of node.attributes ?? []) {
          if (attr.type !== "mdxJsxAttribute" || typeof attr.name !== "string") {
            problems.push({ ...at(node), message: "courseware.errors.expression" });
            continue;
          }
          if (attr.value !== null && typeof attr.value !== "string") {
            problems.push({ ...at(node), message: "courseware.errors.expression" });
            continue;
          }
          if (!spec.attributes.includes(attr.name)) {
            problems.push({ ...at(node), message: "courseware.errors.unknownAttribute", params: { name: node.name!, attribute: attr.name } });
            continue;
          }
          if ((attr.name === "src" && typeof attr.value === "string" && !safeUrl(attr.value, "media"))) {
            problems.push({ ...at(node), message: "courseware.errors.unsafeUrl", params: { url: String(attr.value) } });
          }
          present.add(attr.name);
        }
        for (const required of spec.required ?? []) {
          if (!present.has(required)) problems.push({ ...at(node), message: "courseware.errors.missingAttribute", params: { name: node.name!, attribute: required } });
        }
        if (spec.children === "none" && node.children?.length) {
          problems.push({ ...at(node), message: "courseware.errors.noChildren", params: { name: node.name! } });
        }
        break;
      }
      case "link":
        if (node.url && !safeUrl(node.url, "link")) problems.push({ ...at(node), message: "courseware.errors.unsafeUrl", params: { url: node.url } });
        break;
      case "image":
        if (node.url && !safeUrl(node.url, "media")) problems.push({ ...at(node), message: "courseware.errors.unsafeUrl", params: { url: node.url } });
        break;
    }
  });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
