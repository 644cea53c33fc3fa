import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { credentialEvidence } from "~/modules/credentials/credentials.server";

/** GET /credentials/:id/evidence — a recorded credential's evidence: its holder, or credential.view over the holder's unit (404 otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const file = await credentialEvidence(actor, params.id!);
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
