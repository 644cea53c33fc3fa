import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { readImage } from "~/lib/media.server";
import { notFound } from "~/lib/request.server";

/** Question images, for signed-in people only (exam material is not public). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireActor(request, context);
  const image = readImage(params.name ?? "");
  if (!image) notFound();
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.mime,
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
