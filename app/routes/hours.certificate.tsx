import { publicOrigin } from "~/lib/request.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { issueCertificate } from "~/modules/hours/certificate-pdf.server";
import { yearParam } from "~/modules/hours/officer.server";

/**
 * GET /hours/certificate?year=2025[&personId=…] — the study-hours certificate (学时证明) as a
 * PDF: one's own year, or a person in the actor's hours.view scope (404 otherwise). Every
 * download records a verifiable certificate.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const url = new URL(request.url);
  const personId = url.searchParams.get("personId") || undefined;
  if (personId && !/^[a-z0-9]{1,40}$/i.test(personId)) throw new Response("Not Found", { status: 404 });
  const certificate = await issueCertificate(actor, { personId, year: yearParam(url.searchParams.get("year")), locale: requestLocale(request), origin: publicOrigin(request) });
  return new Response(new Uint8Array(certificate.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(certificate.fileName)}`,
      "Content-Length": String(certificate.pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
