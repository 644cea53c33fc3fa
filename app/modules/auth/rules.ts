import { z } from "zod";

/** OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1. */
export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordSchema = z
  .string({ message: "errors.required" })
  .min(10, { message: "auth.errors.passwordTooShort" })
  .max(128, { message: "auth.errors.passwordTooLong" })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { message: "auth.errors.passwordWeak" });

export const loginSchema = z.object({
  identifier: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(120),
  password: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }).max(128),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }),
    newPassword: passwordSchema,
    confirmPassword: z.string({ message: "errors.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "auth.errors.passwordMismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "auth.errors.passwordUnchanged" });

/** Staff numbers are case-sensitive codes; e-mail addresses are not. */
export function normalizeIdentifier(value: string): string {
  const v = value.trim();
  return v.includes("@") ? v.toLowerCase() : v;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: "account" | "ip"; retryAfterMinutes: number };

/**
 * Sign-in throttling from recent failures (oldest first). Blocks when either the
 * account or the IP has reached its limit inside the window, until the oldest counted
 * failure leaves the window.
 */
export function throttle(input: {
  accountFailures: Date[];
  ipFailures: Date[];
  maxPerAccount: number;
  maxPerIp: number;
  windowMinutes: number;
  now: Date;
}): ThrottleDecision {
  const windowMs = input.windowMinutes * 60_000;
  const check = (failures: Date[], max: number) => {
    const recent = failures.filter((f) => input.now.getTime() - f.getTime() < windowMs).sort((a, b) => a.getTime() - b.getTime());
    if (recent.length < max) return null;
    const releaseAt = recent[recent.length - max].getTime() + windowMs;
    return Math.max(1, Math.ceil((releaseAt - input.now.getTime()) / 60_000));
  };
  const account = check(input.accountFailures, input.maxPerAccount);
  if (account) return { allowed: false, reason: "account", retryAfterMinutes: account };
  const ip = check(input.ipFailures, input.maxPerIp);
  if (ip) return { allowed: false, reason: "ip", retryAfterMinutes: ip };
  return { allowed: true };
}

/** Only same-site paths: never send someone to another origin after sign-in. */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines from a URL, so "/\t/evil.com" would become "//evil.com".
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  return to;
}

const ISSUED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** An issued one-time password: 12 characters without look-alikes (0/O, 1/l/I). */
export function issuedPassword(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(24);
  let out = "";
  for (const b of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (b >= 256 - (256 % ISSUED_ALPHABET.length)) continue;
    out += ISSUED_ALPHABET[b % ISSUED_ALPHABET.length];
    if (out.length === 12) break;
  }
  // Guarantee the password policy (letters and digits) even for unlucky draws.
  return /\d/.test(out) && /[A-Za-z]/.test(out) && out.length === 12 ? out : issuedPassword(randomBytes);
}
