import { createId } from "@paralleldrive/cuid2";
import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { write } from "~/lib/db.server";
import { isoDateInShanghai } from "~/lib/i18n";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { DAY_MS, displayStatus, parseType } from "./rules";
import { REMINDER_INTERVAL_DAYS } from "./report-rules";

/*
 * Bulk renewal reminders (HR selects expiring credentials on the to-do page). Each selected
 * credential gets an in-app Notice to its holder (kind "credentialViews.renewalDue" — shown from credentialViews.notices.renewalDue —, params
 * { type, typeCode, number, validUntil }, link "/credentials") and a REMINDED event on its
 * history — at most once per credential in REMINDER_INTERVAL_DAYS days, checked inside the
 * same write transaction (two HR people clicking at once send one reminder).
 *
 * Needs credential.issue over the holder's unit (HR acts on credentials; programme admins
 * only look). Credentials not found, out of scope, not ACTIVE, without an expiry date or
 * already past their grace period are refused (counted as `refused`, not reminded).
 */

export const RENEWAL_DUE_KIND = "credentialViews.renewalDue";
const MAX_PER_CALL = 2_000;

export type ReminderResult = { sent: number; skipped: number; refused: number };

export async function sendRenewalReminders(actor: Actor, credentialIds: string[], now = new Date()): Promise<ReminderResult> {
  const ids = [...new Set(credentialIds.filter((id) => typeof id === "string" && id.length > 0 && id.length <= 40))].slice(0, MAX_PER_CALL);
  if (ids.length === 0) return { sent: 0, skipped: 0, refused: 0 };
  return write(
    async (tx) => {
      const credentials = await tx.credential.findMany({ where: { id: { in: ids } }, include: { type: true } });
      const people = await tx.person.findMany({
        where: { id: { in: [...new Set(credentials.map((c) => c.personId))] } },
        select: { id: true, unitId: true, unit: { select: { path: true } } },
      });
      const personById = new Map(people.map((p) => [p.id, p]));
      const eligible = credentials.filter((c) => {
        const person = personById.get(c.personId);
        if (!person || !can(actor, "credential.issue", person.unit.path)) return false;
        if (c.status !== "ACTIVE" || !c.validUntil) return false;
        const shown = displayStatus(c, parseType(c.type), now, 90);
        return shown === "EXPIRING" || shown === "GRACE";
      });
      const since = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * DAY_MS);
      const recent = await tx.credentialEvent.findMany({
        where: { credentialId: { in: eligible.map((c) => c.id) }, action: "REMINDED", at: { gt: since } },
        select: { credentialId: true },
      });
      const remindedRecently = new Set(recent.map((e) => e.credentialId));
      const fresh = eligible.filter((c) => !remindedRecently.has(c.id));
      if (fresh.length > 0) {
        await tx.notice.createMany({
          data: fresh.map((c) => ({
            id: createId(),
            personId: c.personId,
            kind: RENEWAL_DUE_KIND,
            params: JSON.stringify({ type: c.type.name, typeEn: c.type.nameEn, typeCode: c.type.code, number: c.number ?? c.externalNumber ?? "", validUntil: isoDateInShanghai(c.validUntil!) }),
            link: "/credentials",
            createdAt: now,
          })),
        });
        await tx.credentialEvent.createMany({
          data: fresh.map((c) => ({
            id: createId(),
            credentialId: c.id,
            action: "REMINDED",
            at: now,
            actorId: actor.userId,
            data: JSON.stringify({ kind: RENEWAL_DUE_KIND, validUntil: isoDateInShanghai(c.validUntil!) }),
          })),
        });
      }
      const result = { sent: fresh.length, skipped: eligible.length - fresh.length, refused: ids.length - eligible.length };
      await audit(tx, actorAudit(actor), {
        action: "credential.remind",
        objectType: "Credential",
        objectId: fresh.length === 1 ? fresh[0].id : "bulk",
        unitId: actor.unitId,
        after: { ...result, credentialIds: fresh.map((c) => c.id).slice(0, 50) },
      });
      return result;
    },
    { timeoutMs: 60_000 },
  );
}
