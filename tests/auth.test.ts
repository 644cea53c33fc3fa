import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "~/cli/actor";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from "~/cli/seed/seed.server";
import { readSession, requireActor, type Actor } from "~/lib/actor.server";
import { db, write } from "~/lib/db.server";
import { lucia } from "~/lib/session.server";
import { changePassword, issuePassword, login, logout, logoutEverywhere } from "~/modules/auth/auth.server";
import { expectNotFound } from "./support/helpers";

// Limits from tests/setup/setup-env.ts: 5 failures per account, 30 per IP, in 15 minutes.
const MAX_PER_ACCOUNT = 5;
const MAX_PER_IP = 30;

beforeAll(async () => {
  await seed({ officers: 40, questionBank: false });
});

/** "sid=…; Path=/; …" → the Cookie header a browser sends back. */
function cookieFrom(setCookie: string): string {
  return setCookie.split(";")[0];
}

function requestWith(cookie: string, path = "/") {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}

function sessionIdOf(setCookie: string): string {
  const id = lucia.readSessionCookie(cookieFrom(setCookie));
  expect(id).toBeTruthy();
  return id!;
}

async function signIn(identifier: string, password = DEMO_PASSWORD, ip = "10.0.0.1") {
  return login({ identifier, password, ip, userAgent: "vitest" });
}

async function signedIn(identifier: string, password = DEMO_PASSWORD): Promise<string> {
  const result = await signIn(identifier, password);
  if (!result.ok) throw new Error(`sign-in failed: ${result.error}`);
  return result.sessionCookie;
}

describe("login", () => {
  it("signs in by staff number and the cookie identifies the person", async () => {
    const result = await signIn("ADMIN001");
    expect(result).toMatchObject({ ok: true, mustChangePassword: false });
    const setCookie = (result as { sessionCookie: string }).sessionCookie;
    expect(setCookie).toMatch(/^sid=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);

    const session = await readSession(requestWith(cookieFrom(setCookie)));
    expect(session.actor?.staffNo).toBe("ADMIN001");
    expect(session.actor?.grants.map((g) => g.roleKey).sort()).toEqual(["learner", "sysadmin"]);
  });

  it("signs in by e-mail, whatever its case", async () => {
    const account = DEMO_ACCOUNTS.find((a) => a.staffNo === "PA100001")!;
    const result = await signIn(`  ${account.email.toUpperCase()} `);
    expect(result.ok).toBe(true);
    const session = await readSession(requestWith(cookieFrom((result as { sessionCookie: string }).sessionCookie)));
    expect(session.actor?.staffNo).toBe("PA100001");
  });

  it("gives a new session id at every sign-in", async () => {
    const first = sessionIdOf(await signedIn("HR320001"));
    const second = sessionIdOf(await signedIn("HR320001"));
    expect(first).not.toBe(second);
  });

  it("records attempts and audits successful sign-ins", async () => {
    const before = await db.auditEvent.count({ where: { action: "auth.login", actorLabel: "RV320001" } });
    await signIn("RV320001", "wrong-password-1", "10.9.9.9");
    await signIn("RV320001", DEMO_PASSWORD, "10.9.9.9");
    const attempts = await db.loginAttempt.findMany({ where: { identifier: "RV320001" }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.success, a.ip])).toEqual([
      [false, "10.9.9.9"],
      [true, "10.9.9.9"],
    ]);
    expect(await db.auditEvent.count({ where: { action: "auth.login", actorLabel: "RV320001" } })).toBe(before + 1);
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    expect(await signIn("ADMIN001", "not-the-password1")).toEqual({ ok: false, error: "invalid" });
    expect(await signIn("NOBODY01", DEMO_PASSWORD)).toEqual({ ok: false, error: "invalid" });
    expect(await signIn("nobody@demo.eco", DEMO_PASSWORD)).toEqual({ ok: false, error: "invalid" });
  });

  it("treats staff numbers as case-sensitive", async () => {
    expect(await signIn("admin001")).toEqual({ ok: false, error: "invalid" });
  });

  it("locks an account after too many failures, even for the right password", async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect(await signIn("TR330001", `wrong-${i}-password`, `10.1.0.${i}`)).toEqual({ ok: false, error: "invalid" });
    }
    expect(await signIn("TR330001", DEMO_PASSWORD, "10.1.0.99")).toEqual({ ok: false, error: "accountLocked", retryAfterMinutes: 15 });
    // The lock follows the account, whichever identifier is typed.
    const email = DEMO_ACCOUNTS.find((a) => a.staffNo === "TR330001")!.email;
    expect(await signIn(email, DEMO_PASSWORD, "10.1.0.98")).toMatchObject({ ok: false, error: "accountLocked" });
    // Other accounts are unaffected.
    expect((await signIn("LE330101", DEMO_PASSWORD, "10.1.0.99")).ok).toBe(true);
  });

  it("limits one IP that fails across many accounts", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < MAX_PER_IP; i++) {
      expect(await signIn(`GUESS${String(i).padStart(3, "0")}`, "guess-password-1", ip)).toEqual({ ok: false, error: "invalid" });
    }
    expect(await signIn("HR330001", DEMO_PASSWORD, ip)).toEqual({ ok: false, error: "ipLimited", retryAfterMinutes: 15 });
    // The same account from elsewhere is fine: the block is on the address.
    expect((await signIn("HR330001", DEMO_PASSWORD, "198.51.100.1")).ok).toBe(true);
  });

  it("refuses a disabled account with the right password", async () => {
    const person = await db.person.findUniqueOrThrow({ where: { staffNo: "HR320001" }, include: { user: true } });
    const setCookie = await signedIn("HR320001");
    await write((tx) => tx.user.update({ where: { id: person.user!.id }, data: { disabled: true } }));
    try {
      expect(await signIn("HR320001")).toEqual({ ok: false, error: "disabled" });
      // A session from before the account was disabled no longer signs anyone in.
      expect((await readSession(requestWith(cookieFrom(setCookie)))).actor).toBeNull();
    } finally {
      await write((tx) => tx.user.update({ where: { id: person.user!.id }, data: { disabled: false } }));
    }
  });
});

