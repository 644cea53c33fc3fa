import type { Tx } from "./db.server";

/** Who is acting, as the audit trail records it. */
export type AuditActor = {
  /** User.id; null for the command line or the system itself. */
  userId: string | null;
  /** Staff number at the time, "cli" or "system". */
  label: string;
  ip?: string | null;
};

export const CLI_ACTOR: AuditActor = { userId: null, label: "cli" };
export const SYSTEM_ACTOR: AuditActor = { userId: null, label: "system" };

export type AuditInput = {
  action: string;
  objectType: string;
  objectId: string;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
};

const MAX_SNAPSHOT_CHARS = 2_000;

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(value);
  // "Short before/after": a mass import must not write megabytes per event.
  return json.length > MAX_SNAPSHOT_CHARS ? `${json.slice(0, MAX_SNAPSHOT_CHARS)}…` : json;
}

/**
 * Appends an audit event inside the caller's transaction, so the change and its
 * record commit or fail together. Audit rows are never updated or deleted
 * (database triggers refuse both).
 */
export async function audit(tx: Tx, actor: AuditActor, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip ?? null,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      unitId: input.unitId ?? null,
      before: snapshot(input.before),
      after: snapshot(input.after),
    },
  });
}

/** Many events at once (bulk imports). */
export async function auditMany(tx: Tx, actor: AuditActor, inputs: AuditInput[]) {
  if (inputs.length === 0) return;
  await tx.auditEvent.createMany({
    data: inputs.map((input) => ({
      actorId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip ?? null,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      unitId: input.unitId ?? null,
      before: snapshot(input.before),
      after: snapshot(input.after),
    })),
  });
}
