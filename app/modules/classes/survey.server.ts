import type { Actor } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { db, write } from "~/lib/db.server";
import { notFound } from "~/lib/request.server";
import { actorAudit } from "~/modules/org/org.server";
import { managedClass } from "./access.server";
import {
  PARTICIPANT,
  SURVEY_ASPECTS,
  surveyAverages,
  type SurveyInput,
  type SurveyRatings,
} from "./rules";

/*
 * The evaluation survey (培训评估): a participant (enrolled, completed or incomplete) answers
 * once — ratings 1–5 for content, trainers, organisation and usefulness, and a comment.
 * Responses are append-only (unique per class and person). Organisers see averages and the
 * count, and the comments without names.
 */

export async function submitSurvey(
  actor: Actor,
  classId: string,
  input: SurveyInput
): Promise<{ ok: true } | { ok: false; error: string }> {
  const enrolment = await db.classEnrolment.findUnique({
    where: { classId_personId: { classId, personId: actor.personId } },
  });
  if (!enrolment) notFound();
  if (!(PARTICIPANT as readonly string[]).includes(enrolment.status))
    return { ok: false, error: "classes.errors.notParticipant" };
  const cls = await db.trainingClass.findUniqueOrThrow({
    where: { id: classId },
    select: { unitId: true, status: true },
  });
  if (cls.status === "CANCELLED")
    return { ok: false, error: "classes.errors.notRunning" };
  const ratings: SurveyRatings = {
    content: input.content,
    trainers: input.trainers,
    organisation: input.organisation,
    usefulness: input.usefulness,
  };
  return write(async (tx) => {
    const done = await tx.classSurveyResponse.findUnique({
      where: { classId_personId: { classId, personId: actor.personId } },
      select: { id: true },
    });
    if (done) return { ok: false as const, error: "classes.errors.surveyDone" };
    const row = await tx.classSurveyResponse.create({
      data: {
        classId,
        personId: actor.personId,
        ratings: JSON.stringify(ratings),
        comment: input.comment ?? "",
      },
    });
    await audit(tx, actorAudit(actor), {
      action: "class.survey.submit",
      objectType: "ClassSurveyResponse",
      objectId: row.id,
      unitId: cls.unitId,
      after: ratings,
    });
    return { ok: true as const };
  });
}

function parseRatings(json: string): SurveyRatings | null {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    if (SURVEY_ASPECTS.every((a) => typeof v[a] === "number"))
      return v as SurveyRatings;
  } catch {
    // ignore a malformed row
  }
  return null;
}

/** Averages, count and the latest comments (no names) for the organiser. */
export async function surveySummary(actor: Actor, classId: string) {
  await managedClass(actor, classId);
  const rows = await db.classSurveyResponse.findMany({
    where: { classId },
    orderBy: { createdAt: "desc" },
  });
  const ratings = rows
    .map((r) => parseRatings(r.ratings))
    .filter((r): r is SurveyRatings => !!r);
  return {
    ...surveyAverages(ratings),
    comments: rows
      .map((r) => r.comment)
      .filter((c) => c.trim())
      .slice(0, 50),
  };
}
