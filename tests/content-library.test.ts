import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "~/cli/seed/seed.server";
import { readLibrary } from "~/modules/courseware/library.server";

// The shipped course library must always import: every lesson compiles under the MDX
// restrictions, and every syllabus code and knowledge-check question it names exists.
beforeAll(async () => {
  await seed({ officers: 5 });
}, 120_000);

describe("content/courses", () => {
  it("has at least 4 courses and 16 lessons, all valid", async () => {
    const { courses, problems } = await readLibrary();
    expect(problems).toEqual([]);
    expect(courses.length).toBeGreaterThanOrEqual(4);
    expect(courses.reduce((n, c) => n + c.lessons.length, 0)).toBeGreaterThanOrEqual(16);
  });

  it("cites laws and syllabus topics in every lesson, and checks knowledge in every lesson", async () => {
    const { courses } = await readLibrary();
    for (const course of courses) {
      for (const lesson of course.lessons) {
        expect(lesson.meta.laws.length, lesson.file).toBeGreaterThan(0);
        expect(lesson.meta.syllabusCodes.length, lesson.file).toBeGreaterThan(0);
        expect(lesson.questionIds.length, lesson.file).toBeGreaterThan(0);
      }
    }
  });
});
