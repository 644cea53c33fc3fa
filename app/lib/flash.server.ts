import { createCookie, redirect } from "@remix-run/node";

/*
 * One-shot notices after a redirect ("Person created."). The cookie holds only a
 * dictionary key, never text, so nothing a user typed is echoed back through it.
 */
const flashCookie = createCookie("flash", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });

export type Flash = { key: string; params?: Record<string, string | number> };

export async function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return redirect(to, { headers });
}

/** Reads the notice (if any) and the header that clears it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const value = (await flashCookie.parse(request.headers.get("Cookie"))) as Flash | null;
  if (!value || typeof value.key !== "string" || !/^[A-Za-z.]+$/.test(value.key)) return { flash: null, clear: null };
  return { flash: value, clear: await flashCookie.serialize("", { maxAge: 0 }) };
}
