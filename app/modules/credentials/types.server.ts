import { requireAnyScope, type Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, isUniqueViolation, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { parseType, typeConfigOf, typeConfigSchema, type ParsedType, type TypeConfig } from "./rules";

/*
 * Credential types as configuration (credential.manage). Types are national: changing one
 * needs credential.manage over the national (root) unit; anyone holding the permission
 * anywhere may read them. Each save is audited with the whole configuration before and
 * after. A change never rewrites issued credentials: their dates and numbers were fixed
 * when written; only later issues, renewals and eligibility use the new configuration.
 * Types are deactivated, never deleted (DB trigger).
 */

export const TYPE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

async function rootUnit() {
  return db.orgUnit.findFirst({ where: { parentId: null }, orderBy: { depth: "asc" }, select: { id: true, path: true } });
}

async function canEditTypes(actor: Actor): Promise<{ ok: boolean; rootId: string | null }> {
  const root = await rootUnit();
  return { ok: !!root && can(actor, "credential.manage", root.path), rootId: root?.id ?? null };
}

export async function listTypes(actor: Actor) {
  requireAnyScope(actor, "credential.manage");
  const [rows, counts, edit] = await Promise.all([
    db.credentialType.findMany({ orderBy: { code: "asc" } }),
    db.credential.groupBy({ by: ["typeId"], where: { status: { in: ["ACTIVE", "SUSPENDED"] } }, _count: { _all: true } }),
    canEditTypes(actor),
  ]);
  const held = new Map(counts.map((c) => [c.typeId, c._count._all]));
  return {
    canEdit: edit.ok,
    types: rows.map((row) => ({ ...parseType(row), updatedAt: row.updatedAt, held: held.get(row.id) ?? 0 })),
  };
}

export async function typeByCodeFor(actor: Actor, code: string): Promise<ParsedType> {
  requireAnyScope(actor, "credential.manage");
  const row = await db.credentialType.findUnique({ where: { code } });
  if (!row) notFound();
  return parseType(row);
}

export type SaveTypeResult = { ok: true; code: string } | { ok: false; error?: string; errors?: Record<string, string> };

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Saves a type's configuration (validated whole), audited. */
export async function saveType(actor: Actor, code: string, config: unknown): Promise<SaveTypeResult> {
  const edit = await canEditTypes(actor);
  if (!edit.ok) return { ok: false, error: "credentials.errors.notAllowed" };
  const parsed = typeConfigSchema.safeParse(config);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const row = await db.credentialType.findUnique({ where: { code } });
  if (!row) return { ok: false, error: "credentials.errors.typeNotFound" };
  const before = typeConfigOf(parseType(row));
  const next = parsed.data;
  if (row.kind === "ISSUED" && next.numberPattern === "") return { ok: false, errors: { numberPattern: "credentials.errors.numberPattern" } };
  await write(async (tx) => {
    await tx.credentialType.update({ where: { id: row.id }, data: dataOf(next) });
    await audit(tx, actorAudit(actor), { action: "credentialType.update", objectType: "CredentialType", objectId: row.id, unitId: edit.rootId, before, after: next });
  });
  return { ok: true, code };
}

/** Adds a type ("room for more"); its code is fixed once created. */
export async function createType(actor: Actor, input: { code: string; kind: string }, config: unknown): Promise<SaveTypeResult> {
  const edit = await canEditTypes(actor);
  if (!edit.ok) return { ok: false, error: "credentials.errors.notAllowed" };
  const code = input.code.trim().toUpperCase();
  if (!TYPE_CODE_PATTERN.test(code)) return { ok: false, errors: { code: "credentials.errors.typeCode" } };
  if (input.kind !== "ISSUED" && input.kind !== "EXTERNAL") return { ok: false, errors: { kind: "errors.invalid" } };
  const parsed = typeConfigSchema.safeParse(config);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  if (input.kind === "ISSUED" && parsed.data.numberPattern === "") return { ok: false, errors: { numberPattern: "credentials.errors.numberPattern" } };
  try {
    await write(async (tx) => {
      const created = await tx.credentialType.create({ data: { code, kind: input.kind, ...dataOf(parsed.data) } });
      await audit(tx, actorAudit(actor), { action: "credentialType.create", objectType: "CredentialType", objectId: created.id, unitId: edit.rootId, after: { code, kind: input.kind, ...parsed.data } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { code: "credentials.errors.typeCodeTaken" } };
    throw error;
  }
  return { ok: true, code };
}

function dataOf(config: TypeConfig) {
  return {
    name: config.name,
    nameEn: config.nameEn,
    holders: JSON.stringify(config.holders),
    eligibility: JSON.stringify(config.eligibility),
    validityMonths: config.validityMonths,
    renewal: JSON.stringify(config.renewal),
    graceDays: config.graceDays,
    numberPattern: config.numberPattern,
    active: config.active,
  };
}
