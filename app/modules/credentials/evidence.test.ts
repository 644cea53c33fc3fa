import { describe, expect, it } from "vitest";
import { checkCredentialEvidence, EVIDENCE_MAX_BYTES, evidenceDisplayName, generateVerifyCode, isVerifyCode, verifyCodeFrom } from "./evidence";

describe("credential evidence", () => {
  const pdf = Buffer.from("%PDF-1.7\n....");
  const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]);
  it("decides the type by the first bytes, never the name", () => {
    expect(checkCredentialEvidence(pdf)).toEqual({ ok: true, ext: "pdf", mime: "application/pdf" });
    expect(checkCredentialEvidence(jpg)).toMatchObject({ ok: true, ext: "jpg" });
    expect(checkCredentialEvidence(Buffer.from("<html>hello</html>"))).toEqual({ ok: false, error: "credentials.errors.evidenceType" });
    expect(checkCredentialEvidence(Buffer.from("%PDF"))).toEqual({ ok: false, error: "credentials.errors.evidenceType" });
  });
  it("allows 5 MB, not a byte more", () => {
    expect(checkCredentialEvidence(Buffer.concat([pdf, Buffer.alloc(EVIDENCE_MAX_BYTES - pdf.length)])).ok).toBe(true);
    expect(checkCredentialEvidence(Buffer.concat([pdf, Buffer.alloc(EVIDENCE_MAX_BYTES - pdf.length + 1)]))).toEqual({ ok: false, error: "credentials.errors.evidenceTooLarge" });
  });
  it("keeps only the file's own name", () => {
    expect(evidenceDisplayName("C:\\scans\\证书.pdf", "pdf")).toBe("证书.pdf");
    expect(evidenceDisplayName("/", "png")).toBe("evidence.png");
  });
  it("makes 20-character verification codes from an unambiguous alphabet", () => {
    expect(verifyCodeFrom(new Uint8Array(10))).toBeNull();
    expect(verifyCodeFrom(new Uint8Array(20).fill(0))).toBe("22222222222222222222");
    // Bytes at or above the rejection limit (248 for 31 characters) are skipped.
    expect(verifyCodeFrom(new Uint8Array([255, ...new Array(20).fill(1)]))).toBe("33333333333333333333");
    const codes = new Set(Array.from({ length: 200 }, generateVerifyCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(isVerifyCode(c)).toBe(true);
  });
});
