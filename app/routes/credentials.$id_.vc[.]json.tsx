import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { publicOrigin } from "~/lib/request.server";
import { credentialVc } from "~/modules/credentials/vc.server";

/**
 * GET /credentials/:id/vc.json — the credential as a signed Open Badges 3.0 / W3C verifiable
 * credential (eddsa-jcs-2022), to keep and show offline: the holder's own, or one in the
 * actor's credential.view scope; 404 otherwise.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { json, fileName } = await credentialVc(actor, params.id ?? "", publicOrigin(request));
  const body = JSON.stringify(json, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/vc+ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
