import { publicOrigin } from "~/lib/request.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import {
  certificateFor,
  renderClassCertificatePdf,
} from "~/modules/classes/certificate-pdf.server";

/**
 * GET /classes/:id/certificate.pdf[?enrolment=<id>] — the certificate of completion: one's
 * own, or (organisers of the class) a participant's. 404 otherwise.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const url = new URL(request.url);
  const cert = await certificateFor(
    actor,
    params.id!,
    url.searchParams.get("enrolment")
  );
  const pdf = await renderClassCertificatePdf(
    cert,
    publicOrigin(request),
    requestLocale(request)
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(
        `${cert.classCode}-${cert.staffNo}.pdf`
      )}`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
