import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { entryEvidence } from "~/modules/hours/officer.server";

/** GET /hours/evidence/:entryId — an entry's evidence file: its owner, or hours.view/approve over the owner's unit (404 otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const file = await entryEvidence(actor, params.entryId!);
  const pdf = file.mime === "application/pdf";
  const headers: Record<string, string> = {
    "Content-Type": file.mime,
    // PDFs download (a sandboxed PDF does not render in Chromium); images show inline, sandboxed.
    "Content-Disposition": `${pdf ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Content-Length": String(file.bytes.length),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (!pdf) headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
  return new Response(new Uint8Array(file.bytes), { headers });
}
