import type { ActionFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { data } from "@remix-run/react";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { write } from "~/lib/db.server";
import { MAX_IMAGE_BYTES, saveImage } from "~/lib/media.server";
import { actorAudit } from "~/modules/org/org.server";

/** Uploads an image for a question; answers with the Markdown that shows it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.author");
  let file: FormDataEntryValue | null;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }));
    file = form.get("image");
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: "media.errors.tooLarge" }, { status: 413 });
    throw error;
  }
  if (!(file instanceof File) || file.size === 0) return data({ error: "media.errors.notImage" }, { status: 400 });
  const saved = saveImage(Buffer.from(await file.arrayBuffer()));
  if (!saved.ok) return data({ error: saved.error }, { status: 400 });
  await write((tx) => audit(tx, actorAudit(actor), { action: "media.upload", objectType: "Media", objectId: saved.name, unitId: actor.unitId }));
  return { markdown: `![](${saved.url})` };
}
