import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./http-guards.js";

const base = { host: "training.example.gov.cn", origin: undefined, secFetchSite: undefined };

describe("isCrossSiteWrite", () => {
  it("never blocks reads", () => {
    expect(isCrossSiteWrite({ ...base, method: "GET", secFetchSite: "cross-site" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "HEAD", origin: "https://evil.example" })).toBe(false);
  });

  it("blocks a POST another site's page sends, by Sec-Fetch-Site", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "same-site" })).toBe(true);
  });

  it("allows same-origin form posts and typed-in navigations", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST", secFetchSite: "none" })).toBe(false);
  });

  it("falls back to comparing Origin with Host when Sec-Fetch-Site is absent", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "https://training.example.gov.cn" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "DELETE", origin: "null" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, method: "POST", origin: "not a url" })).toBe(true);
  });

  it("lets non-browser clients without either header through (they carry no victim's cookies)", () => {
    expect(isCrossSiteWrite({ ...base, method: "POST" })).toBe(false);
  });
});
