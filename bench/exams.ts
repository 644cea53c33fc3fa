/*
 * Exam sitting benchmark (issue 5) against the production server (`npm run build` first):
 *  1. the machine's ceiling: a bare better-sqlite3 upsert, one commit each, synchronous=FULL;
 *  2. 10,000 candidates start a drawn paper (20,000-question bank) within 60 s, over HTTP;
 *  3. autosave throughput and latency, over HTTP, 200 candidates saving as fast as they can;
 *  4. 10,000 submissions in the final minute, each sent twice (a double click): none lost or doubled.
 * Prints figures; asserts nothing.  Run: npm run bench:exams [-- --candidates 10000 --questions 20000]
 */
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { candidates: { type: "string", default: "10000" }, questions: { type: "string", default: "20000" }, window: { type: "string", default: "60" } } });
const CANDIDATES = Number(values.candidates);
const QUESTIONS = Number(values.questions);
const WINDOW_S = Number(values.window);

const dir = path.resolve("tests/.tmp");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench-exams.db");
for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET_KEY ??= Buffer.alloc(32, 1).toString("base64");

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const ms = (v: number) => `${v.toFixed(0)} ms`;

// ---------------------------------------------------------------------------
// 1. Ceiling: a bare upsert, one transaction (and fsync) each.
// ---------------------------------------------------------------------------
const scratch = path.join(dir, "bench-ceiling.db");
for (const s of ["", "-wal", "-shm"]) rmSync(scratch + s, { force: true });
const bare = new Database(scratch);
bare.pragma("journal_mode = WAL");
bare.pragma("synchronous = FULL");
bare.exec(`CREATE TABLE answer (attempt TEXT, question TEXT, response TEXT, seq INTEGER, PRIMARY KEY (attempt, question))`);
const upsert = bare.prepare(`INSERT INTO answer VALUES (?, ?, ?, ?) ON CONFLICT (attempt, question) DO UPDATE SET response = excluded.response, seq = excluded.seq WHERE excluded.seq >= answer.seq`);
let bareOps = 0;
const bareStart = performance.now();
while (performance.now() - bareStart < 3_000) upsert.run(`a${bareOps % 500}`, `q${bareOps % 66}`, '{"type":"SINGLE","choice":"A"}', bareOps++);
const ceiling = bareOps / ((performance.now() - bareStart) / 1000);
bare.close();
console.log(`ceiling: bare SQLite upsert, one commit each (synchronous=FULL): ${ceiling.toFixed(0)} /s`);

// ---------------------------------------------------------------------------
// Data: officers with sessions, a 20,000-question bank, a published national exam.
// ---------------------------------------------------------------------------
const { applyMigrations } = await import("../app/cli/migrations");
const { seed } = await import("../app/cli/seed/seed.server");
const { readSeedQuestions } = await import("../app/cli/seed/question-bank.server");
const { importIntoBank } = await import("../app/modules/questions/questions.server");
const { SYSTEM_ACTOR } = await import("../app/lib/audit.server");
const { db, write, disconnect } = await import("../app/lib/db.server");
const { cliActor } = await import("../app/cli/actor");
const { saveExam, publishExam } = await import("../app/modules/exams/exams.server");
const { examSettingsSchema, toShanghaiWallClock } = await import("../app/modules/exams/rules");

