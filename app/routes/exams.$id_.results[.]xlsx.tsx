import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale, translator } from "~/lib/i18n";
import { parseResultsFilter } from "~/modules/exams/results";
import { resultsWorkbook } from "~/modules/exams/results.server";

/** GET /exams/:id/results.xlsx — the results (current filter) and item statistics; exam.results over the exam's unit. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { page: _page, ...filter } = parseResultsFilter(new URL(request.url).searchParams);
  const locale = requestLocale(request);
  const buffer = await resultsWorkbook(actor, params.id!, locale, filter);
  const name = `${translator(locale)("results.export.fileName")}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Content-Length": String(buffer.length),
      "Cache-Control": "no-store",
    },
  });
}
