import { defineConfig } from "prisma/config";
import { EXTERNAL_TABLES } from "./prisma/external-tables";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/app.db" },
  experimental: { externalTables: true },
  tables: { external: EXTERNAL_TABLES },
});
