import type { Actor } from "~/lib/actor.server";
import { db } from "~/lib/db.server";
import { managesClass } from "./access.server";
import { attendanceGrid } from "./attendance.server";
import { organiserClass, participantClass } from "./classes.server";
import { surveySummary } from "./survey.server";

/*
 * The class page's data: organisers (class.manage over the class's unit) get the full view —
 * enrolments, attendance grid, survey summary — plus their own enrolment if they have one;
 * everyone else gets the participant view (404 unless enrolled or in the audience of an
 * open class).
 */
export async function classPage(actor: Actor, id: string) {
  const row = await db.trainingClass.findUnique({
    where: { id },
    select: { unitId: true },
  });
  if (row && (await managesClass(actor, row.unitId))) {
    const [organiser, attendance, survey, own] = await Promise.all([
      organiserClass(actor, id),
      attendanceGrid(actor, id),
      surveySummary(actor, id),
      db.classEnrolment.findUnique({
        where: { classId_personId: { classId: id, personId: actor.personId } },
      }),
    ]);
    return {
      kind: "organiser" as const,
      ...organiser,
      attendance,
      survey,
      own: own
        ? { status: own.status, certificateCode: own.certificateCode }
        : null,
    };
  }
  return {
    kind: "participant" as const,
    ...(await participantClass(actor, id)),
  };
}