let t0 = performance.now();
await applyMigrations(process.env.DATABASE_URL);
await seed({ officers: CANDIDATES, log: () => {} });
const bank = await db.questionBank.findFirstOrThrow({ where: { unit: { level: "NATIONAL" } } });
const base = readSeedQuestions();
const items = [];
for (let i = 0; (await db.question.count()) + items.length < QUESTIONS; i++) {
  const q = base[i % base.length];
  items.push({ content: { ...q, stem: `${q.stem}（第${Math.floor(i / base.length) + 1}套）` } });
  if (items.length >= 2_000) {
    await importIntoBank({ audit: SYSTEM_ACTOR, userId: null, bypassScope: true }, bank.id, items.splice(0));
  }
}
if (items.length) await importIntoBank({ audit: SYSTEM_ACTOR, userId: null, bypassScope: true }, bank.id, items.splice(0));
await write((tx) => tx.$executeRawUnsafe(`UPDATE "Question" SET "status" = 'ACTIVE' WHERE "status" <> 'ACTIVE'`));
console.log(`data: ${await db.question.count({ where: { status: "ACTIVE" } })} active questions, ${await db.person.count()} people (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

const people = await db.person.findMany({ where: { user: null }, select: { id: true }, take: CANDIDATES });
const cookies: string[] = [];
await write(async (tx) => {
  for (let i = 0; i < people.length; i += 200) {
    const chunk = people.slice(i, i + 200);
    const users = chunk.map((p) => ({ id: randomUUID(), personId: p.id }));
    await tx.user.createMany({ data: users.map((u) => ({ ...u, passwordHash: "bench-no-login", mustChangePassword: false })) });
    const sessions = users.map((u) => ({ id: randomUUID().replaceAll("-", ""), userId: u.id, expiresAt: new Date(Date.now() + 12 * 3_600_000) }));
    await tx.session.createMany({ data: sessions });
    cookies.push(...sessions.map((s) => `sid=${s.id}`));
  }
});

const admin = await cliActor("PA100001");
const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
const blueprint = await db.examBlueprint.findUniqueOrThrow({ where: { code: "ENF-INITIAL" } });
const saved = await saveExam(
  admin,
  null,
  examSettingsSchema.parse({
    code: "BENCH-01",
    title: "bench",
    examType: "CREDENTIAL_INITIAL",
    unitId: national.id,
    blueprintId: blueprint.id,
    paperMode: "DRAWN",
    shuffleQuestions: "on",
    shuffleOptions: "on",
    passMark: 60,
    durationMinutes: 120,
    opensAt: toShanghaiWallClock(new Date(Date.now() - 3_600_000)),
    closesAt: toShanghaiWallClock(new Date(Date.now() + 6 * 3_600_000)),
    attemptsAllowed: 1,
  }),
);
if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
const published = await publishExam(admin, saved.id);
if (!published.ok) throw new Error(published.error);
const examId = saved.id;
const poolSize = await db.examPoolQuestion.count({ where: { examId } });
console.log(`exam: ENF-INITIAL, 66 questions per paper, drawn from a frozen pool of ${poolSize}`);
await disconnect();

// ---------------------------------------------------------------------------
// The production server: one worker per core.
// ---------------------------------------------------------------------------
const port = 3197;
const server = spawn("node", ["--max-semi-space-size=64", ...(process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean), "server.js"], { env: { ...process.env, PORT: String(port), ACCESS_LOG: "off", NODE_ENV: "production", COOKIE_SECURE: "false" }, stdio: "inherit" });
const origin = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${origin}/healthz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}

// ---------------------------------------------------------------------------
// 2. 10,000 starts within the window.
// ---------------------------------------------------------------------------
const attemptIds: string[] = new Array(cookies.length);
const devices = cookies.map(() => randomUUID());
const startLatency: number[] = [];
let startFailures = 0;
t0 = performance.now();
await Promise.all(
  cookies.map(async (cookie, i) => {
    // Arrivals spread uniformly over the window, as a sitting's first minute.
    await new Promise((r) => setTimeout(r, (i / cookies.length) * WINDOW_S * 1000));
    const s = performance.now();
    const response = await fetch(`${origin}/take/${examId}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ deviceId: devices[i] }),
      redirect: "manual",
    });
    startLatency.push(performance.now() - s);
    const location = response.headers.get("location") ?? "";
    const match = location.match(/\/take\/attempts\/([^/?]+)/);
    if (match) attemptIds[i] = match[1];
    else startFailures++;
  }),
);
const startWall = (performance.now() - t0) / 1000;
startLatency.sort((a, b) => a - b);
console.log(
  `starts: ${cookies.length - startFailures}/${cookies.length} in ${startWall.toFixed(1)} s (arrivals over ${WINDOW_S} s)   p50 ${ms(pct(startLatency, 0.5))}   p95 ${ms(pct(startLatency, 0.95))}   max ${ms(startLatency[startLatency.length - 1])}   failures ${startFailures}`,
);

// ---------------------------------------------------------------------------
// 3. Autosave: 200 candidates, each connection saving its own attempt as fast as it can.
// ---------------------------------------------------------------------------
const reader = new Database(file, { readonly: true });
const paperOf = (attemptId: string) =>
  reader.prepare(`SELECT i."questionId", p."type", p."optionKeys" FROM "AttemptItem" i JOIN "ExamPoolQuestion" p ON p."examId" = ? AND p."questionId" = i."questionId" WHERE i."attemptId" = ? AND p."type" = 'SINGLE'`).all(examId, attemptId) as {
    questionId: string;
    type: string;
    optionKeys: string;
  }[];
