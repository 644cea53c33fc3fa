import { z } from "zod";

export const UNIT_LEVELS = ["NATIONAL", "PROVINCE", "CITY", "COUNTY"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** The level a child of `parent` must have (COUNTY units have no children). */
export function childLevel(parent: UnitLevel): UnitLevel | null {
  const index = UNIT_LEVELS.indexOf(parent);
  return UNIT_LEVELS[index + 1] ?? null;
}

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export type UnitRef = { id: string; path: string; level: UnitLevel };

/** Why a move is refused, as a dictionary key, or null when it is allowed. */
export function moveProblem(unit: UnitRef, newParent: UnitRef): string | null {
  if (newParent.path.startsWith(unit.path)) return "org.errors.moveIntoSelf";
  if (childLevel(newParent.level) !== unit.level) return "org.errors.levelMismatch";
  return null;
}

/** Rewrites a descendant's path after its ancestor moved from `oldPath` to `newPath`. */
export function rebasePath(path: string, oldPath: string, newPath: string): string {
  if (!path.startsWith(oldPath)) throw new Error(`${path} is not under ${oldPath}`);
  return newPath + path.slice(oldPath.length);
}

export const unitCodeSchema = z.string({ message: "errors.required" }).trim().regex(/^\d{6}$/, { message: "errors.unitCodeFormat" });
export const unitNameSchema = z
  .string({ message: "errors.required" })
  .trim()
  .min(2, { message: "errors.unitNameLength" })
  .max(60, { message: "errors.unitNameLength" });

export const createUnitSchema = z.object({ parentId: z.string().min(1), code: unitCodeSchema, name: unitNameSchema });
