import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { importTemplate } from "~/modules/hours/import.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET /hours/import/template — the .xlsx template for importing hours (hours.approve). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "hours.approve");
  const locale = requestLocale(request);
  const body = await importTemplate(locale);
  const name = locale === "en" ? "hours-import-template.xlsx" : "学时导入模板.xlsx";
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX, "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`, "Cache-Control": "no-store" },
  });
}
