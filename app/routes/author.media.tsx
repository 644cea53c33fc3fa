import type { ActionFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { data } from "@remix-run/react";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { write } from "~/lib/db.server";
import { MAX_VIDEO_BYTES, mediaKind, saveImage, saveVideo } from "~/lib/media.server";
import { actorAudit } from "~/modules/org/org.server";

/** Uploads an image or a video for a lesson; answers with the component that shows it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.author");
  let file: FormDataEntryValue | null;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_VIDEO_BYTES }));
    file = form.get("file");
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: "media.errors.videoTooLarge" }, { status: 413 });
    throw error;
  }
  if (!(file instanceof File) || file.size === 0) return data({ error: "media.errors.notVideo" }, { status: 400 });
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = mediaKind(bytes);
  if (!kind) return data({ error: "media.errors.notMedia" }, { status: 400 });
  const saved = kind === "image" ? saveImage(bytes) : saveVideo(bytes);
  if (!saved.ok) return data({ error: saved.error }, { status: 400 });
  await write((tx) => audit(tx, actorAudit(actor), { action: "media.upload", objectType: "Media", objectId: saved.name, unitId: actor.unitId }));
  const snippet = kind === "image" ? `<Figure src="${saved.url}" alt="" caption="" />` : `<Video src="${saved.url}" caption="" />`;
  return { snippet };
}
