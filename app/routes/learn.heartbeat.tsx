import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor } from "~/lib/actor.server";
import { heartbeat } from "~/modules/courseware/learn.server";

const beatSchema = z.object({
  lessonVersionId: z.string().min(1).max(40),
  visible: z.boolean(),
  idleSeconds: z.number().min(0).max(86_400),
});

/** The lesson page reports, every 30 s, whether it is visible and how long the learner has been idle. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const parsed = beatSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "bad heartbeat" }, { status: 400 });
  const { lessonVersionId, ...beat } = parsed.data;
  return Response.json(await heartbeat(actor, lessonVersionId, beat), { headers: { "Cache-Control": "no-store" } });
}

export async function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
