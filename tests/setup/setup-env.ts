import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

// Runs in each test file's worker before the file is imported: a private copy of the
// migrated template database, so test files never share state.
const dir = path.resolve("tests/.tmp");
const file = path.join(dir, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT = "5";
process.env.LOGIN_MAX_FAILURES_PER_IP = "30";

afterAll(async () => {
  const { disconnect } = await import("~/lib/db.server");
  await disconnect();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
