// Runs `prisma generate` without network access.
// Prisma tries to download its native schema engine even though client generation
// does not use it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file stops
// the download. Migrations use the WebAssembly engine instead (app/cli/migrations.ts).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? self },
});
process.exit(result.status ?? 1);
