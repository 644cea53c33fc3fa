/*
 * Courseware speed: cold compile of each shipped lesson, then HTTP throughput of a cached
 * lesson page and of the heartbeat endpoint against the production server
 * (`npm run build` first). Prints figures; asserts nothing.
 * Run: npm run bench:courseware
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const dir = path.resolve("tests/.tmp");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench-courseware.db");
for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
rmSync(path.join(dir, "mdx-cache"), { recursive: true, force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET_KEY ??= Buffer.alloc(32, 1).toString("base64");

const { applyMigrations } = await import("../app/cli/migrations");
const { seed } = await import("../app/cli/seed/seed.server");
const { compileLesson } = await import("../app/modules/courseware/compile.server");
const { db, disconnect } = await import("../app/lib/db.server");

// Cold compiles (the on-disk cache was removed above; a changed byte defeats memory).
const root = path.resolve("content/courses");
const times: number[] = [];
for (const course of readdirSync(root)) {
  for (const f of readdirSync(path.join(root, course, "lessons"))) {
    const source = readFileSync(path.join(root, course, "lessons", f), "utf8");
    const t0 = performance.now();
    await compileLesson(source);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
console.log(`cold compile of ${times.length} lessons: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);

await applyMigrations(process.env.DATABASE_URL);
await seed({ officers: 20 });
const lesson = await db.lessonVersion.findFirstOrThrow({ orderBy: { position: "asc" } });
await disconnect();

const port = 3199;
// Same flags as `npm run serve` (a larger young generation: fewer GC pauses under SSR load).
const server = spawn("node", ["--max-semi-space-size=64", "server.js"], { env: { ...process.env, PORT: String(port), ACCESS_LOG: "off", NODE_ENV: "production", COOKIE_SECURE: "false" }, stdio: "inherit" });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}
const login = await fetch(`${base}/login`, {
  method: "POST",
  body: new URLSearchParams({ identifier: "LE330101", password: "Demo2025pass" }),
  redirect: "manual",
});
const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
const run = (title: string, opts: autocannon.Options) =>
  new Promise<void>((resolve) => {
    autocannon({ connections: 20, duration: 10, ...opts }, (err, result) => {
      if (err) throw err;
      console.log(`${title.padEnd(40)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}`);
      resolve();
    });
  });
// Warm-up (JIT, caches) is not counted.
await new Promise<void>((resolve) => autocannon({ url: `${base}/learn/lessons/${lesson.id}`, headers: { cookie }, connections: 20, duration: 3 }, () => resolve()));
await run("GET cached lesson page (SSR)", { url: `${base}/learn/lessons/${lesson.id}`, headers: { cookie } });
await run("POST heartbeat", {
  url: `${base}/learn/heartbeat`,
  method: "POST",
  headers: { cookie, "content-type": "application/json", "sec-fetch-site": "same-origin" },
  body: JSON.stringify({ lessonVersionId: lesson.id, visible: true, idleSeconds: 3 }),
});
server.kill("SIGTERM");
