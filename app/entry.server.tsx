import { PassThrough } from "node:stream";
import cluster from "node:cluster";
import { runWeeklyReminders } from "~/modules/compliance/reminders.server";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { requestLocale, sharedI18n } from "~/lib/i18n";
import { NonceContext } from "~/lib/nonce";
import { heartbeatEndpoint } from "~/modules/courseware/heartbeat-endpoint.server";
import { sweepOverdueAttempts } from "~/modules/exams/attempts.server";
import { warmPools } from "~/modules/exams/papers.server";
import { eventEndpoint, saveEndpoint } from "~/modules/exams/take-endpoints.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = sharedI18n(requestLocale(request));
  const nonce = loadContext?.cspNonce ?? "";
  // Bots get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

// Served by server.js straight from Express (see app/lib/json-endpoint.server.ts).
export { serveJson } from "~/lib/json-endpoint.server";
export const jsonEndpoints = [heartbeatEndpoint, saveEndpoint, eventEndpoint];

/**
 * Background work each server process runs (server.js): submit exam attempts past their
 * deadline; keep the paper pools of exams about to open prepared.
 */
export function startBackgroundJobs() {
  const SWEEP_MS = 10_000;
  const WARM_MS = 60_000;
  const sweep = setInterval(() => {
    sweepOverdueAttempts().catch((error: unknown) => console.error("deadline sweep failed", error));
  }, SWEEP_MS);
  const warm = () => {
    try {
      warmPools();
    } catch (error) {
      console.error("warming exam pools failed", error);
    }
  };
  warm();
  const warming = setInterval(warm, WARM_MS);
  sweep.unref();
  warming.unref();

  // Weekly reminders (behind-pace notices, HR digests): checked hourly, sent once per ISO
  // week per person (the check is inside the write). One worker is enough to send them.
  if (cluster.isPrimary || cluster.worker?.id === 1) {
    const remind = () => {
      runWeeklyReminders(new Date()).catch((error: unknown) => console.error("weekly reminders failed", error));
    };
    const first = setTimeout(remind, 60_000);
    const reminding = setInterval(remind, 60 * 60_000);
    first.unref();
    reminding.unref();
  }
}
