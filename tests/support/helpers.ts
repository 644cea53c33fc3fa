import { expect } from "vitest";
import { idCardCheckChar, type PersonInput } from "~/modules/people/rules";

/** A valid resident ID number: region code, birth date (yyyymmdd), 3-digit sequence, check character. */
export function idCard(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, "0")}`;
  return first17 + idCardCheckChar(first17);
}

/** A complete, valid person; override any field. */
export function personInput(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    name: "测试人员",
    staffNo: "T0000001",
    unitCode: "330100",
    category: "ENFORCEMENT",
    post: "执法队员",
    inEnforcementSystem: true,
    ...overrides,
  };
}

/** Awaits a call that must answer like a missing page: a thrown 404 Response. */
export async function expectNotFound(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a thrown 404 Response").toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}
