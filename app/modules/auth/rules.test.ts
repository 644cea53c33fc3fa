import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changePasswordSchema, issuedPassword, normalizeIdentifier, passwordSchema, safeRedirect, throttle } from "./rules";

const NOW = new Date("2025-06-01T08:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

function decide(accountFailures: Date[], ipFailures: Date[] = []) {
  return throttle({ accountFailures, ipFailures, maxPerAccount: 5, maxPerIp: 30, windowMinutes: 15, now: NOW });
}

describe("throttle", () => {
  it("allows sign-in below the account limit", () => {
    expect(decide([1, 2, 3, 4].map(minutesAgo))).toEqual({ allowed: true });
  });

  it("locks the account at the limit until the oldest counted failure leaves the window", () => {
    // Oldest of five failures was 10 minutes ago: free again in 15 - 10 = 5 minutes.
    expect(decide([10, 9, 8, 7, 6].map(minutesAgo))).toEqual({ allowed: false, reason: "account", retryAfterMinutes: 5 });
  });

  it("with more failures than the limit, waits until enough of them have expired", () => {
    // Six failures, limit five: the one at -14 leaves first, but five remain until -10 leaves.
    expect(decide([14, 10, 9, 8, 7, 6].map(minutesAgo))).toEqual({ allowed: false, reason: "account", retryAfterMinutes: 5 });
  });

  it("accepts failures in any order", () => {
    expect(decide([6, 10, 8, 9, 7].map(minutesAgo))).toMatchObject({ allowed: false, retryAfterMinutes: 5 });
  });

  it("does not count failures older than the window", () => {
    expect(decide([40, 30, 20, 16, 15, 2].map(minutesAgo))).toEqual({ allowed: true });
  });

  it("rounds the wait up to whole minutes and never says zero", () => {
    const justInside = new Date(NOW.getTime() - (15 * 60_000 - 1_000)); // expires in one second
    expect(decide([justInside, ...[3, 2, 1, 0].map(minutesAgo)])).toMatchObject({ retryAfterMinutes: 1 });
    const ninetySecondsLeft = new Date(NOW.getTime() - (15 * 60_000 - 90_000));
    expect(decide([ninetySecondsLeft, ...[3, 2, 1, 0].map(minutesAgo)])).toMatchObject({ retryAfterMinutes: 2 });
  });

  it("limits an IP across accounts", () => {
    const ip = Array.from({ length: 30 }, (_, i) => minutesAgo(12 - i * 0.3));
    expect(decide([], ip)).toEqual({ allowed: false, reason: "ip", retryAfterMinutes: 3 });
    expect(decide([], ip.slice(1))).toEqual({ allowed: true });
  });

  it("reports the account lock first when both limits are reached", () => {
    const ip = Array.from({ length: 30 }, () => minutesAgo(1));
    expect(decide([5, 4, 3, 2, 1].map(minutesAgo), ip)).toMatchObject({ allowed: false, reason: "account" });
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeRedirect("/people?unit=1&q=张")).toBe("/people?unit=1&q=张");
    expect(safeRedirect("/")).toBe("/");
  });

  it.each([
    ["protocol-relative", "//evil.com"],
    ["absolute URL", "https://evil.com/login"],
    ["backslash trick", "/\\evil.com"],
    ["javascript URL", "javascript:alert(1)"],
    ["relative path", "people"],
    ["tab that browsers strip to //", "/\t/evil.com"],
    ["newline that browsers strip to //", "/\n/evil.com"],
  ])("rejects a %s", (_label, to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(new URL(safeRedirect(to, "/home"), "https://app.example/").origin).toBe("https://app.example");
  });

  it("falls back when nothing is given", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/home")).toBe("/home");
    expect(safeRedirect("", "/home")).toBe("/home");
  });
});

