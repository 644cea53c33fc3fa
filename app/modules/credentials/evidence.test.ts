import { describe, expect, it } from "vitest";
import { EVIDENCE_MAX_BYTES } from "~/lib/evidence";
import { checkCredentialEvidence, generateVerifyCode, isVerifyCode, verifyCodeFrom } from "./evidence";

describe("credential evidence", () => {
  // The check itself is ~/lib/evidence (tested there); credentials answer with their own keys.
  it("refuses with the credentials' dictionary keys", () => {
    expect(checkCredentialEvidence(Buffer.from("<html>hello</html>"))).toEqual({ ok: false, error: "credentials.errors.evidenceType" });
    expect(checkCredentialEvidence(Buffer.alloc(EVIDENCE_MAX_BYTES + 1))).toEqual({ ok: false, error: "credentials.errors.evidenceTooLarge" });
    expect(checkCredentialEvidence(Buffer.from("%PDF-1.7\n...."))).toEqual({ ok: true, ext: "pdf", mime: "application/pdf" });
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
