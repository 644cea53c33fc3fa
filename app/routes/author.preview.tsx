import type { ActionFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { badRequest } from "~/lib/request.server";
import { MAX_LESSON_CHARS, previewLesson, requireAnyAuthoring } from "~/modules/courseware/authoring.server";

/** Live preview for the lesson editor: compiles the posted source, saves nothing. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyAuthoring(actor);
  const source = (await request.formData()).get("source");
  if (typeof source !== "string" || source.length > MAX_LESSON_CHARS * 2) badRequest();
  return previewLesson(source);
}
