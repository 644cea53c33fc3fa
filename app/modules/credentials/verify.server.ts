import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { maskName } from "~/modules/hours/officer";
import { isVerifyCode } from "./evidence";
import { createRateLimiter, type RateLimitDecision } from "./rate-limit";
import { displayStatus, type DisplayStatus } from "./rules";

/*
 * Public verification of a credential by its code (/verify/credential/<code>, no sign-in)
 * and the loading of one credential for its documents (certificate PDF, signed JSON).
 *
 * The public answer is the type, the holder's name partly masked, the holder's unit, the
 * status (valid / expiring / expired / suspended since / revoked) and the validity dates —
 * nothing more: no staff number, no ID number, no credential number.
 */

/** What the public page calls a status. GRACE reads as expired: renewable, but not valid. */
export const PUBLIC_STATUSES = ["VALID", "EXPIRING", "EXPIRED", "SUSPENDED", "REVOKED"] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export function publicStatusOf(status: DisplayStatus): PublicStatus | null {
  switch (status) {
    case "ACTIVE":
      return "VALID";
    case "EXPIRING":
      return "EXPIRING";
    case "GRACE":
    case "EXPIRED":
      return "EXPIRED";
    case "SUSPENDED":
      return "SUSPENDED";
    case "REVOKED":
      return "REVOKED";
    default:
      return null; // applications, rejections, withdrawals are never shown publicly
  }
}

export type PublicCredentialView = {
  type: { code: string; name: string; nameEn: string };
  holder: string;
  unitName: string;
  status: PublicStatus;
  /** Since when it is suspended or revoked (the change's effective date). */
  statusSince: string | null;
  validFrom: string | null;
  /** The last day of validity (a calendar date), or null when it does not expire. */
  validUntil: string | null;
};

/** The normal form of a code as typed or scanned, or null when it cannot be one. */
export function normalVerifyCode(code: string): string | null {
  const normal = code.trim().toUpperCase();
  return isVerifyCode(normal) ? normal : null;
}

/** The latest suspension or revocation in force: its effective date (or when it was recorded). */
async function statusSince(credentialId: string, status: string): Promise<Date | null> {
  if (status !== "SUSPENDED" && status !== "REVOKED") return null;
  const event = await db.credentialEvent.findFirst({
    where: { credentialId, action: status },
    orderBy: { at: "desc" },
    select: { at: true, effectiveDate: true },
  });
  return event ? (event.effectiveDate ?? event.at) : null;
}

