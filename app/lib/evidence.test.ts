import { describe, expect, it } from "vitest";
import { checkEvidence, EVIDENCE_MAX_BYTES, evidenceDisplayName, evidenceMime, evidenceType } from "./evidence";

const pad = (head: number[] | string, size = 64) => {
  const start = typeof head === "string" ? Buffer.from(head, "latin1") : Buffer.from(head);
  return Buffer.concat([start, Buffer.alloc(size - start.length, 0x20)]);
};
const errors = { tooLarge: "x.tooLarge", type: "x.type" } as const;

describe("evidence files", () => {
  it("recognises PDF, PNG and JPEG by their first bytes", () => {
    expect(evidenceType(pad("%PDF-1.7\n"))).toEqual({ ext: "pdf", mime: "application/pdf" });
    expect(evidenceType(pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ ext: "png", mime: "image/png" });
    expect(evidenceType(pad([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ext: "jpg", mime: "image/jpeg" });
    expect(checkEvidence(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]), errors)).toEqual({ ok: true, ext: "jpg", mime: "image/jpeg" });
    expect(evidenceMime("png")).toBe("image/png");
    expect(evidenceMime("exe")).toBeNull();
  });

  it("refuses anything else whatever its name: GIF, SVG, HTML, a zip, an executable, too short", () => {
    for (const bytes of [pad("GIF89a"), pad("<svg xmlns="), pad("<!DOCTYPE html>"), pad([0x50, 0x4b, 0x03, 0x04]), pad("MZ"), Buffer.from("%PDF"), Buffer.from("<html>hello</html>")]) {
      expect(evidenceType(bytes)).toBeNull();
      expect(checkEvidence(bytes, errors)).toEqual({ ok: false, error: "x.type" });
    }
  });

  it("refuses more than 5 MB, accepts exactly 5 MB", () => {
    const exact = Buffer.alloc(EVIDENCE_MAX_BYTES, 0x20);
    Buffer.from("%PDF-1.4").copy(exact);
    expect(checkEvidence(exact, errors)).toMatchObject({ ok: true, ext: "pdf" });
    const over = Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x20);
    Buffer.from("%PDF-1.4").copy(over);
    expect(checkEvidence(over, errors)).toEqual({ ok: false, error: "x.tooLarge" });
  });

  it("keeps only the base name of an uploaded file for display", () => {
    expect(evidenceDisplayName("C:\\Users\\张\\证书.pdf", "pdf")).toBe("证书.pdf");
    expect(evidenceDisplayName("../../etc/passwd", "png")).toBe("passwd");
    expect(evidenceDisplayName("", "jpg")).toBe("evidence.jpg");
    expect(evidenceDisplayName("/", "png")).toBe("evidence.png");
  });
});
