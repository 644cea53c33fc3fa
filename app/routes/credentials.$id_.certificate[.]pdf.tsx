import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { publicOrigin } from "~/lib/request.server";
import { credentialCertificate } from "~/modules/credentials/certificate-pdf.server";

/**
 * GET /credentials/:id/certificate.pdf — the credential certificate (电子证书) with a QR code of
 * its public verification page: the holder's own, or one in the actor's credential.view
 * scope; 404 otherwise (and for credentials not issued on this platform).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { pdf, fileName } = await credentialCertificate(actor, params.id ?? "", { origin: publicOrigin(request), locale: requestLocale(request) });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
