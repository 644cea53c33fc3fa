import { checkHealth } from "~/lib/health.server";

/** Load balancers and operators: 200 when the database answers, 503 otherwise. */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
