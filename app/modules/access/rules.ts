import { ROLE_PERMISSIONS, type Permission, type RoleKey } from "./permissions";

/** One active grant: the role applies to `unitPath` and every unit below it. */
export type Grant = { id?: string; roleKey: RoleKey; unitId: string; unitPath: string };

export type Actor = {
  userId: string;
  personId: string;
  staffNo: string;
  name: string;
  unitId: string;
  unitPath: string;
  grants: Grant[];
  ip?: string | null;
};

/** A unit path covers itself and its descendants ("/a/" covers "/a/b/"). */
export function covers(grantPath: string, targetPath: string): boolean {
  return targetPath.startsWith(grantPath);
}

export function roleHas(roleKey: RoleKey, permission: Permission): boolean {
  return ROLE_PERMISSIONS[roleKey].includes(permission);
}

/** Whether the actor holds `permission` over the unit at `unitPath`. */
export function can(actor: Pick<Actor, "grants">, permission: Permission, unitPath: string): boolean {
  return actor.grants.some((g) => roleHas(g.roleKey, permission) && covers(g.unitPath, unitPath));
}

/** Whether the actor holds `permission` anywhere (drives navigation). */
export function canAnywhere(actor: Pick<Actor, "grants">, permission: Permission): boolean {
  return actor.grants.some((g) => roleHas(g.roleKey, permission));
}

/**
 * The unit paths where the actor holds `permission`, with paths already covered by
 * another one removed, so a scope filter has as few terms as possible.
 */
export function scopePaths(actor: Pick<Actor, "grants">, permission: Permission): string[] {
  const paths = [...new Set(actor.grants.filter((g) => roleHas(g.roleKey, permission)).map((g) => g.unitPath))];
  return paths.filter((p) => !paths.some((other) => other !== p && covers(other, p))).sort();
}

export function roleKeys(actor: Pick<Actor, "grants">): RoleKey[] {
  return [...new Set(actor.grants.map((g) => g.roleKey))];
}

/**
 * Granting may not escalate: the actor needs `role.grant` over the unit and must
 * already hold, over that unit, every permission the granted role carries.
 */
export function canGrantRole(actor: Pick<Actor, "grants">, roleKey: RoleKey, unitPath: string): boolean {
  if (!can(actor, "role.grant", unitPath)) return false;
  return ROLE_PERMISSIONS[roleKey].every((p) => can(actor, p, unitPath));
}
