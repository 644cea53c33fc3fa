/*
 * Benchmarks for the foundation: seed 100,000 officers across 31 provinces, then time
 * people searches (first page, deep keyset page, filters, name search) and an export
 * as the national system administrator and as a provincial HR officer.
 * Prints figures; asserts nothing. Run: npm run bench [-- --officers 100000]
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

const { values } = parseArgs({ options: { officers: { type: "string", default: "100000" } } });
const officers = Number(values.officers);
const dir = path.resolve("tests/.tmp");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench.db");
for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET_KEY ??= Buffer.alloc(32, 1).toString("base64");

const { applyMigrations } = await import("../app/cli/migrations");
const { seed } = await import("../app/cli/seed/seed.server");
const { cliActor } = await import("../app/cli/actor");
const { searchPeople } = await import("../app/modules/people/people.server");
const { exportPeople } = await import("../app/modules/people/xlsx.server");
const { db, disconnect } = await import("../app/lib/db.server");

async function time<T>(label: string, fn: () => Promise<T>, runs = 20): Promise<T> {
  let result!: T;
  result = await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(samples.length * 0.5)];
  const p95 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))];
  console.log(`${label.padEnd(58)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`);
  return result;
}

await applyMigrations(process.env.DATABASE_URL);
const t0 = performance.now();
const seeded = await seed({ officers });
console.log(`seed: ${seeded.units} units, ${seeded.officers} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

for (const staffNo of ["ADMIN001", "HR330001"]) {
  const actor = await cliActor(staffNo);
  console.log(`\nas ${staffNo}`);
  const first = await time("first page (50 rows + total count)", () => searchPeople(actor, {}));
  console.log(`  total in scope: ${first.total}`);
  // A deep page: the keyset cursor 90% of the way through the scope.
  const deepCursor = await db.person.findFirst({
    where: { unit: { path: { startsWith: actor.grants.find((g) => g.roleKey !== "learner")!.unitPath } } },
    orderBy: { staffNo: "asc" },
    skip: Math.floor(first.total * 0.9),
    select: { staffNo: true },
  });
  await time("deep page (keyset at 90%)", () => searchPeople(actor, {}, deepCursor!.staffNo));
  await time("filter category=MONITORING, status=ACTIVE", () => searchPeople(actor, { category: "MONITORING", status: "ACTIVE" }));
  const unit = await db.orgUnit.findFirst({ where: { level: "CITY", code: { startsWith: "33" } } });
  await time(`filter unit subtree (${unit!.name})`, () => searchPeople(actor, { unitId: unit!.id }));
  await time("name contains 伟", () => searchPeople(actor, { q: "伟" }));
  await time("staff number prefix 3300012", () => searchPeople(actor, { q: "3300012" }));
  const t1 = performance.now();
  let bytes = 0;
  await pipeline(
    await exportPeople(actor, {}, "zh-CN"),
    new Writable({
      write(chunk, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    }),
  );
  console.log(`${"export whole scope to .xlsx".padEnd(58)} ${((performance.now() - t1) / 1000).toFixed(1)} s, ${(bytes / 1_048_576).toFixed(1)} MiB`);
}
console.log(`\nrss ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MiB`);
await disconnect();
