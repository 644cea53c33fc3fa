import { requireScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can, covers, scopePaths } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";

/*
 * Bank scope. A trainer sees the banks of units in their scope and the banks of the
 * units above them (a province uses national questions), and edits only the former.
 */
export async function visibleBanks(actor: Actor) {
  const paths = scopePaths(actor, "question.view");
  if (paths.length === 0) return [];
  const banks = await db.questionBank.findMany({ include: { unit: { select: { id: true, name: true, path: true, level: true } } }, orderBy: { createdAt: "asc" } });
  return banks
    .filter((b) => paths.some((p) => covers(p, b.unit.path) || covers(b.unit.path, p)))
    .map((b) => ({ id: b.id, name: b.name, description: b.description, unit: b.unit, canEdit: can(actor, "question.author", b.unit.path) }));
}

export async function visibleBankIds(actor: Actor): Promise<string[]> {
  return (await visibleBanks(actor)).map((b) => b.id);
}

/** A bank the actor may read; 404 otherwise. `edit` requires authoring rights over it. */
export async function getBank(actor: Actor, bankId: string, mode: "read" | "edit" = "read") {
  const bank = (await visibleBanks(actor)).find((b) => b.id === bankId);
  if (!bank) notFound();
  if (mode === "edit") requireScope(actor, "question.author", bank.unit.path);
  return bank;
}

export async function createBank(actor: Actor, input: { unitId: string; name: string; description: string }) {
  const unit = await db.orgUnit.findUnique({ where: { id: input.unitId } });
  if (!unit) notFound();
  requireScope(actor, "question.author", unit.path);
  return write(async (tx) => {
    const bank = await tx.questionBank.create({ data: { unitId: unit.id, name: input.name, description: input.description } });
    await audit(tx, actorAudit(actor), { action: "bank.create", objectType: "QuestionBank", objectId: bank.id, unitId: unit.id, after: input });
    return bank;
  });
}