describe("sessions", () => {
  it("logout ends the session", async () => {
    const setCookie = await signedIn("ADMIN001");
    const blank = await logout(cookieFrom(setCookie));
    expect(blank).toMatch(/^sid=;/);
    const { session } = await lucia.validateSession(sessionIdOf(setCookie));
    expect(session).toBeNull();
    const result = await readSession(requestWith(cookieFrom(setCookie)));
    expect(result.actor).toBeNull();
    expect(result.setCookie).toMatch(/^sid=;/);
  });

  it("logoutEverywhere ends every other session and starts a fresh one", async () => {
    const phone = sessionIdOf(await signedIn("PA100001"));
    const laptop = sessionIdOf(await signedIn("PA100001"));
    const actor = await cliActor("PA100001");
    const fresh = await logoutEverywhere(actor, "vitest");

    expect((await lucia.validateSession(phone)).session).toBeNull();
    expect((await lucia.validateSession(laptop)).session).toBeNull();
    expect((await readSession(requestWith(cookieFrom(fresh)))).actor?.staffNo).toBe("PA100001");
    expect(await db.auditEvent.count({ where: { action: "auth.logoutEverywhere", actorLabel: "PA100001" } })).toBe(1);
  });

  it("rejects a session older than the absolute limit, however recently used", async () => {
    const user = await db.user.findFirstOrThrow({ where: { person: { staffNo: "ADMIN001" } } });
    const hour = 3_600_000;
    await write(async (tx) => {
      await tx.session.create({
        data: { id: "session-started-yesterday", userId: user.id, createdAt: new Date(Date.now() - 13 * hour), expiresAt: new Date(Date.now() + hour) },
      });
      await tx.session.create({
        data: { id: "session-started-this-morning", userId: user.id, createdAt: new Date(Date.now() - 11 * hour), expiresAt: new Date(Date.now() + hour) },
      });
    });

    const old = await readSession(requestWith("sid=session-started-yesterday"));
    expect(old.actor).toBeNull();
    expect(old.setCookie).toMatch(/^sid=;/);
    expect(await db.session.count({ where: { id: "session-started-yesterday" } })).toBe(0);

    const recent = await readSession(requestWith("sid=session-started-this-morning"));
    expect(recent.actor?.staffNo).toBe("ADMIN001");
  });

  it("ignores a made-up session id", async () => {
    const result = await readSession(requestWith("sid=not-a-session"));
    expect(result.actor).toBeNull();
  });

  it("sends a signed-out visitor to sign in, remembering where they were going", async () => {
    const thrown = await requireActor(new Request("http://localhost/people?q=%E5%BC%A0")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/people?q=%E5%BC%A0")}`);
  });
});

describe("issued passwords and password changes", () => {
  let hr: Actor;
  let personId: string;
  let staffNo: string;
  let issued: string;

  beforeAll(async () => {
    hr = await cliActor("HR330001");
    const zhejiang = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });
    const person = await db.person.findFirstOrThrow({ where: { user: null, unit: { path: { startsWith: zhejiang.path } } } });
    personId = person.id;
    staffNo = person.staffNo;
  });

  it("issuePassword creates an account that must change its password, with a learner grant and an audit event", async () => {
    const result = await issuePassword(hr, personId, "  New.Person@Demo.ECO ");
    if (!result.ok) throw new Error(result.error);
    expect(result.created).toBe(true);
    expect(result.password).toMatch(/^[A-Za-z2-9]{12}$/);
    issued = result.password;

    const user = await db.user.findUniqueOrThrow({ where: { personId }, include: { grants: true, person: true } });
    expect(user.mustChangePassword).toBe(true);
    expect(user.email).toBe("new.person@demo.eco");
    expect(user.passwordHash).not.toContain(issued);
    expect(user.grants.map((g) => [g.roleKey, g.unitId, g.grantedById])).toEqual([["learner", user.person.unitId, hr.userId]]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "account.create", objectId: user.id } });
    expect(event.actorLabel).toBe("HR330001");
    expect(event.after).not.toContain(issued);
  });

  it("the issued password signs in, and the person is sent to change it first", async () => {
    const result = await signIn(staffNo, issued);
    expect(result).toMatchObject({ ok: true, mustChangePassword: true });
    const cookie = cookieFrom((result as { sessionCookie: string }).sessionCookie);
    const thrown = await requireActor(requestWith(cookie, "/people")).catch((e: unknown) => e);
    expect((thrown as Response).headers.get("Location")).toBe("/account/password");
    expect((await requireActor(requestWith(cookie, "/account/password"))).staffNo).toBe(staffNo);
  });

  it("issuePassword cannot reach people outside the actor's scope", async () => {
    const jiangsu = await db.person.findFirstOrThrow({ where: { user: null, unit: { code: { startsWith: "32" } } } });
    await expectNotFound(issuePassword(hr, jiangsu.id));
    await expectNotFound(issuePassword(await cliActor("TR330001"), personId));
    expect(await db.user.count({ where: { personId: jiangsu.id } })).toBe(0);
  });

  it("changePassword refuses a wrong current password and a password equal to the staff number", async () => {
    const actor = await cliActor(staffNo);
    expect(await changePassword(actor, "not-my-password-1", "Brand-new-2025", null)).toEqual({
      ok: false,
      errors: { currentPassword: "auth.errors.currentWrong" },
    });
    expect(await changePassword(actor, issued, staffNo, null)).toEqual({
      ok: false,
      errors: { newPassword: "auth.errors.passwordIsStaffNo" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { personId } })).mustChangePassword).toBe(true);
  });

  it("changePassword sets the new password, ends other sessions and clears the must-change flag", async () => {
    const otherDevice = sessionIdOf(await signedIn(staffNo, issued));
    const actor = await cliActor(staffNo);
    const result = await changePassword(actor, issued, "Brand-new-2025", "vitest");
    expect(result.ok).toBe(true);

    expect((await lucia.validateSession(otherDevice)).session).toBeNull();
    const here = await readSession(requestWith(cookieFrom((result as { sessionCookie: string }).sessionCookie)));
    expect(here.actor?.staffNo).toBe(staffNo);
    expect(here.mustChangePassword).toBe(false);

    expect(await signIn(staffNo, issued, "10.2.0.1")).toEqual({ ok: false, error: "invalid" });
    expect((await signIn(staffNo, "Brand-new-2025", "10.2.0.1")).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "auth.changePassword", actorLabel: staffNo } })).toBe(1);
  });

  it("issuing again resets the password and signs the person out everywhere", async () => {
    const session = sessionIdOf(await signedIn(staffNo, "Brand-new-2025"));
    const result = await issuePassword(hr, personId);
    if (!result.ok) throw new Error(result.error);
    expect(result.created).toBe(false);
    expect(result.password).not.toBe(issued);
    expect((await lucia.validateSession(session)).session).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { personId } })).mustChangePassword).toBe(true);
    expect(await db.roleGrant.count({ where: { user: { personId } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "account.resetPassword" } })).toBe(1);
    expect((await signIn(staffNo, result.password, "10.2.0.2")).ok).toBe(true);
  });

  it("refuses an e-mail address another account already uses, and creates nothing", async () => {
    const other = await db.person.findFirstOrThrow({ where: { user: null, unit: { code: { startsWith: "33" } } } });
    const result = await issuePassword(hr, other.id, "HR.ZJ@demo.eco");
    expect(result).toEqual({ ok: false, error: "people.errors.emailTaken" });
    expect(await db.user.count({ where: { personId: other.id } })).toBe(0);
  });
});
