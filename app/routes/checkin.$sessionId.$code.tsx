import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireActor } from "~/lib/actor.server";
import { checkInWithUrl } from "~/modules/classes/attendance.server";
import { CheckinResultView } from "~/modules/classes/components/checkin-result";
import { RouteErrorBoundary } from "~/components/route-error";

/**
 * GET /checkin/:sessionId/:code — the URL in the organiser's QR code. A signed-in officer
 * enrolled in the class is marked present (the code must be from the current or previous
 * minute, and the session today). Any failure writes nothing and says why.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return checkInWithUrl(actor, params.sessionId!, params.code!);
}

export const headers = () => ({ "Cache-Control": "no-store" });

export default function CheckinFromQr() {
  return <CheckinResultView result={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary };
