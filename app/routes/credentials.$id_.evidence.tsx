import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { evidenceResponse } from "~/lib/evidence.server";
import { credentialEvidence } from "~/modules/credentials/credentials.server";

/** GET /credentials/:id/evidence — a recorded credential's evidence: its holder, or credential.view over the holder's unit (404 otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return evidenceResponse(await credentialEvidence(actor, params.id!));
}
