/*
 * A compiled lesson as plain data: host elements from an allow-list and the fixed lesson
 * components, with string props. The browser renders this tree; it never evaluates
 * compiled code, so the page needs no eval and trainer text cannot become script.
 */
export type LessonNode = string | { t: string; p?: Record<string, string | boolean>; c?: LessonNode[] };

export const HOST_TAGS = new Set([
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "del", "code", "pre", "blockquote",
  "a", "img", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "sup", "sub", "section", "span", "input",
]);

/** Props a host element may keep. Everything else (event handlers, style, dangerouslySetInnerHTML) is dropped. */
export const HOST_PROPS = new Set(["href", "src", "alt", "title", "align", "id", "className", "checked", "disabled", "type", "start"]);
