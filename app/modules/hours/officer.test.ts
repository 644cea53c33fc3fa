import { describe, expect, it } from "vitest";
import { EVIDENCE_MAX_BYTES } from "~/lib/evidence";
import {
  certificateCodeFrom,
  CERTIFICATE_CODE_LENGTH,
  checkEvidence,
  creditedHoursFor,
  isCertificateCode,
  ledgerErrorKey,
  maskName,
  publicSnapshot,
  quantityProblem,
  submitEntrySchema,
  type CertificateSnapshot,
} from "./officer";
import { DEFAULT_RULES } from "./rules";

describe("evidence files", () => {
  // The check itself is ~/lib/evidence (tested there); the ledger answers with its own keys.
  it("refuses with the ledger's dictionary keys", () => {
    expect(checkEvidence(Buffer.from("GIF89a  "))).toEqual({ ok: false, error: "ledger.errors.evidenceType" });
    expect(checkEvidence(Buffer.alloc(EVIDENCE_MAX_BYTES + 1))).toEqual({ ok: false, error: "ledger.errors.evidenceTooLarge" });
    expect(checkEvidence(Buffer.from("%PDF-1.4\n"))).toEqual({ ok: true, ext: "pdf", mime: "application/pdf" });
  });
});

describe("entered quantities", () => {
  const rules = { ...DEFAULT_RULES(2025), offPostHoursPerDay: 6, teachingMultiplier: 2 };

  it("teaching earns hours taught × multiplier, off-post days × hours per day, others as entered", () => {
    expect(creditedHoursFor("TEACHING", 3, rules)).toBe(6);
    expect(creditedHoursFor("OFF_POST_TRAINING", 2.5, rules)).toBe(15);
    expect(creditedHoursFor("MANUAL", 1.75, rules)).toBe(1.75);
    expect(creditedHoursFor("DRILL_COMPETITION", 4, rules)).toBe(4);
  });

  it("hours in quarters up to 100, days in halves up to 60", () => {
    expect(quantityProblem("MANUAL", 0.25)).toBeNull();
    expect(quantityProblem("MANUAL", 0.3)).toBe("ledger.errors.hours");
    expect(quantityProblem("MANUAL", 100.25)).toBe("ledger.errors.hours");
    expect(quantityProblem("MANUAL", 0)).toBe("ledger.errors.quantity");
    expect(quantityProblem("OFF_POST_TRAINING", 1.5)).toBeNull();
    expect(quantityProblem("OFF_POST_TRAINING", 1.25)).toBe("ledger.errors.days");
    expect(quantityProblem("OFF_POST_TRAINING", 61)).toBe("ledger.errors.days");
  });

  it("the form schema checks the date and puts the quantity error on the quantity", () => {
    const base = { title: "演练", activityDate: "2025-03-01", quantity: 2, category: "PROFESSIONAL_LEGAL", source: "DRILL_COMPETITION" };
    expect(submitEntrySchema.safeParse(base).success).toBe(true);
    const badDate = submitEntrySchema.safeParse({ ...base, activityDate: "2025-02-30" });
    expect(badDate.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["activityDate", "ledger.errors.date"]]);
    const badQuantity = submitEntrySchema.safeParse({ ...base, source: "OFF_POST_TRAINING", quantity: 0.75 });
    expect(badQuantity.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["quantity", "ledger.errors.days"]]);
    expect(submitEntrySchema.safeParse({ ...base, source: "ONLINE_LESSON" }).success).toBe(false);
  });
});

describe("certificates", () => {
  it("masks the holder's name", () => {
    expect(maskName("张晓明")).toBe("张*明");
    expect(maskName("张伟")).toBe("张*");
    expect(maskName("欧阳建国")).toBe("欧**国");
    expect(maskName("李")).toBe("李");
    expect(maskName("Zhang Xiaoming")).toBe("Z***g X******g");
  });

  it("codes are 20 characters of an unambiguous alphabet, drawn without bias", () => {
    const code = certificateCodeFrom(new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)));
    expect(code).toHaveLength(CERTIFICATE_CODE_LENGTH);
    expect(isCertificateCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
    // Bytes at or above the rejection limit are skipped.
    expect(() => certificateCodeFrom(new Uint8Array(64).fill(255))).toThrow();
    expect(isCertificateCode("short")).toBe(false);
    expect(isCertificateCode("0".repeat(20))).toBe(false);
  });

  it("the public snapshot masks the name and drops the staff number and breakdown", () => {
    const snapshot: CertificateSnapshot = {
      name: "张晓明",
      staffNo: "LE330101",
      unitName: "杭州市生态环境局",
      year: 2025,
      professional: { required: 60, credited: 61, carriedIn: 0, met: true },
      political: { required: 0, credited: 4, met: true },
      bySource: [{ source: "ONLINE_LESSON", category: "PROFESSIONAL_LEGAL", credited: 61 }],
      rules: { national: 1, provincial: null },
      issuedAt: "2025-06-30T02:00:00.000Z",
    };
    const shown = publicSnapshot(snapshot);
    expect(shown).toEqual({
      name: "张*明",
      unitName: "杭州市生态环境局",
      year: 2025,
      professional: snapshot.professional,
      political: snapshot.political,
      met: true,
      issuedAt: snapshot.issuedAt,
    });
    expect(JSON.stringify(shown)).not.toContain("LE330101");
  });
});

describe("core error keys", () => {
  it("maps the ledger core's keys to this section and leaves others", () => {
    expect(ledgerErrorKey("hours.errors.ownEntry")).toBe("ledger.coreErrors.ownEntry");
    expect(ledgerErrorKey("hours.errors.year")).toBe("hours.errors.year");
    expect(ledgerErrorKey("ledger.errors.reason")).toBe("ledger.errors.reason");
  });
});
