import { z } from "zod";
import { JsonEndpointError, type JsonEndpoint } from "~/lib/json-endpoint.server";
import { heartbeat } from "./learn.server";

const beatSchema = z.object({
  lessonVersionId: z.string().min(1).max(40),
  visible: z.boolean(),
  idleSeconds: z.number().min(0).max(86_400),
});

/** The lesson page reports, every 30 s, whether it is visible and how long the learner has been idle. */
export const heartbeatEndpoint: JsonEndpoint = {
  path: "/learn/heartbeat",
  async handle(actor, body) {
    const parsed = beatSchema.safeParse(body);
    if (!parsed.success) throw new JsonEndpointError(400, "badHeartbeat");
    const { lessonVersionId, ...beat } = parsed.data;
    try {
      return { status: 200, body: await heartbeat(actor, lessonVersionId, beat) };
    } catch (error) {
      if (error instanceof Response && error.status === 404) throw new JsonEndpointError(404, "notFound");
      throw error;
    }
  },
};
