// Remix options. vite.config.ts hands these to the Remix Vite plugin, so this file
// is the single place to change them.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // Off on purpose: with lazy discovery every server render matches the URL's parent
    // paths against all routes again to build a partial manifest (a tenth of a lesson
    // page's CPU with ~90 routes, growing with every route). The full manifest is a
    // static, cached asset; this app's few hundred routes are small. See docs/benchmarks.md.
    v3_lazyRouteDiscovery: false,
    v3_routeConfig: true,
  },
};