/** The public view of the credential with this code, or null (unknown code, or nothing to show). */
export async function credentialVerification(code: string, asOf = new Date()): Promise<PublicCredentialView | null> {
  const normal = normalVerifyCode(code);
  if (!normal) return null;
  const row = await db.credential.findUnique({
    where: { verifyCode: normal },
    select: {
      id: true,
      personId: true,
      status: true,
      validFrom: true,
      validUntil: true,
      type: { select: { code: true, name: true, nameEn: true, graceDays: true, renewal: true } },
    },
  });
  if (!row) return null;
  const status = publicStatusOf(displayStatus(row, row.type, asOf));
  if (!status) return null;
  const [person, since] = await Promise.all([
    db.person.findUnique({ where: { id: row.personId }, select: { name: true, unit: { select: { name: true } } } }),
    statusSince(row.id, row.status),
  ]);
  if (!person) return null;
  return {
    type: { code: row.type.code, name: row.type.name, nameEn: row.type.nameEn },
    holder: maskName(person.name),
    unitName: person.unit.name,
    status,
    statusSince: since?.toISOString() ?? null,
    validFrom: row.validFrom?.toISOString() ?? null,
    validUntil: row.validUntil?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------
// Rate limit
// ---------------------------------------------------------------------------

/** Verification requests per client IP: 30 a minute, refilled continuously. Per server process (see rate-limit.ts). */
export const VERIFY_RATE_LIMIT = { capacity: 30, windowMs: 60_000 } as const;
const limiter = createRateLimiter(VERIFY_RATE_LIMIT);

export function takeVerifyToken(ip: string): RateLimitDecision {
  return limiter.take(ip);
}

export type VerifyAnswer =
  | { kind: "limited"; retryAfterSeconds: number }
  | { kind: "notFound" }
  | { kind: "found"; credential: PublicCredentialView };

/** One verification request from `ip`: rate-limited first, then looked up. */
export async function verifyRequest(code: string, ip: string, asOf = new Date()): Promise<VerifyAnswer> {
  const decision = takeVerifyToken(ip);
  if (!decision.ok) return { kind: "limited", retryAfterSeconds: decision.retryAfterSeconds };
  const credential = await credentialVerification(code, asOf);
  return credential ? { kind: "found", credential } : { kind: "notFound" };
}

// ---------------------------------------------------------------------------
// One credential for its documents
// ---------------------------------------------------------------------------

export type DocumentCredential = {
  id: string;
  personId: string;
  holder: { name: string; staffNo: string; unitName: string };
  type: { code: string; name: string; nameEn: string; kind: string };
  number: string | null;
  issuingUnit: { code: string; name: string } | null;
  issuedAt: Date | null;
  validFrom: Date | null;
  validUntil: Date | null;
  status: string;
  displayStatus: DisplayStatus;
  publicStatus: PublicStatus;
  statusSince: Date | null;
  verifyCode: string;
  statusIndex: number;
};

/**
 * A credential issued on this platform, for its certificate and signed JSON: the holder's
 * own, or one in the actor's credential.view scope. Anything else — another person's,
 * out of scope, not (yet) issued, recorded from outside — answers 404.
 */
export async function credentialForDocuments(actor: Actor, id: string, asOf = new Date()): Promise<DocumentCredential> {
  if (!/^[a-z0-9]{1,40}$/i.test(id)) notFound();
  const row = await db.credential.findUnique({
    where: { id },
    select: {
      id: true,
      personId: true,
      status: true,
      number: true,
      verifyCode: true,
      statusIndex: true,
      issuingUnitId: true,
      issuedAt: true,
      validFrom: true,
      validUntil: true,
      type: { select: { code: true, name: true, nameEn: true, kind: true, graceDays: true, renewal: true } },
    },
  });
  if (!row) notFound();
  const person = await db.person.findUnique({
    where: { id: row.personId },
    select: { name: true, staffNo: true, unit: { select: { name: true, path: true } } },
  });
  if (!person) notFound();
  if (row.personId !== actor.personId && !can(actor, "credential.view", person.unit.path)) notFound();
  const shown = displayStatus(row, row.type, asOf);
  const publicStatus = publicStatusOf(shown);
  // External qualifications are not the platform's to certify; pending ones have no code yet.
  if (row.type.kind !== "ISSUED" || !row.verifyCode || row.statusIndex === null || !publicStatus) notFound();
  const [issuingUnit, since] = await Promise.all([
    row.issuingUnitId ? db.orgUnit.findUnique({ where: { id: row.issuingUnitId }, select: { code: true, name: true } }) : null,
    statusSince(row.id, row.status),
  ]);
  return {
    id: row.id,
    personId: row.personId,
    holder: { name: person.name, staffNo: person.staffNo, unitName: person.unit.name },
    type: { code: row.type.code, name: row.type.name, nameEn: row.type.nameEn, kind: row.type.kind },
    number: row.number,
    issuingUnit,
    issuedAt: row.issuedAt,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: row.status,
    displayStatus: shown,
    publicStatus,
    statusSince: since,
    verifyCode: row.verifyCode,
    statusIndex: row.statusIndex,
  };
}

export function verifyUrl(origin: string, verifyCode: string): string {
  return `${origin.replace(/\/$/, "")}/verify/credential/${verifyCode}`;
}
