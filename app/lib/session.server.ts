import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { db, rawQuery, write } from "./db.server";
import { env } from "./env.server";

/*
 * lucia stores sessions in the Session table; the cookie carries only the session id.
 * Our own adapter (instead of @lucia-auth/adapter-prisma) routes lucia's writes through
 * `write()`, the single queued writer (docs/decisions/0002-sqlite-connections.md).
 */
type SessionAttributes = { createdAt: Date; ip: string | null; userAgent: string | null };

function toDatabaseSession(row: {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
}): DatabaseSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { createdAt: row.createdAt, ip: row.ip, userAgent: row.userAgent },
  };
}

const adapter: Adapter = {
  // Runs on every request: a prepared statement on the raw read connection.
  async getSessionAndUser(sessionId) {
    const row = rawQuery(
        `SELECT s."id", s."userId", s."expiresAt", s."createdAt", s."ip", s."userAgent" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`,
      )
      .get(sessionId) as { id: string; userId: string; expiresAt: string; createdAt: string; ip: string | null; userAgent: string | null } | undefined;
    if (!row) return [null, null];
    const user: DatabaseUser = { id: row.userId, attributes: {} };
    return [toDatabaseSession({ ...row, expiresAt: new Date(row.expiresAt), createdAt: new Date(row.createdAt) }), user];
  },
  async getUserSessions(userId) {
    const rows = await db.session.findMany({ where: { userId } });
    return rows.map(toDatabaseSession);
  },
  async setSession(session) {
    const attrs = session.attributes as Partial<SessionAttributes>;
    await write((tx) =>
      tx.session.create({
        data: {
          id: session.id,
          userId: session.userId,
          expiresAt: session.expiresAt,
          createdAt: attrs.createdAt ?? new Date(),
          ip: attrs.ip ?? null,
          userAgent: attrs.userAgent?.slice(0, 300) ?? null,
        },
      }),
    );
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await write((tx) => tx.session.updateMany({ where: { id: sessionId }, data: { expiresAt } }));
  },
  async deleteSession(sessionId) {
    await write((tx) => tx.session.deleteMany({ where: { id: sessionId } }));
  },
  async deleteUserSessions(userId) {
    await write((tx) => tx.session.deleteMany({ where: { userId } }));
  },
  async deleteExpiredSessions() {
    await write((tx) => tx.session.deleteMany({ where: { expiresAt: { lte: new Date() } } }));
  },
};

function cookieSecure(): boolean {
  const setting = process.env.COOKIE_SECURE;
  if (setting === "true") return true;
  if (setting === "false") return false;
  return env().NODE_ENV === "production";
}

export const lucia = new Lucia(adapter, {
  // lucia extends a session once half of this has passed, so an idle session ends
  // between half and all of SESSION_IDLE_MINUTES after the last request.
  sessionExpiresIn: new TimeSpan(env().SESSION_IDLE_MINUTES, "m"),
  sessionCookie: {
    name: "sid",
    expires: false,
    attributes: { secure: cookieSecure(), sameSite: "lax", path: "/" },
  },
  getSessionAttributes: (attributes) => attributes as SessionAttributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: SessionAttributes;
  }
}

/** True when the session has outlived the absolute limit, however active it was. */
export function pastAbsoluteLimit(createdAt: Date, now = new Date()): boolean {
  return now.getTime() - createdAt.getTime() > env().SESSION_ABSOLUTE_HOURS * 3_600_000;
}
