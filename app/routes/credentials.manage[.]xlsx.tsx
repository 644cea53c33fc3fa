import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale, translator } from "~/lib/i18n";
import { parseSearchQuery } from "~/modules/credentials/report-rules";
import { searchWorkbook, XLSX_TYPE } from "~/modules/credentials/reports.server";

/** GET /credentials/manage.xlsx?… — the whole filtered search list (credential.view scope), audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.view");
  const { page: _page, ...query } = parseSearchQuery(new URL(request.url).searchParams);
  const locale = requestLocale(request);
  const buffer = await searchWorkbook(actor, query, locale);
  const name = `${translator(locale)("credentialViews.export.fileName")}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Content-Length": String(buffer.length),
      "Cache-Control": "no-store",
    },
  });
}