const savers = attemptIds.slice(0, 200).map((attemptId, i) => ({ attemptId, cookie: cookies[i], device: devices[i], paper: paperOf(attemptId), seq: 0 }));
type Saver = (typeof savers)[number];
function nextBody(me: Saver): string {
  // A new answer to one of the candidate's questions.
  me.seq++;
  const q = me.paper[me.seq % me.paper.length];
  const keys = JSON.parse(q.optionKeys) as string[];
  return JSON.stringify({ attemptId: me.attemptId, deviceId: me.device, saves: [{ key: randomUUID(), questionId: q.questionId, seq: me.seq, flagged: false, response: { type: "SINGLE", choice: keys[me.seq % keys.length] } }] });
}
let clientIndex = 0;
/** Autosave load: `rate` saves/s in total (open loop), or as fast as the connections go (closed loop). */
function saveLoad(rate: number | undefined) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${origin}/take/save`,
        connections: savers.length,
        duration: 15,
        method: "POST",
        ...(rate ? { overallRate: rate } : {}),
        setupClient: (client) => {
          const me = savers[clientIndex++ % savers.length];
          (client as unknown as { me: Saver }).me = me;
          client.setHeaders({ cookie: me.cookie, "content-type": "application/json" });
          client.setBody(nextBody(me));
        },
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on("response", (client) => client.setBody(nextBody((client as unknown as { me: Saver }).me)));
  });
}
const report = (label: string, r: autocannon.Result) =>
  console.log(
    `${label}: ${r.requests.average.toFixed(0)} saves/s   p50 ${r.latency.p50} ms   p90 ${r.latency.p90} ms   p97.5 ${r.latency.p97_5} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   = ${(r.requests.average / ceiling).toFixed(2)} × the bare-upsert ceiling`,
  );
report("autosave at 1,500/s offered (open loop)", await saveLoad(1_500));
report("autosave flat out (200 connections, closed loop)", await saveLoad(undefined));

// ---------------------------------------------------------------------------
// 4. 10,000 submissions in the final minute, each sent twice.
// ---------------------------------------------------------------------------
const submitLatency: number[] = [];
let submitErrors = 0;
t0 = performance.now();
await Promise.all(
  attemptIds.map(async (attemptId, i) => {
    if (!attemptId) return;
    await new Promise((r) => setTimeout(r, (i / attemptIds.length) * WINDOW_S * 1000));
    const send = async () => {
      const s = performance.now();
      const response = await fetch(`${origin}/take/attempts/${attemptId}`, {
        method: "POST",
        headers: { cookie: cookies[i], "content-type": "application/x-www-form-urlencoded", origin },
        body: new URLSearchParams({ intent: "submit" }),
        redirect: "manual",
      });
      submitLatency.push(performance.now() - s);
      if (response.status !== 302 && response.status !== 204) submitErrors++;
    };
    await Promise.all([send(), send()]);
  }),
);
const submitWall = (performance.now() - t0) / 1000;
submitLatency.sort((a, b) => a - b);
const counts = reader
  .prepare(
    `SELECT (SELECT COUNT(*) FROM "ExamAttempt" WHERE "examId" = ? AND "status" = 'SUBMITTED') AS submitted,
            (SELECT COUNT(*) FROM "AttemptEvent" e JOIN "ExamAttempt" a ON a."id" = e."attemptId" WHERE a."examId" = ? AND e."kind" = 'SUBMITTED') AS events,
            (SELECT COUNT(*) FROM "ExamAttempt" WHERE "examId" = ?) AS attempts`,
  )
  .get(examId, examId, examId) as { submitted: number; events: number; attempts: number };
console.log(
  `submits: ${submitLatency.length} requests for ${attemptIds.filter(Boolean).length} attempts in ${submitWall.toFixed(1)} s   p50 ${ms(pct(submitLatency, 0.5))}   p95 ${ms(pct(submitLatency, 0.95))}   errors ${submitErrors}`,
);
console.log(`         attempts ${counts.attempts}, submitted ${counts.submitted}, submission events ${counts.events} (lost: ${counts.attempts - counts.submitted}, doubled: ${counts.events - counts.submitted})`);
reader.close();
server.kill("SIGTERM");
