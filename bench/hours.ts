/*
 * Study hours and compliance dashboards (issue 6): 100,000 officers over the real unit
 * tree (31 provinces), 3,000,000 ledger entries over five years, summaries rebuilt with
 * the ledger's recomputeYear, then:
 *  - the national dashboard's data function p50/p95 (ADMIN001), a province's (HR330001)
 *    and a county's (nothing is cached: every run reads the summaries' covering index);
 *  - refreshing one person's year (refreshPersonYear inside write) p50/p95;
 *  - the first page of people behind pace nationally; the weekly reminders;
 *  - the process's RSS; and, when build/ holds the compliance routes, the dashboard page
 *    through the production server (port 3190) and the server's RSS.
 * Prints figures; asserts nothing.  Run: npm run bench:hours [-- --officers 100000 --entries 3000000 --reuse]
 * (--reuse keeps an existing bench database instead of building it again.)
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { officers: { type: "string", default: "100000" }, entries: { type: "string", default: "3000000" }, reuse: { type: "boolean", default: false }, runs: { type: "string", default: "30" } } });
const OFFICERS = Number(values.officers);
const ENTRIES = Number(values.entries);
const RUNS = Number(values.runs);

const dir = path.resolve("tests/.tmp");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench-hours.db");
const reuse = values.reuse && existsSync(file);
if (!reuse) for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET_KEY ??= Buffer.alloc(32, 1).toString("base64");

const { applyMigrations } = await import("../app/cli/migrations");
const { seed } = await import("../app/cli/seed/seed.server");
const { cliActor } = await import("../app/cli/actor");
const { db, write, disconnect } = await import("../app/lib/db.server");
const { recomputeYear, refreshPersonYear } = await import("../app/modules/hours/ledger.server");
const { shanghaiYear } = await import("../app/modules/hours/rules");
const { dashboard, listPeople } = await import("../app/modules/compliance/compliance.server");
const { runWeeklyReminders } = await import("../app/modules/compliance/reminders.server");

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;

async function time<T>(label: string, fn: () => Promise<T> | T, runs = RUNS, before?: () => void): Promise<{ result: T; p50: number; p95: number }> {
  before?.();
  let result = await fn(); // warm-up, not counted
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p50 = samples[Math.floor(samples.length * 0.5)];
  const p95 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))];
  // This process's CPU time: the machine is shared, and wall time includes waiting for a core.
  console.log(`${label.padEnd(64)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   (CPU p50 ${cpu[Math.floor(cpu.length / 2)].toFixed(0)} ms)`);
  return { result, p50, p95 };
}

const now = new Date();
const currentYear = shanghaiYear(now);
const years = Array.from({ length: 5 }, (_, i) => currentYear - 4 + i);

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------
if (!reuse) {
  let t0 = performance.now();
  await applyMigrations(process.env.DATABASE_URL);
  const seeded = await seed({ officers: OFFICERS, allProvinces: true, questionBank: false });
  console.log(`seed: ${seeded.units} units, ${seeded.officers} people in ${secs(t0)}`);
  await disconnect();

  // Ledger entries written straight into the file in one transaction (the ledger's own
  // write path is measured below, per person): the distribution matters, not the path.
  t0 = performance.now();
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  const people = sqlite.prepare(`SELECT "id" FROM "Person" ORDER BY "staffNo"`).all() as { id: string }[];
  let seedState = 20_261_128;
  const rand = () => {
    // mulberry32: deterministic, so runs compare
    seedState = (seedState + 0x6d2b79f5) | 0;
    let t = Math.imul(seedState ^ (seedState >>> 15), 1 | seedState);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const SOURCES = ["ONLINE_LESSON", "ONLINE_LESSON", "ONLINE_LESSON", "EXAM", "OFFLINE_CLASS", "OFF_POST_TRAINING", "DRILL_COMPETITION", "TEACHING", "EXTERNAL_IMPORT", "MANUAL"];
  const insert = sqlite.prepare(
    `INSERT INTO "HoursEntry" ("id", "personId", "year", "hours", "category", "source", "title", "activityDate", "status", "recordedAt", "note") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
  );
  const perPersonYear = ENTRIES / (people.length * years.length);
  const yearEnd = (y: number) => Math.min(Date.UTC(y + 1, 0, 1) - 8 * 3_600_000, now.getTime());
  let written = 0;
  let seq = 0;
  sqlite.transaction(() => {
    for (const { id } of people) {
      // Some officers do a lot, some little: 0 … 2× the mean entries a year.
      const diligence = rand() * 2;
      for (const y of years) {
        const n = Math.round(perPersonYear * diligence * (0.6 + rand() * 0.8));
        const start = Date.UTC(y, 0, 1) - 8 * 3_600_000;
        const span = yearEnd(y) - start;
        for (let k = 0; k < n && written < ENTRIES; k++) {
          const source = SOURCES[Math.floor(rand() * SOURCES.length)];
          const at = new Date(start + rand() * span).toISOString().replace("Z", "+00:00");
          // Mean ≈ 11 hours an entry, so about half the officers reach 60 hours a year.
          const hours =
            source === "OFF_POST_TRAINING" ? 6 * (1 + Math.floor(rand() * 3)) : source === "OFFLINE_CLASS" ? 8 * (1 + Math.floor(rand() * 3)) : 0.25 * (4 + Math.floor(rand() * 57));
          const status = rand() < 0.03 ? "PENDING" : rand() < 0.01 ? "VOIDED" : "APPROVED";
          insert.run(`bench${(seq++).toString(36).padStart(8, "0")}`, id, y, hours, rand() < 0.08 ? "POLITICAL_THEORY" : "PROFESSIONAL_LEGAL", source, "bench", at, status, at);
          written++;
        }
      }
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("ANALYZE");
  sqlite.close();
  console.log(`ledger: ${written.toLocaleString("en")} entries over ${years[0]}–${years[4]} for ${people.length.toLocaleString("en")} people in ${secs(t0)}`);

  for (const y of years) {
    const r = await recomputeYear(y);
    console.log(`recomputeYear(${y}): ${r.people.toLocaleString("en")} summaries in ${(r.ms / 1000).toFixed(1)} s`);
  }
  await disconnect();
  // Measure in a fresh process, so its memory is the dashboards', not the data generator's.
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...process.argv.slice(2), "--reuse"], { stdio: "inherit" });
  process.exit(await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1))));
}
const summaries = await db.hoursYearSummary.count();
console.log(`summaries: ${summaries.toLocaleString("en")} person-years; RSS of the measuring process at start ${mib(process.memoryUsage().rss)}`);

// ---------------------------------------------------------------------------
// Dashboards (module functions, as the loaders call them)
// ---------------------------------------------------------------------------
const admin = await cliActor("ADMIN001");
const hrZj = await cliActor("HR330001");
const county = (await db.$queryRawUnsafe(
  `SELECT u."id", u."name", COUNT(*) AS "n" FROM "Person" p JOIN "OrgUnit" u ON u."id" = p."unitId" WHERE u."level" = 'COUNTY' AND u."code" LIKE '33%' GROUP BY u."id" ORDER BY "n" DESC LIMIT 1`,
)) as { id: string; name: string; n: number | bigint }[];
const province = await db.orgUnit.findUniqueOrThrow({ where: { code: "330000" } });

console.log(`\ndashboards, year ${currentYear}, ${RUNS} runs each after one warm-up`);
const national = await time("national dashboard (no cache: every run cold)", () => dashboard(admin, { year: currentYear, asOf: now }));
console.log(`  officers ${national.result.totals.officers.toLocaleString("en")}, met ${national.result.totals.met.toLocaleString("en")}, behind pace ${national.result.totals.behind.toLocaleString("en")}, ${national.result.units.length} province rows`);
await time(`national dashboard, past year ${currentYear - 1}`, () => dashboard(admin, { year: currentYear - 1, asOf: now }));
await time(`province 浙江 as HR330001`, () => dashboard(hrZj, { unitId: province.id, year: currentYear, asOf: now }));
const countyRun = await time(`county ${county[0].name} (${Number(county[0].n)} people) as HR330001`, () => dashboard(hrZj, { unitId: county[0].id, year: currentYear, asOf: now }));
console.log(`  county officers ${countyRun.result.totals.officers}, met ${countyRun.result.totals.met}`);
await time("national people behind pace, first page + total", () => listPeople(admin, { year: currentYear, filter: "behind", asOf: now }));
await time("province people not met, first page + total", () => listPeople(hrZj, { unitId: province.id, year: currentYear, filter: "notMet", asOf: now }));
await time(`national people not met in ${currentYear - 1}, first page + total`, () => listPeople(admin, { year: currentYear - 1, filter: "notMet", asOf: now }));
await time("county people behind pace, first page + total", () => listPeople(hrZj, { unitId: county[0].id, year: currentYear, filter: "behind", asOf: now }));

// ---------------------------------------------------------------------------
// Recomputing one person's year
// ---------------------------------------------------------------------------
const sample = (await db.$queryRawUnsafe(`SELECT "personId" FROM "HoursYearSummary" WHERE "year" = ${currentYear} ORDER BY "personId" LIMIT 200`)) as { personId: string }[];
const inside: number[] = [];
let k = 0;
await time(
  "refreshPersonYear (whole write transaction)",
  () =>
    write(async (tx) => {
      const t0 = performance.now();
      await refreshPersonYear(tx, sample[k++ % sample.length].personId, currentYear);
      inside.push(performance.now() - t0);
    }),
  100,
);
inside.sort((a, b) => a - b);
console.log(`${"refreshPersonYear (the function alone)".padEnd(64)} p50 ${inside[Math.floor(inside.length / 2)].toFixed(1).padStart(7)} ms   p95 ${inside[Math.floor(inside.length * 0.95)].toFixed(1).padStart(7)} ms`);

console.log(`RSS after the dashboards: ${mib(process.memoryUsage().rss)} (JS heap ${mib(process.memoryUsage().heapUsed)})`);

// ---------------------------------------------------------------------------
// Weekly reminders at national scale
// ---------------------------------------------------------------------------
let t0 = performance.now();
const reminders = await runWeeklyReminders(now);
console.log(`\nweekly reminders: ${reminders.behindPace.written.toLocaleString("en")} behind-pace notices, ${reminders.hrDigest.written} HR digests in ${secs(t0)}`);
t0 = performance.now();
const again = await runWeeklyReminders(now);
console.log(`same week again: ${again.behindPace.written + again.hrDigest.written} written in ${secs(t0)} (idempotent)`);

const usage = process.memoryUsage();
console.log(`\nbench process: RSS ${mib(usage.rss)}, peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}, JS heap ${mib(usage.heapUsed)}`);
const rootId = national.result.unit.id;
const countyId = county[0].id;
await disconnect();

// ---------------------------------------------------------------------------
// Through the production server, when the build has the compliance routes
// ---------------------------------------------------------------------------
if (!existsSync("build/server/index.js")) {
  console.log("\nno build/: measured the module functions only");
} else {
  const port = 3190;
  const server = spawn("node", ["--max-semi-space-size=64", "server.js"], { env: { ...process.env, PORT: String(port), ACCESS_LOG: "off", NODE_ENV: "production", COOKIE_SECURE: "false" }, stdio: "inherit" });
  const origin = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${origin}/healthz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    const cookieFor = async (identifier: string) => {
      const login = await fetch(`${origin}/login`, { method: "POST", body: new URLSearchParams({ identifier, password: "Demo2025pass" }), redirect: "manual", headers: { origin } });
      return (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    };
    const adminCookie = await cookieFor("ADMIN001");
    const hrCookie = await cookieFor("HR330001");
    const probe = await fetch(`${origin}/compliance/units/${rootId}?year=${currentYear}`, { headers: { cookie: adminCookie } });
    if (probe.status !== 200) {
      console.log(`\nproduction server: /compliance/units answered ${probe.status} (build/ predates the compliance routes?): module figures only`);
    } else {
      console.log(`\nproduction server (port ${port}, one worker per core), sequential GETs of the whole page (SSR HTML):`);
      const get = (url: string, cookie: string) => async () => {
        const r = await fetch(url, { headers: { cookie } });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
      };
      await time("GET national dashboard page", get(`${origin}/compliance/units/${rootId}?year=${currentYear}`, adminCookie));
      await time("GET county dashboard page", get(`${origin}/compliance/units/${countyId}?year=${currentYear}`, hrCookie));
      const pids = [server.pid!, ...readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)];
      const rss = pids.map((pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024);
      console.log(`server RSS: ${rss.map(mib).join(" + ")} (primary + workers)`);
    }
  } finally {
    server.kill("SIGTERM");
  }
}
