import type { ActionFunctionArgs } from "@remix-run/node";
import { jsonEndpointAction } from "~/lib/json-endpoint.server";
import { saveEndpoint } from "~/modules/exams/take-endpoints.server";

// In production server.js answers this path before Remix (see json-endpoint.server.ts).
export function action({ request, context }: ActionFunctionArgs) {
  return jsonEndpointAction(saveEndpoint, request, context);
}

export async function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
