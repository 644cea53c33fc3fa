import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/request.server";
import { issuerProfile } from "~/modules/credentials/vc.server";

/**
 * GET /credentials/issuer — public: the issuer profile of the platform's signed credentials,
 * with its did:key and public key (Multikey), the cryptosuite and the status list addresses.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return new Response(JSON.stringify(issuerProfile(publicOrigin(request)), null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
