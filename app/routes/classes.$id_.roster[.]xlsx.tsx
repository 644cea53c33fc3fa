import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { rosterWorkbook } from "~/modules/classes/classes.server";

/** GET /classes/:id/roster.xlsx — the class roster with attendance; class.manage over the class. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { buffer, fileName } = await rosterWorkbook(
    actor,
    params.id!,
    requestLocale(request)
  );
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(
        fileName
      )}`,
      "Content-Length": String(buffer.length),
      "Cache-Control": "no-store",
    },
  });
}
