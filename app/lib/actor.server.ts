import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client";
import type { Permission, RoleKey } from "~/modules/access/permissions";
import { can, scopePaths, type Actor } from "~/modules/access/rules";
import { rawQuery } from "./db.server";
import { clientIp, notFound } from "./request.server";
import { lucia, pastAbsoluteLimit } from "./session.server";

export type { Actor };

export type SessionResult = {
  actor: Actor | null;
  mustChangePassword: boolean;
  locale: string | null;
  /** Set-Cookie to send when lucia refreshed or cleared the session cookie. */
  setCookie: string | null;
};

type ActorRow = {
  userId: string;
  personId: string;
  staffNo: string;
  name: string;
  unitId: string;
  unitPath: string;
  mustChangePassword: number;
  locale: string | null;
  disabled: number;
};

/** The account, its person and its active grants: two prepared statements (every request needs them). */
async function loadActor(userId: string): Promise<{ actor: Actor; mustChangePassword: boolean; locale: string | null } | null> {
    const user = rawQuery(
      `SELECT u."id" AS userId, p."id" AS personId, p."staffNo", p."name", p."unitId", o."path" AS unitPath, u."mustChangePassword", u."locale", u."disabled"
       FROM "User" u JOIN "Person" p ON p."id" = u."personId" JOIN "OrgUnit" o ON o."id" = p."unitId" WHERE u."id" = ?`,
    )
    .get(userId) as ActorRow | undefined;
  if (!user || user.disabled) return null;
  const grants = rawQuery(`SELECT g."id", g."roleKey", g."unitId", o."path" AS unitPath FROM "RoleGrant" g JOIN "OrgUnit" o ON o."id" = g."unitId" WHERE g."userId" = ? AND g."revokedAt" IS NULL`)
    .all(userId) as { id: string; roleKey: string; unitId: string; unitPath: string }[];
  return {
    mustChangePassword: !!user.mustChangePassword,
    locale: user.locale,
    actor: {
      userId: user.userId,
      personId: user.personId,
      staffNo: user.staffNo,
      name: user.name,
      unitId: user.unitId,
      unitPath: user.unitPath,
      grants: grants.map((g) => ({ id: g.id, roleKey: g.roleKey as RoleKey, unitId: g.unitId, unitPath: g.unitPath })),
    },
  };
}

// The root loader and the route's loader both need the session: resolve it once per request.
const perRequest = new WeakMap<Request, Promise<SessionResult>>();

/** Resolves the session cookie to an actor (or null), refreshing the cookie as lucia asks. */
export function readSession(request: Request, context?: AppLoadContext): Promise<SessionResult> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = sessionFromCookie(request.headers.get("Cookie") ?? "", clientIp(context));
    perRequest.set(request, pending);
  }
  return pending;
}

/** The session behind a Cookie header; also used by the JSON endpoints served outside Remix. */
export async function sessionFromCookie(cookieHeader: string, ip: string): Promise<SessionResult> {
  const sessionId = lucia.readSessionCookie(cookieHeader);
  const empty: SessionResult = { actor: null, mustChangePassword: false, locale: null, setCookie: null };
  if (!sessionId) return empty;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return { ...empty, setCookie: lucia.createBlankSessionCookie().serialize() };
  if (pastAbsoluteLimit(session.createdAt)) {
    await lucia.invalidateSession(session.id);
    return { ...empty, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  const loaded = await loadActor(user.id);
  if (!loaded) {
    await lucia.invalidateSession(session.id);
    return { ...empty, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  return {
    ...loaded,
    actor: { ...loaded.actor, ip },
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login${back === "/" ? "" : `?redirectTo=${encodeURIComponent(back)}`}`);
}

/**
 * The signed-in actor, or a redirect to sign in. A person who must change an issued
 * password is sent to do that before anything else.
 */
export async function requireActor(request: Request, context?: AppLoadContext): Promise<Actor> {
  const result = await readSession(request, context);
  if (!result.actor) signInRedirect(request);
  if (result.mustChangePassword && new URL(request.url).pathname !== "/account/password") {
    throw redirect("/account/password");
  }
  return result.actor;
}

/** 404 unless the actor holds `permission` over the unit at `unitPath`. */
export function requireScope(actor: Actor, permission: Permission, unitPath: string): void {
  if (!can(actor, permission, unitPath)) notFound();
}

/** 404 unless the actor holds `permission` somewhere (pages that list within scope). */
export function requireAnyScope(actor: Actor, permission: Permission): string[] {
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) notFound();
  return paths;
}

/** A Prisma filter on OrgUnit matching exactly the units in the actor's scope. */
export function unitScope(actor: Actor, permission: Permission): Prisma.OrgUnitWhereInput {
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) return { id: { in: [] } };
  return { OR: paths.map((path) => ({ path: { startsWith: path } })) };
}
