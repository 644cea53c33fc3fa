import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import type { Actor } from "~/lib/actor.server";
import { requireScope } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { isLocale, type Locale } from "~/lib/i18n";
import { notFound } from "~/lib/request.server";
import { lucia } from "~/lib/session.server";
import { actorAudit } from "~/modules/org/org.server";
import { ARGON2_OPTIONS, issuedPassword, normalizeIdentifier, throttle } from "./rules";

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against a real hash when the account does not exist keeps the response
// time the same, so timing does not reveal which staff numbers have accounts.
let dummyHash: Promise<string> | undefined;
function dummy() {
  dummyHash ??= hashPassword("not-a-real-password-0");
  return dummyHash;
}

export type LoginResult =
  | { ok: true; sessionCookie: string; mustChangePassword: boolean; locale: Locale | null }
  | { ok: false; error: "invalid" | "accountLocked" | "ipLimited" | "disabled"; retryAfterMinutes?: number };

async function findAccount(identifier: string) {
  const include = { person: { select: { staffNo: true, unitId: true } } } as const;
  if (identifier.includes("@")) return db.user.findUnique({ where: { email: identifier }, include });
  return db.user.findFirst({ where: { person: { staffNo: identifier } }, include });
}

export async function login(input: { identifier: string; password: string; ip: string; userAgent: string | null }): Promise<LoginResult> {
  const identifier = normalizeIdentifier(input.identifier);
  const user = await findAccount(identifier);
  const settings = env();
  const since = new Date(Date.now() - settings.LOGIN_WINDOW_MINUTES * 60_000);
  const [accountFailures, ipFailures] = await Promise.all([
    db.loginAttempt.findMany({
      where: { success: false, at: { gte: since }, ...(user ? { userId: user.id } : { identifier }) },
      select: { at: true },
    }),
    db.loginAttempt.findMany({ where: { success: false, at: { gte: since }, ip: input.ip }, select: { at: true } }),
  ]);
  const decision = throttle({
    accountFailures: accountFailures.map((f) => f.at),
    ipFailures: ipFailures.map((f) => f.at),
    maxPerAccount: settings.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerIp: settings.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: settings.LOGIN_WINDOW_MINUTES,
    now: new Date(),
  });
  if (!decision.allowed) {
    return { ok: false, error: decision.reason === "account" ? "accountLocked" : "ipLimited", retryAfterMinutes: decision.retryAfterMinutes };
  }

  const valid = user ? await verify(user.passwordHash, input.password) : (await verify(await dummy(), input.password), false);
  const success = valid && !!user && !user.disabled;
  await write(async (tx) => {
    await tx.loginAttempt.create({ data: { identifier: identifier.slice(0, 120), userId: user?.id ?? null, ip: input.ip, success } });
    if (success && user) {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      await audit(tx, { userId: user.id, label: user.person.staffNo, ip: input.ip }, {
        action: "auth.login",
        objectType: "User",
        objectId: user.id,
        unitId: user.person.unitId,
      });
    }
  });
  if (!user || !valid) return { ok: false, error: "invalid" };
  if (user.disabled) return { ok: false, error: "disabled" };

  // A fresh session id at every sign-in (no session fixation).
  const session = await lucia.createSession(user.id, { createdAt: new Date(), ip: input.ip, userAgent: input.userAgent });
  return {
    ok: true,
    sessionCookie: lucia.createSessionCookie(session.id).serialize(),
    mustChangePassword: user.mustChangePassword,
    locale: isLocale(user.locale) ? user.locale : null,
  };
}

/** Ends this session; returns the cookie that clears it in the browser. */
export async function logout(sessionCookieHeader: string | null): Promise<string> {
  const sessionId = lucia.readSessionCookie(sessionCookieHeader ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of the actor (all devices) and starts a new one here. */
export async function logoutEverywhere(actor: Actor, userAgent: string | null): Promise<string> {
  await lucia.invalidateUserSessions(actor.userId);
  await write((tx) => audit(tx, actorAudit(actor), { action: "auth.logoutEverywhere", objectType: "User", objectId: actor.userId, unitId: actor.unitId }));
  const session = await lucia.createSession(actor.userId, { createdAt: new Date(), ip: actor.ip ?? null, userAgent });
  return lucia.createSessionCookie(session.id).serialize();
}

export async function listSessions(actor: Actor) {
  return db.session.findMany({
    where: { userId: actor.userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, ip: true, userAgent: true },
  });
}

export type ChangePasswordResult = { ok: true; sessionCookie: string } | { ok: false; errors: Record<string, string> };

/** Changes the actor's password; every other session ends, this device gets a new one. */
export async function changePassword(actor: Actor, current: string, next: string, userAgent: string | null): Promise<ChangePasswordResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!(await verify(user.passwordHash, current))) return { ok: false, errors: { currentPassword: "auth.errors.currentWrong" } };
  if (next === actor.staffNo) return { ok: false, errors: { newPassword: "auth.errors.passwordIsStaffNo" } };
  const passwordHash = await hashPassword(next);
  await write(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } });
    await audit(tx, actorAudit(actor), { action: "auth.changePassword", objectType: "User", objectId: user.id, unitId: actor.unitId });
  });
  await lucia.invalidateUserSessions(user.id);
  const session = await lucia.createSession(user.id, { createdAt: new Date(), ip: actor.ip ?? null, userAgent });
  return { ok: true, sessionCookie: lucia.createSessionCookie(session.id).serialize() };
}

/**
 * Creates an account for a person (or resets the password of the existing one) with a
 * one-time password the person must change at first sign-in. Returns that password
 * once; it is stored only as a hash. A new account gets the learner role at its unit.
 */
export type IssueResult = { ok: true; password: string; created: boolean } | { ok: false; error: string };

export async function issuePassword(actor: Actor, personId: string, email?: string): Promise<IssueResult> {
  const person = await db.person.findUnique({ where: { id: personId }, include: { unit: true, user: true } });
  if (!person) notFound();
  requireScope(actor, "account.manage", person.unit.path);
  const password = issuedPassword((n) => randomBytes(n));
  const passwordHash = await hashPassword(password);
  const existing = person.user;
  const normalizedEmail = email?.trim().toLowerCase() || null;
  if (!existing && normalizedEmail && (await db.user.findUnique({ where: { email: normalizedEmail } }))) {
    return { ok: false, error: "people.errors.emailTaken" };
  }
  await write(async (tx) => {
    if (existing) {
      await tx.user.update({ where: { id: existing.id }, data: { passwordHash, mustChangePassword: true } });
      await tx.session.deleteMany({ where: { userId: existing.id } });
      await audit(tx, actorAudit(actor), { action: "account.resetPassword", objectType: "User", objectId: existing.id, unitId: person.unitId });
    } else {
      const user = await tx.user.create({
        data: { personId: person.id, passwordHash, mustChangePassword: true, email: normalizedEmail },
      });
      await tx.roleGrant.create({ data: { userId: user.id, roleKey: "learner", unitId: person.unitId, grantedById: actor.userId } });
      await audit(tx, actorAudit(actor), {
        action: "account.create",
        objectType: "User",
        objectId: user.id,
        unitId: person.unitId,
        after: { personId: person.id, staffNo: person.staffNo, email: user.email },
      });
    }
  });
  return { ok: true, password, created: !existing };
}

export async function setLocale(actor: Actor, locale: string) {
  if (!isLocale(locale)) return;
  await write((tx) => tx.user.update({ where: { id: actor.userId }, data: { locale } }));
}
