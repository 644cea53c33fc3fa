import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES, mediaKind, readImage, saveImage, saveVideo } from "./media.server";

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

describe("question images", () => {
  it("stores an image under its content hash and serves it back with the type from its bytes", () => {
    const saved = saveImage(png);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.url).toMatch(/^\/media\/[0-9a-f]{64}\.png$/);
    expect(saveImage(png)).toEqual(saved);
    expect(readImage(saved.name)).toEqual({ bytes: png, mime: "image/png" });
  });

  it("refuses SVG, HTML or anything else whatever it is called", () => {
    expect(saveImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ ok: false, error: "media.errors.notImage" });
    expect(saveImage(Buffer.from("<html><body>hi</body></html>"))).toEqual({ ok: false, error: "media.errors.notImage" });
  });

  it("refuses images over the size limit", () => {
    expect(saveImage(Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]))).toEqual({ ok: false, error: "media.errors.tooLarge" });
  });

  it("never reads a path it did not write", () => {
    expect(readImage("../../package.json")).toBeNull();
    expect(readImage(`${"a".repeat(64)}.svg`)).toBeNull();
  });
});

describe("lesson videos", () => {
  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(64, 2)]);
  it("accepts MP4 by its bytes and serves it back as video/mp4", () => {
    expect(mediaKind(mp4)).toBe("video");
    const saved = saveVideo(mp4);
    expect(saved.ok && saved.url).toMatch(/\.mp4$/);
    if (saved.ok) expect(readImage(saved.name)?.mime).toBe("video/mp4");
  });
  it("refuses a non-video file named .mp4, and says what kind of file it is not", () => {
    expect(saveVideo(Buffer.from("not a video at all, just text"))).toEqual({ ok: false, error: "media.errors.notVideo" });
    expect(mediaKind(Buffer.from("#!/bin/sh\nrm -rf /\n"))).toBeNull();
  });
});
