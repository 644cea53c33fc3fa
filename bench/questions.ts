/*
 * Question-bank search benchmark: fills a scratch database with 20,000 questions
 * (the seed bank's questions, varied) and times full-text searches with and without
 * filters, as a provincial trainer. Prints figures; asserts nothing.
 * Run: npm run bench:questions [-- --questions 20000]
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { questions: { type: "string", default: "20000" } } });
const target = Number(values.questions);
const dir = path.resolve("tests/.tmp");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench-questions.db");
for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET_KEY ??= Buffer.alloc(32, 1).toString("base64");

const { applyMigrations } = await import("../app/cli/migrations");
const { seed } = await import("../app/cli/seed/seed.server");
const { readSeedQuestions } = await import("../app/cli/seed/question-bank.server");
const { cliActor } = await import("../app/cli/actor");
const { importIntoBank, searchQuestions, findDuplicates } = await import("../app/modules/questions/questions.server");
const { SYSTEM_ACTOR } = await import("../app/lib/audit.server");
const { db, disconnect } = await import("../app/lib/db.server");

await applyMigrations(process.env.DATABASE_URL);
await seed({ officers: 50 });
const base = readSeedQuestions();
const bank = await db.questionBank.findFirstOrThrow({ where: { name: "浙江省执法培训题库" } });
const t0 = performance.now();
const existing = await db.question.count();
const items = [];
for (let i = 0; existing + items.length < target; i++) {
  const q = base[i % base.length];
  // Vary each copy so stems stay distinct, as a real bank's would.
  items.push({ content: { ...q, stem: `${q.stem}（第${Math.floor(i / base.length) + 1}套）` } });
}
for (let i = 0; i < items.length; i += 2_000) {
  await importIntoBank({ audit: SYSTEM_ACTOR, userId: null, bypassScope: true }, bank.id, items.slice(i, i + 2_000));
}
await db.$executeRawUnsafe("SELECT 1");
console.log(`bank: ${await db.question.count()} questions (inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);

const actor = await cliActor("TR330001");
async function time(label: string, fn: () => Promise<{ total: number } | unknown[]>, runs = 30) {
  let last: { total: number } | unknown[] = [];
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const hits = Array.isArray(last) ? last.length : last.total;
  console.log(
    `${label.padEnd(52)} hits ${String(hits).padStart(6)}   p50 ${samples[Math.floor(runs / 2)].toFixed(1).padStart(6)} ms   p95 ${samples[Math.floor(runs * 0.95)].toFixed(1).padStart(6)} ms`,
  );
}

await time("2-character word 听证", () => searchQuestions(actor, { q: "听证" }));
await time("2-character word 暗管", () => searchQuestions(actor, { q: "暗管" }));
await time("phrase 按日连续处罚", () => searchQuestions(actor, { q: "按日连续处罚" }));
await time("two words 危险废物 转移", () => searchQuestions(actor, { q: "危险废物 转移" }));
await time("word in options only 五年", () => searchQuestions(actor, { q: "五年" }));
await time("word + type SINGLE + topic LAW + difficulty 3", () => searchQuestions(actor, { q: "处罚", type: "SINGLE", topic: "LAW", difficulty: 3 }));
await time("no text, filter topic PEN, status ACTIVE", () => searchQuestions(actor, { topic: "PEN", status: "ACTIVE" }));
await time("no filter (first page)", () => searchQuestions(actor, {}));
await time("single character 罚 (substring fallback)", () => searchQuestions(actor, { q: "罚" }));
await time("duplicate check for a new stem", () => findDuplicates(actor, base[5].stem), 20);
console.log(`\nrss ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MiB`);
await disconnect();
