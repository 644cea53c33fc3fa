import { z } from "zod";
import { JsonEndpointError, type JsonEndpoint } from "~/lib/json-endpoint.server";
import { recordEvent, saveAnswers } from "./attempts.server";
import { INTEGRITY_EVENTS, saveBatchSchema } from "./rules";

/** Autosave: the exam page sends changed answers (debounced, and every few seconds); the reply comes once they are on disk. */
export const saveEndpoint: JsonEndpoint = {
  path: "/take/save",
  async handle(actor, body) {
    const parsed = saveBatchSchema.safeParse(body);
    if (!parsed.success) throw new JsonEndpointError(400, "badRequest");
    const outcome = await saveAnswers(actor, parsed.data);
    if (!outcome.ok) throw new JsonEndpointError(outcome.status, outcome.error);
    return { status: 200, body: outcome };
  },
};

const eventSchema = z.object({
  attemptId: z.string().min(1).max(40),
  deviceId: z.string().min(8).max(64),
  kind: z.enum(INTEGRITY_EVENTS),
  detail: z.string().max(200).optional(),
});

/** Integrity events (focus loss, tab switches, copy/paste, reconnects), one per request. */
export const eventEndpoint: JsonEndpoint = {
  path: "/take/event",
  async handle(actor, body) {
    const parsed = eventSchema.safeParse(body);
    if (!parsed.success) throw new JsonEndpointError(400, "badRequest");
    const outcome = await recordEvent(actor, parsed.data);
    if (!outcome.ok) throw new JsonEndpointError(outcome.status, "notFound");
    return { status: 200, body: outcome };
  },
};
