import type zh from "./verify.zh-CN";
import type { Shape } from "../shape";

/** Section "verify" of the English dictionary; typed against the Chinese one. */
const verify: Shape<typeof zh> = {
  title: "Credential check",
  intro: "Checks whether a credential issued by the enforcement training platform is genuine and valid.",
  found: "This credential was issued by this platform.",
  notFoundTitle: "Credential not found",
  notFound: "No credential matches this verification code. Check that the QR code or link is complete.",
  rateLimitedTitle: "Too many requests",
  rateLimited: "Too many checks from your address. Try again in {{seconds}} seconds.",
  note: "This page shows only the credential type, the holder's name (partly hidden), the unit, the status and the validity, as they are now.",
  noExpiry: "Does not expire",
  suspendedSince: "{{status}} (since {{date}})",
  revokedOn: "{{status}} (on {{date}})",
  status: {
    VALID: "Valid",
    EXPIRING: "Valid (expiring soon)",
    EXPIRED: "Expired",
    SUSPENDED: "Suspended",
    REVOKED: "Revoked",
  },
  statusHint: {
    VALID: "The credential is within its validity.",
    EXPIRING: "The credential is valid and due for renewal soon.",
    EXPIRED: "The credential is past its validity and is not valid.",
    SUSPENDED: "The credential is suspended and not valid while suspended.",
    REVOKED: "The credential has been revoked and is not valid.",
  },
  fields: {
    type: "Credential",
    holder: "Holder",
    staffNo: "Staff number",
    unit: "Unit",
    number: "Number",
    issuingUnit: "Issued by",
    status: "Status",
    validity: "Validity",
    validFrom: "Valid from",
    validUntil: "Valid until",
  },
  validityRange: "{{from}} to {{until}}",
  certificate: {
    title: "{{type}} — certificate",
    fileName: "certificate",
    statusAtPrinting: "Status when printed",
    notValid: "Current status: {{status}}. Not valid as a credential.",
    verifyHint: "Scan the QR code or open the address below to check this credential's current status at any time.",
    code: "Verification code: {{code}}",
    printedAt: "Printed: {{time}}",
    statusNote: "The status shown on the verification page is authoritative.",
  },
  vc: {
    description: "{{type}}: an electronic credential issued by the Eco-Environment Enforcement Training Platform.",
    narrative: "The holder met the requirements for the {{type}} (qualifying exam passed, post training and study hours completed) and was approved by the HR department in charge.",
  },
  download: {
    pdf: "Download certificate (PDF)",
    json: "Download signed credential (JSON)",
    page: "Open the verification page",
  },
};

export default verify;
