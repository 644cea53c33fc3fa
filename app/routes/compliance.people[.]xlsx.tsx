import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale, translator } from "~/lib/i18n";
import { parseYear, peopleQuerySchema } from "~/modules/compliance/rules";
import { peopleWorkbook, XLSX_TYPE } from "~/modules/compliance/xlsx.server";

/** GET /compliance/people.xlsx?unit=&year=&filter= — the whole list (streamed), audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const q = peopleQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  const locale = requestLocale(request);
  const stream = await peopleWorkbook(actor, { unitId: q.unit, year: parseYear(q.year, new Date()), filter: q.filter }, locale);
  const t = translator(locale);
  const name = `${t(`compliance.people.filters.${q.filter}`)}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
