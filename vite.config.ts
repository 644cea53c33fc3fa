import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  // Vitest cannot run the Remix plugin (it needs the HMR preamble); tests get plain Vite.
  plugins: [tailwindcss(), ...(process.env.VITEST ? [] : [remix(remixConfig)]), tsconfigPaths()],
  build: { target: "es2022" },
  ssr: {
    // Native and CommonJS-heavy packages stay outside the server bundle.
    external: ["better-sqlite3", "@node-rs/argon2", "exceljs"],
  },
});