describe("normalizeIdentifier", () => {
  it("lower-cases e-mail addresses but keeps staff numbers as typed", () => {
    expect(normalizeIdentifier("  HR.ZJ@Demo.ECO ")).toBe("hr.zj@demo.eco");
    expect(normalizeIdentifier(" HR330001 ")).toBe("HR330001");
    expect(normalizeIdentifier("hr330001")).toBe("hr330001");
  });
});

describe("issuedPassword", () => {
  const LOOK_ALIKES = /[0O1lI]/;

  it("is 12 letters and digits from an alphabet without look-alikes", () => {
    for (let i = 0; i < 500; i++) {
      const password = issuedPassword((n) => randomBytes(n));
      expect(password).toHaveLength(12);
      expect(password).toMatch(/^[A-Za-z0-9]+$/);
      expect(password).toMatch(/[A-Za-z]/);
      expect(password).toMatch(/\d/);
      expect(password).not.toMatch(LOOK_ALIKES);
      expect(passwordSchema.safeParse(password).success).toBe(true);
    }
  });

  it("maps bytes onto the alphabet", () => {
    // Alphabet: 24 capitals (no I, O), 24 small letters (no l), digits 2-9 → index 48 is "2".
    const bytes = new Uint8Array(24).map((_, i) => (i % 2 === 0 ? 0 : 48));
    expect(issuedPassword(() => bytes)).toBe("A2A2A2A2A2A2");
  });

  it("skips bytes that would bias the draw and draws again when too few remain", () => {
    const draws = [new Uint8Array(24).fill(255), new Uint8Array(24).map((_, i) => (i % 2 === 0 ? 1 : 49))];
    let calls = 0;
    const password = issuedPassword(() => draws[calls++]);
    expect(calls).toBe(2);
    expect(password).toBe("B3B3B3B3B3B3");
  });

  it("draws again when a password would lack digits", () => {
    const draws = [new Uint8Array(24).fill(0), new Uint8Array(24).map((_, i) => (i % 2 === 0 ? 0 : 48))];
    let calls = 0;
    expect(issuedPassword(() => draws[calls++])).toBe("A2A2A2A2A2A2");
    expect(calls).toBe(2);
  });
});

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("passwordSchema", () => {
  it("accepts 10+ characters with letters and digits", () => {
    expect(passwordSchema.safeParse("abcdefgh12").success).toBe(true);
  });

  it.each([
    ["abc12", "auth.errors.passwordTooShort"],
    ["a1".repeat(65), "auth.errors.passwordTooLong"],
    ["abcdefghijkl", "auth.errors.passwordWeak"],
    ["123456789012", "auth.errors.passwordWeak"],
    [undefined, "errors.required"],
  ])("rejects %j with %s", (value, message) => {
    expect(messages(passwordSchema.safeParse(value)).map((m) => m.message)).toContain(message);
  });
});

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "Demo2025pass", newPassword: "Another2025x", confirmPassword: "Another2025x" };

  it("accepts a new, confirmed password", () => {
    expect(changePasswordSchema.safeParse(valid).success).toBe(true);
  });

  it("reports a confirmation mismatch on the confirmation field", () => {
    expect(messages(changePasswordSchema.safeParse({ ...valid, confirmPassword: "Another2025y" }))).toEqual([
      { path: "confirmPassword", message: "auth.errors.passwordMismatch" },
    ]);
  });

  it("refuses reusing the current password", () => {
    const same = { currentPassword: "Demo2025pass", newPassword: "Demo2025pass", confirmPassword: "Demo2025pass" };
    expect(messages(changePasswordSchema.safeParse(same))).toEqual([{ path: "newPassword", message: "auth.errors.passwordUnchanged" }]);
  });

  it("requires the current password and applies the password policy to the new one", () => {
    expect(messages(changePasswordSchema.safeParse({ ...valid, currentPassword: "" }))).toEqual([
      { path: "currentPassword", message: "errors.required" },
    ]);
    expect(messages(changePasswordSchema.safeParse({ ...valid, newPassword: "short1", confirmPassword: "short1" }))).toContainEqual({
      path: "newPassword",
      message: "auth.errors.passwordTooShort",
    });
  });
});
