import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "~/components/language-switch";
import { clientIp } from "~/lib/request.server";
import { VerifyCard } from "~/modules/credentials/components/verify-card";
import { verifyRequest } from "~/modules/credentials/verify.server";
import type { RootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "证件核验 · Credential check" }, { name: "robots", content: "noindex" }];

/**
 * GET /verify/credential/:code — public (no sign-in; the loader never calls requireActor):
 * the credential's type, the holder's name partly masked, the unit, the status now and the
 * validity. Unknown codes answer 404, too many requests from one IP 429 with Retry-After
 * (30 a minute per IP and server process), both with a localised page.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const answer = await verifyRequest(params.code ?? "", clientIp(context));
  const headers: Record<string, string> = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (answer.kind === "limited") return data({ answer }, { status: 429, headers: { ...headers, "Retry-After": String(answer.retryAfterSeconds) } });
  return data({ answer }, { status: answer.kind === "found" ? 200 : 404, headers });
}

export default function VerifyCredential() {
  const { t } = useTranslation();
  const { answer } = useLoaderData<typeof loader>();
  // Signed in, the page sits in the app's shell (which has its own language switch).
  const signedIn = !!useRouteLoaderData<RootData>("root")?.user;
  const Main = signedIn ? "div" : "main";
  return (
    <div className={signedIn ? "" : "flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-slate-50"}>
      {signedIn ? null : (
        <div className="flex justify-end p-3">
          <LanguageSwitch />
        </div>
      )}
      <Main id={signedIn ? undefined : "main"} className="mx-auto w-full max-w-md flex-1 px-4 pt-6 pb-16 sm:pt-12">
        <p className="text-center text-sm font-medium text-brand-700">{t("common.appName")}</p>
        <VerifyCard answer={answer} />
      </Main>
    </div>
  );
}
