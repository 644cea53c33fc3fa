import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { questionsTemplate } from "~/modules/questions/formats";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.author");
  const locale = requestLocale(request);
  const name = locale === "en" ? "question-import-template.xlsx" : "试题导入模板.xlsx";
  return new Response(new Uint8Array(await questionsTemplate(locale)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
