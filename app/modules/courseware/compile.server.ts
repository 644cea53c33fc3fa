import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import remarkGfm from "remark-gfm";
import { databaseFile } from "~/lib/env.server";
import { HOST_PROPS, HOST_TAGS, type LessonNode } from "./lesson-tree";
import { checkLessonSource, LESSON_COMPONENTS, type MdxProblem } from "./mdx-rules";

/*
 * Lesson compiler: validate (mdx-rules) → compile with mdx-bundler → evaluate once on the
 * server with marker components → a plain LessonNode tree. Results are cached by the
 * hash of the source, in memory and on disk, so a changed file compiles again and an
 * unchanged one never does.
 */
const COMPILER_VERSION = "1";
const MEMORY_LIMIT = 500;
const memory = new Map<string, CompiledLesson>();

export type CompiledLesson = { hash: string; frontmatter: Record<string, unknown>; tree: LessonNode[]; questionIds: string[] };
export type CompileResult = ({ ok: true } & CompiledLesson) | { ok: false; problems: MdxProblem[] };

export function sourceHash(source: string): string {
  return createHash("sha256").update(COMPILER_VERSION).update("\0").update(source).digest("hex");
}

function diskPath(hash: string) {
  return join(dirname(databaseFile()), "mdx-cache", `${hash}.json`);
}

function remember(compiled: CompiledLesson) {
  if (memory.size >= MEMORY_LIMIT) memory.delete(memory.keys().next().value!);
  memory.set(compiled.hash, compiled);
}

const MARKERS = Object.fromEntries(
  Object.keys(LESSON_COMPONENTS).map((name) => {
    const marker = () => null;
    Object.defineProperty(marker, "lessonComponent", { value: name });
    return [name, marker];
  }),
);

function serialize(node: ReactNode, out: LessonNode[], questionIds: Set<string>) {
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (typeof node === "string" || typeof node === "number") {
    out.push(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) serialize(child, out, questionIds);
    return;
  }
  if (!isValidElement(node)) return;
  const element = node as ReactElement<Record<string, unknown>>;
  const { children, ...props } = element.props;
  const kids: LessonNode[] = [];
  serialize(children as ReactNode, kids, questionIds);
  const type = element.type as unknown;
  if (type === Fragment) {
    out.push(...kids);
    return;
  }
  const marker = typeof type === "function" ? (type as { lessonComponent?: string }).lessonComponent : undefined;
  if (marker) {
    const p = Object.fromEntries(Object.entries(props).filter(([, v]) => typeof v === "string" || typeof v === "boolean")) as Record<string, string | boolean>;
    if (marker === "KnowledgeCheck" && typeof p.question === "string") questionIds.add(p.question);
    out.push({ t: marker, p, c: kids.length ? kids : undefined });
    return;
  }
  if (typeof type === "function") {
    // MDX's own wrapper functions: expand them.
    serialize((type as (p: unknown) => ReactNode)(element.props), out, questionIds);
    return;
  }
  if (typeof type === "string" && HOST_TAGS.has(type)) {
    const p = Object.fromEntries(
      Object.entries(props).filter(([k, v]) => HOST_PROPS.has(k) && (typeof v === "string" || typeof v === "boolean" || typeof v === "number")).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]),
    ) as Record<string, string | boolean>;
    out.push({ t: type, p: Object.keys(p).length ? p : undefined, c: kids.length ? kids : undefined });
    return;
  }
  out.push(...kids);
}

/**
 * Compiles (or fetches from cache) one lesson source. `persist: false` (live previews,
 * where every keystroke is a new source) keeps the result out of the disk cache.
 */
export async function compileLesson(source: string, options: { persist?: boolean } = {}): Promise<CompileResult> {
  const hash = sourceHash(source);
  const cached = memory.get(hash);
  if (cached) return { ok: true, ...cached };
  const file = diskPath(hash);
  if (existsSync(file)) {
    const fromDisk = JSON.parse(readFileSync(file, "utf8")) as CompiledLesson;
    remember(fromDisk);
    return { ok: true, ...fromDisk };
  }
  // Refuse before compiling: the compiler would happily run an import or an expression.
  const problems = checkLessonSource(source);
  if (problems.length) return { ok: false, problems };
  let bundled: Awaited<ReturnType<typeof bundleMDX>>;
  try {
    bundled = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
    });
  } catch (error) {
    const e = error as { errors?: { location?: { line?: number; column?: number }; text?: string }[]; message?: string };
    const first = e.errors?.[0];
    return { ok: false, problems: [{ line: first?.location?.line ?? 1, column: first?.location?.column ?? 1, message: "courseware.errors.syntax", params: { detail: first?.text ?? e.message ?? "" } }] };
  }
  const Content = getMDXComponent(bundled.code) as unknown as (props: { components: Record<string, unknown> }) => ReactNode;
  const tree: LessonNode[] = [];
  const questionIds = new Set<string>();
  serialize(Content({ components: MARKERS }), tree, questionIds);
  const compiled: CompiledLesson = { hash, frontmatter: bundled.frontmatter as Record<string, unknown>, tree, questionIds: [...questionIds] };
  if (options.persist !== false) {
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves half a cache file behind.
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(compiled));
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  remember(compiled);
  return { ok: true, ...compiled };
}
