import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale, translator } from "~/lib/i18n";
import { parsePeriod } from "~/modules/compliance/rules";
import { rotationWorkbook, XLSX_TYPE } from "~/modules/compliance/xlsx.server";

/** GET /compliance/rotation.xlsx?unit=&period= — coverage per unit and every officer still missing (streamed), audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const period = parsePeriod(params.get("period"), new Date());
  const locale = requestLocale(request);
  const stream = await rotationWorkbook(actor, { unitId: params.get("unit")?.slice(0, 40) || null, period }, locale);
  const name = `${translator(locale)("compliance.rotation.title")}-${period.key}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
