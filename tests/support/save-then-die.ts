/*
 * Child process for the crash test (tests/exam-attempts.test.ts): saves answers one at a
 * time and prints each idempotency key only after saveAnswers resolved (what the browser
 * would be told: "saved"). The parent kills this process with SIGKILL mid-stream.
 * Env: DATABASE_URL, APP_SECRET_KEY, STAFF_NO, ATTEMPT_ID, DEVICE_ID, SAVES (JSON array).
 */
import { cliActor } from "~/cli/actor";
import { saveAnswers } from "~/modules/exams/attempts.server";

const actor = await cliActor(process.env.STAFF_NO!);
const saves = JSON.parse(process.env.SAVES!) as { key: string; questionId: string; seq: number; flagged: boolean; response: never }[];
process.stdout.write("ready\n");
let i = 0;
// Keep saving, in overlapping pairs (as a browser with two pending requests would), until killed.
for (;;) {
  const a = saves[i++ % saves.length];
  const b = saves[i++ % saves.length];
  const key = (s: typeof a) => `${s.key}-${i}`;
  const [ra, rb] = await Promise.all([
    saveAnswers(actor, { attemptId: process.env.ATTEMPT_ID!, deviceId: process.env.DEVICE_ID!, saves: [{ ...a, key: key(a), seq: i }] }),
    saveAnswers(actor, { attemptId: process.env.ATTEMPT_ID!, deviceId: process.env.DEVICE_ID!, saves: [{ ...b, key: key(b), seq: i + 1 }] }),
  ]);
  if (ra.ok) process.stdout.write(`${key(a)}\n`);
  if (rb.ok) process.stdout.write(`${key(b)}\n`);
}
