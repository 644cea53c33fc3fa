import TurndownService from "turndown";

/*
 * HTML from Moodle (question text, answers, feedback in format="html") becomes Markdown,
 * the only rich-text form we store. Active content is dropped, never converted; images
 * are dropped too (their files are not imported) and reported so the user can re-add them.
 */

let service: TurndownService | undefined;
let sawImage = false;

function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", emDelimiter: "*" });
  service.remove(["script", "style", "iframe", "object", "embed", "form", "input", "button", "select", "textarea", "audio", "video"]);
  // @@PLUGINFILE@@ links point into the Moodle site that exported the file; data: and
  // remote images would make browsers fetch content we have not checked.
  service.addRule("image", {
    filter: "img",
    replacement: () => {
      sawImage = true;
      return "";
    },
  });
  return service;
}

/** Converts an HTML fragment to Markdown; `image` tells whether an image was dropped. */
export function htmlToMarkdown(html: string): { markdown: string; image: boolean } {
  sawImage = false;
  let markdown = turndown().turndown(html);
  // Turndown escapes every "_" so literal underscores survive, but a run of them is our
  // fill-in blank marker ("____") and must stay as typed.
  markdown = markdown.replace(/(?:\\_){3,}/g, (run) => "_".repeat(run.length / 2));
  markdown = markdown.replace(/\u00a0/g, " ").trim();
  return { markdown, image: sawImage || /@@PLUGINFILE@@/.test(html) };
}
