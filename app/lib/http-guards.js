// Request guards used by server.js (plain JavaScript so the production server can load
// it without a build step). Unit-tested in app/lib/http-guards.test.ts.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request comes from another site and must be refused.
 * Browsers send Sec-Fetch-Site on every request; older ones at least send Origin on
 * POST. Requests with neither (curl, the command line's own HTTP checks) are allowed:
 * they carry no ambient cookies of a victim's browser.
 *
 * @param {{ method: string, host: string | undefined, origin: string | undefined, secFetchSite: string | undefined }} req
 * @returns {boolean}
 */
export function isCrossSiteWrite({ method, host, origin, secFetchSite }) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (secFetchSite) return secFetchSite !== "same-origin" && secFetchSite !== "none";
  if (origin) {
    if (origin === "null") return true;
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return false;
}
