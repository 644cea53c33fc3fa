import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale } from "~/lib/i18n";
import { exportPeople } from "~/modules/people/xlsx.server";
import { parsePeopleFilter } from "~/modules/people/rules";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.export");
  const params = new URL(request.url).searchParams;
  const { after: _ignored, ...filter } = parsePeopleFilter(params);
  const locale = requestLocale(request);
  const stream = await exportPeople(actor, filter, locale, params.get("full") === "1");
  const name = `${locale === "en" ? "people" : "人员名册"}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
