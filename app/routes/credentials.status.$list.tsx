import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/request.server";
import { isPurpose, statusListVc } from "~/modules/credentials/vc.server";

/**
 * GET /credentials/status/revocation | /credentials/status/suspension — public: the signed
 * BitstringStatusListCredential (bit i set = the credential with statusIndex i is revoked,
 * resp. suspended now). Cached for a minute.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isPurpose(params.list)) throw new Response("Not Found", { status: 404 });
  const json = await statusListVc(params.list, publicOrigin(request));
  return new Response(JSON.stringify(json), {
    headers: {
      "Content-Type": "application/vc+ld+json; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
