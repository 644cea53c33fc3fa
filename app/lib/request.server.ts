import { env } from "./env.server";
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Client IP as the HTTP server saw it (server.js). */
    ip: string;
    /** Per-response nonce for the Content-Security-Policy. */
    cspNonce: string;
  }
}

/** The client IP, or loopback when no HTTP server supplied one (Vite dev). */
export function clientIp(context: AppLoadContext | undefined): string {
  return context?.ip ?? "127.0.0.1";
}

export function notFound(): never {
  // Out-of-scope objects answer exactly like missing ones (do not reveal existence).
  throw new Response("Not Found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function badRequest(): never {
  throw new Response("Bad Request", { status: 400 });
}

/**
 * The address printed in QR codes and certificates: PUBLIC_URL when set (behind a reverse
 * proxy the request's own origin may be an internal host), else the request's origin.
 */
export function publicOrigin(request: Request): string {
  return (env().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, "");
}
