import { cliActor } from "~/cli/actor";
import { db, write, disconnect } from "~/lib/db.server";
import { importLibrary } from "~/modules/courseware/library.server";
import { assignCourse, getAssignment, listAssignments, assignmentLearners } from "~/modules/courseware/assignments.server";
import { seedQuestionBank } from "~/cli/seed/question-bank.server";

if ((await db.syllabusTopic.count()) === 0) await seedQuestionBank();
if ((await db.course.count()) === 0) console.log(await importLibrary({ userId: null, label: "bench" }));
const pa = await cliActor("PA100001");
const national = await db.orgUnit.findFirstOrThrow({ where: { level: "NATIONAL" } });
const courses = await db.course.findMany({ include: { versions: { include: { lessons: true } } } });
for (const c of courses) {
  const r = await assignCourse(pa, { courseId: c.id, target: { kind: "UNIT", unitId: national.id } });
  console.log(c.code, r.ok);
}
if ((await db.learningRecord.count()) === 0) {
  const people = await db.person.findMany({ where: { status: "ACTIVE" }, select: { id: true }, take: 60000 });
  const v = courses[0].versions[0];
  for (let i = 0; i < people.length; i += 5000) {
    await write((tx) => tx.learningRecord.createMany({ data: people.slice(i, i + 5000).flatMap((p, k) => v.lessons.slice(0, (i + k) % 3 === 0 ? v.lessons.length : 1).map((l) => ({ personId: p.id, lessonVersionId: l.id, courseVersionId: v.id, minutes: 10, creditedHours: 0.25 }))) }), { timeoutMs: 60000 });
  }
}
console.log("records", await db.learningRecord.count());
let t = performance.now();
const list = await listAssignments(pa, {});
console.log("list", Math.round(performance.now() - t), "ms", list.items.map((i) => [i.covered, i.completed]));
t = performance.now();
const a = await getAssignment(pa, list.items[list.items.length - 1].id);
console.log("detail", Math.round(performance.now() - t), "ms", a.covered, a.completed);
for (const state of [undefined, "done", "pending"] as const) {
  t = performance.now();
  const l = await assignmentLearners(pa, a.id, { state });
  console.log("learners", state, Math.round(performance.now() - t), "ms", l.learners.length, l.nextAfter);
}
await disconnect();
