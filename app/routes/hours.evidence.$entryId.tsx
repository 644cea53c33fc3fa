import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { evidenceResponse } from "~/lib/evidence.server";
import { entryEvidence } from "~/modules/hours/officer.server";

/** GET /hours/evidence/:entryId — an entry's evidence file: its owner, or hours.view/approve over the owner's unit (404 otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return evidenceResponse(await entryEvidence(actor, params.entryId!));
}
