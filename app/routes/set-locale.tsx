import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/react";
import { readSession } from "~/lib/actor.server";
import { isLocale, localeCookie } from "~/lib/i18n";
import { setLocale } from "~/modules/auth/auth.server";
import { safeRedirect } from "~/modules/auth/rules";

export async function loader() {
  return redirect("/");
}

/** Remembers the language in a cookie and, when signed in, on the account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = String(form.get("locale") ?? "");
  const to = safeRedirect(String(form.get("redirectTo") ?? "/"));
  if (!isLocale(locale)) return redirect(to);
  const { actor } = await readSession(request, context);
  if (actor) await setLocale(actor, locale);
  return redirect(to, { headers: { "Set-Cookie": localeCookie(locale) } });
}
