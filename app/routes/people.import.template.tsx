import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { importTemplate } from "~/modules/people/xlsx.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.import");
  const locale = requestLocale(request);
  const body = await importTemplate(locale);
  const name = locale === "en" ? "people-import-template.xlsx" : "人员导入模板.xlsx";
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX, "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}` },
  });
}
