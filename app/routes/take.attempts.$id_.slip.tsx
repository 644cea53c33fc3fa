import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { requestLocale, translator } from "~/lib/i18n";
import { resultSlip } from "~/modules/exams/results.server";

/**
 * GET /take/attempts/:id/slip — the result slip as a PDF: the candidate's own attempt once
 * the review policy shows the score, or any attempt for staff with exam.results over the
 * exam's unit; 404 otherwise.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const locale = requestLocale(request);
  const slip = await resultSlip(actor, params.id!, locale);
  if (!slip.ok) {
    return new Response(translator(locale)(slip.error), { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(new Uint8Array(slip.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      // inline: opens in the browser's viewer, where it can be printed or saved.
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(slip.fileName)}`,
      "Content-Length": String(slip.pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
