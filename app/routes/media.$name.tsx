import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/lib/actor.server";
import { readImage } from "~/lib/media.server";
import { notFound } from "~/lib/request.server";

/** Question images, for signed-in people only (exam material is not public). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireActor(request, context);
  const image = readImage(params.name ?? "");
  if (!image) notFound();
  // Videos need byte ranges so a player can seek.
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("Range") ?? "");
  if (range && (range[1] || range[2])) {
    const size = image.bytes.length;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
    return new Response(new Uint8Array(image.bytes.subarray(start, end + 1)), {
      status: 206,
      headers: {
        "Content-Type": image.mime,
        "Content-Range": `bytes ${start}-${end}/${size}`,
        "Accept-Ranges": "bytes",
        "Cache-Control": "private, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Accept-Ranges": "bytes",
      "Content-Type": image.mime,
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
