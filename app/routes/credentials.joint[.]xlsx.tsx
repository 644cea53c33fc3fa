import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { isoDateInShanghai, requestLocale, translator } from "~/lib/i18n";
import { jointWorkbook } from "~/modules/credentials/joint.server";
import { XLSX_TYPE } from "~/modules/credentials/reports.server";

/** GET /credentials/joint.xlsx?unit= — the coverage view of a unit as .xlsx (credential.view over it; 404 otherwise), audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.view");
  const unit = new URL(request.url).searchParams.get("unit");
  const locale = requestLocale(request);
  const buffer = await jointWorkbook(actor, unit && unit.length <= 40 ? unit : null, locale);
  const name = `${translator(locale)("credentialViews.joint.title")}-${isoDateInShanghai(new Date())}.xlsx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Content-Length": String(buffer.length),
      "Cache-Control": "no-store",
    },
  });
}
