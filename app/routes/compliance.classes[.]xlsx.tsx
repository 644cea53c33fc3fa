import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale, translator } from "~/lib/i18n";
import { parseYear } from "~/modules/compliance/rules";
import { classesWorkbook, XLSX_TYPE } from "~/modules/compliance/xlsx.server";

/** GET /compliance/classes.xlsx?unit=&year= — classes of the subtree with fill and attendance. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const locale = requestLocale(request);
  const buffer = await classesWorkbook(actor, { unitId: params.get("unit")?.slice(0, 40) || null, year: parseYear(params.get("year"), new Date()) }, locale);
  const name = `${translator(locale)("compliance.classes.title")}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Content-Length": String(buffer.length),
      "Cache-Control": "no-store",
    },
  });
}
