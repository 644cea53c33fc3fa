import { gzipSync } from "node:zlib";
import { base64urlnopad } from "@scure/base";
import { describe, expect, it } from "vitest";
import { bitAt, bitstringOf, decodeStatusList, encodeStatusList, readStatusListCredential, STATUS_LIST_BITS, statusListCredential } from "./status-list";

describe("bitstring status list", () => {
  it("is at least 131,072 bits, with bit 0 the leftmost bit of the first byte", () => {
    const bits = bitstringOf([0, 9, 131_071]);
    expect(bits.length * 8).toBe(STATUS_LIST_BITS);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);
    expect([0, 9, 131_071].every((i) => bitAt(bits, i))).toBe(true);
    expect([1, 8, 10, 131_070].some((i) => bitAt(bits, i))).toBe(false);
    expect(bitAt(bits, 131_072)).toBe(false);
    expect(bitAt(bits, -1)).toBe(false);
  });

  it("grows in steps of the minimum when an index is past the end", () => {
    expect(bitstringOf([131_072]).length * 8).toBe(2 * STATUS_LIST_BITS);
    expect(bitstringOf([]).length * 8).toBe(STATUS_LIST_BITS);
    expect(() => bitstringOf([1.5])).toThrow();
  });

  it("encodes as multibase base64url of GZIP and decodes back; flipping one index flips one bit", () => {
    const empty = encodeStatusList([]);
    expect(empty.startsWith("u")).toBe(true);
    expect(empty).not.toMatch(/[+/=]/);
    expect(encodeStatusList([])).toBe(empty); // deterministic
    const withSeven = encodeStatusList([7]);
    expect(withSeven).not.toBe(empty);
    const decoded = decodeStatusList(withSeven)!;
    expect(decoded.length).toBe(16_384);
    expect(bitAt(decoded, 7)).toBe(true);
    expect(decoded.filter((b) => b !== 0)).toEqual(new Uint8Array([1]));
    expect(bitAt(decodeStatusList(empty)!, 7)).toBe(false);
  });

  it("decodes the specification's example list (all 131,072 bits clear)", () => {
    // From the Bitstring Status List v1.0 examples.
    const bits = decodeStatusList("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
    expect(bits?.length).toBe(16_384);
    expect(bits?.every((b) => b === 0)).toBe(true);
  });

  it("refuses what is not an encoded list, and gzip bombs", () => {
    expect(decodeStatusList("H4sI")).toBeNull();
    expect(decodeStatusList("u!!!")).toBeNull();
    expect(decodeStatusList(42)).toBeNull();
    const bomb = `u${base64urlnopad.encode(gzipSync(new Uint8Array(32 * 1024 * 1024)))}`;
    expect(decodeStatusList(bomb)).toBeNull();
  });

  it("builds and reads a BitstringStatusListCredential", () => {
    const doc = statusListCredential({
      url: "https://x.example/credentials/status/suspension",
      issuer: { id: "did:key:z6Mk", type: ["Profile"], name: "平台" },
      purpose: "suspension",
      setIndices: [2],
      validFrom: new Date("2026-01-01T00:00:00.500Z"),
    });
    expect(doc).toMatchObject({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      validFrom: "2026-01-01T00:00:00Z",
      credentialSubject: { id: "https://x.example/credentials/status/suspension#list", type: "BitstringStatusList", statusPurpose: "suspension" },
    });
    const read = readStatusListCredential(doc)!;
    expect(read).toMatchObject({ id: "https://x.example/credentials/status/suspension", purpose: "suspension", issuerId: "did:key:z6Mk" });
    expect(bitAt(read.bits, 2)).toBe(true);
    expect(readStatusListCredential({ ...doc, type: ["VerifiableCredential"] })).toBeNull();
    expect(readStatusListCredential(null)).toBeNull();
  });
});
