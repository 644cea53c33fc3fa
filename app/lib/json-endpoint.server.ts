import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/modules/access/rules";
import { sessionFromCookie } from "./actor.server";
import { clientIp } from "./request.server";

/*
 * Hot JSON endpoints (lesson heartbeats, exam autosave) take thousands of small POSTs a
 * second and render no HTML. Remix's per-request work (route matching over every route,
 * loader/action pipeline, headers merging) costs more than the work itself, so the
 * production server (server.js) serves these directly from Express, before Remix. The
 * same handler also backs a Remix resource route, so `npm run dev` and tests behave alike.
 */
export type JsonEndpointInput = { cookie: string; ip: string; body: unknown };
export type JsonEndpointResult = { status: number; body: unknown };
export type JsonEndpoint = {
  path: string;
  /** Runs for a signed-in actor; the session is checked before. */
  handle(actor: Actor, body: unknown): Promise<JsonEndpointResult>;
};

export class JsonEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Session check, then the endpoint; errors become JSON with a status, never an HTML page. */
export async function serveJson(endpoint: JsonEndpoint, input: JsonEndpointInput): Promise<JsonEndpointResult & { setCookie: string | null }> {
  const session = await sessionFromCookie(input.cookie, input.ip);
  if (!session.actor) return { status: 401, body: { error: "signedOut" }, setCookie: session.setCookie };
  if (session.mustChangePassword) return { status: 403, body: { error: "mustChangePassword" }, setCookie: session.setCookie };
  try {
    return { ...(await endpoint.handle(session.actor, input.body)), setCookie: session.setCookie };
  } catch (error) {
    if (error instanceof JsonEndpointError) return { status: error.status, body: { error: error.code }, setCookie: session.setCookie };
    throw error;
  }
}

/** The Remix resource-route face of an endpoint (dev server, and any request that reaches Remix). */
export async function jsonEndpointAction(endpoint: JsonEndpoint, request: Request, context: AppLoadContext | undefined): Promise<Response> {
  const body = await request.json().catch(() => null);
  const result = await serveJson(endpoint, { cookie: request.headers.get("Cookie") ?? "", ip: clientIp(context), body });
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (result.setCookie) headers.append("Set-Cookie", result.setCookie);
  return Response.json(result.body, { status: result.status, headers });
}
