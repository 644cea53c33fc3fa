import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/react";
import { logout } from "~/modules/auth/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await logout(request.headers.get("Cookie"));
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
