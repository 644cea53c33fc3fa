import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { can, canAnywhere } from "~/modules/access/rules";
import { actorAudit } from "~/modules/org/org.server";
import { recomputeYear, rulesInForce, type RulesInForce } from "./ledger.server";
import { fieldName } from "./rules-form";
import { mergeRules, ruleOverrideSchema, ruleSchema, shanghaiYear, type CreditRules } from "./rules";

/*
 * Setting the crediting rules: the national default per year, and a province's override.
 * Each save is a new version (the table is append-only); the year's summaries are then
 * re-evaluated. Entries are never touched. Years already over are closed: their figures
 * were reported and must stay what they were.
 */

export type SaveRulesInput = { year: number; scope: "NATIONAL" | string; rules: unknown; note: string };
export type SaveRulesResult = { ok: true; version: number; recomputed: number } | { ok: false; error: string; issues?: { path: string; message: string }[] };

async function nationalUnit() {
  return db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL", parentId: null }, select: { id: true, path: true, name: true } });
}

/** Provinces whose rules the actor may set (all of them for a national rules-setter). */
export async function ruleScopes(actor: Actor) {
  const national = await nationalUnit();
  const provinces = await db.orgUnit.findMany({ where: { level: "PROVINCE", active: true }, orderBy: { code: "asc" }, select: { id: true, name: true, path: true } });
  return {
    national: can(actor, "hours.rules", national.path),
    provinces: provinces.filter((p) => can(actor, "hours.rules", p.path)).map(({ id, name }) => ({ id, name })),
  };
}

export function canSetRules(actor: Actor): boolean {
  return canAnywhere(actor, "hours.rules");
}

export async function saveRules(actor: Actor, input: SaveRulesInput): Promise<SaveRulesResult> {
  const national = await nationalUnit();
  const province = input.scope === "NATIONAL" ? null : await db.orgUnit.findUnique({ where: { id: input.scope }, select: { id: true, path: true, level: true } });
  const scopePath = province ? province.path : national.path;
  if ((input.scope !== "NATIONAL" && province?.level !== "PROVINCE") || !can(actor, "hours.rules", scopePath)) return { ok: false, error: "hours.errors.scope" };
  if (input.year < shanghaiYear(new Date())) return { ok: false, error: "hours.errors.pastYear" };

  let stored: unknown;
  if (province) {
    const parsed = ruleOverrideSchema.safeParse(input.rules);
    if (!parsed.success) return invalid(parsed.error.issues);
    // The override must still make a whole, valid set on top of this year's national rules.
    const merged = mergeRules((await rulesInForce(db, input.year, national.path)).rules, parsed.data);
    const check = ruleSchema.safeParse(merged);
    if (!check.success) return invalid(check.error.issues);
    stored = parsed.data;
  } else {
    const parsed = ruleSchema.safeParse({ ...(input.rules as object), year: input.year });
    if (!parsed.success) return invalid(parsed.error.issues);
    stored = parsed.data;
  }

  const scope = province ? province.id : "NATIONAL";
  const version = await write(async (tx) => {
    const last = await tx.hoursRuleSet.findFirst({ where: { year: input.year, scope }, orderBy: { version: "desc" }, select: { version: true } });
    const next = (last?.version ?? 0) + 1;
    const row = await tx.hoursRuleSet.create({ data: { year: input.year, scope, version: next, rules: JSON.stringify(stored), note: input.note.trim(), createdById: actor.userId } });
    await audit(tx, actorAudit(actor), { action: "hours.rules", objectType: "HoursRuleSet", objectId: row.id, unitId: province?.id ?? national.id, after: { year: input.year, scope, version: next, rules: stored } });
    return next;
  });
  const { people } = await recomputeYear(input.year, { unitPath: scopePath });
  return { ok: true, version, recomputed: people };
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): SaveRulesResult {
  return { ok: false, error: "hours.errors.invalidRules", issues: issues.map((i) => ({ path: fieldName(i.path.map((p) => (typeof p === "number" ? p : String(p)))), message: i.message })) };
}

export type RuleVersionRow = { id: string; year: number; scope: string; scopeName: string; version: number; note: string; createdAt: Date; createdBy: string | null; rules: unknown };

/** The rules in force for a year and scope, and every version of them (newest first). */
export async function rulesPage(actor: Actor, year: number, scope: "NATIONAL" | string) {
  const national = await nationalUnit();
  const scopes = await ruleScopes(actor);
  const province = scope === "NATIONAL" ? null : await db.orgUnit.findFirst({ where: { id: scope, level: "PROVINCE" }, select: { id: true, name: true, path: true } });
  const scopePath = province?.path ?? national.path;
  const inForce: RulesInForce = await rulesInForce(db, year, scopePath);
  const nationalRules: CreditRules = (await rulesInForce(db, year, national.path)).rules;
  const versions = await db.hoursRuleSet.findMany({
    where: { year, scope: { in: province ? ["NATIONAL", province.id] : ["NATIONAL"] } },
    orderBy: [{ createdAt: "desc" }, { version: "desc" }],
  });
  const authors = await db.user.findMany({ where: { id: { in: versions.map((v) => v.createdById).filter((x): x is string => !!x) } }, select: { id: true, person: { select: { name: true } } } });
  const authorName = new Map(authors.map((a) => [a.id, a.person?.name ?? null]));
  return {
    year,
    scope: province ? province.id : "NATIONAL",
    scopeName: province?.name ?? national.name,
    scopes,
    canEdit: (province ? can(actor, "hours.rules", province.path) : scopes.national) && year >= shanghaiYear(new Date()),
    inForce,
    nationalRules,
    versions: versions.map((v) => ({
      id: v.id,
      year: v.year,
      scope: v.scope,
      scopeName: v.scope === "NATIONAL" ? national.name : (province?.name ?? v.scope),
      version: v.version,
      note: v.note,
      createdAt: v.createdAt,
      createdBy: v.createdById ? (authorName.get(v.createdById) ?? null) : null,
      rules: JSON.parse(v.rules) as unknown,
    })),
  };
}
