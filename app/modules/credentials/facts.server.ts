import { db } from "~/lib/db.server";
import type { PersonFacts } from "./rules";

/*
 * What the credential rules need to know about people, read in batches (a whole unit at
 * once): category and status, exam passes (ExamAttempt.passed — a regrade that fails an
 * attempt takes the pass away; ExamPass rows are not revoked), class completions by class
 * type, and professional hours per year (credited + carried in, from HoursYearSummary).
 * Only facts up to `asOf` are returned.
 */

const CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

export async function personFacts(personIds: string[], asOf: Date): Promise<Map<string, PersonFacts>> {
  const ids = [...new Set(personIds)];
  const facts = new Map<string, PersonFacts>();
  for (const part of chunks(ids)) {
    const [people, attempts, enrolments, summaries] = await Promise.all([
      db.person.findMany({ where: { id: { in: part } }, select: { id: true, category: true, inEnforcementSystem: true, status: true } }),
      db.examAttempt.findMany({
        where: { personId: { in: part }, passed: true, submittedAt: { not: null, lte: asOf } },
        select: { personId: true, submittedAt: true, exam: { select: { examType: true } } },
      }),
      db.classEnrolment.findMany({
        where: { personId: { in: part }, status: "COMPLETED", completedAt: { not: null, lte: asOf } },
        select: { personId: true, completedAt: true, class: { select: { type: true } } },
      }),
      db.hoursYearSummary.findMany({
        where: { personId: { in: part } },
        select: { personId: true, year: true, professionalCredited: true, professionalCarriedIn: true },
      }),
    ]);
    for (const p of people) {
      facts.set(p.id, {
        personId: p.id,
        category: p.category,
        inEnforcementSystem: p.inEnforcementSystem,
        status: p.status,
        examPasses: [],
        classCompletions: [],
        hoursByYear: {},
      });
    }
    for (const a of attempts) facts.get(a.personId)?.examPasses.push({ examType: a.exam.examType, at: a.submittedAt! });
    for (const e of enrolments) facts.get(e.personId)?.classCompletions.push({ classType: e.class.type, at: e.completedAt! });
    for (const s of summaries) {
      const f = facts.get(s.personId);
      if (f) f.hoursByYear[s.year] = s.professionalCredited + s.professionalCarriedIn;
    }
  }
  for (const f of facts.values()) {
    f.examPasses.sort((a, b) => b.at.getTime() - a.at.getTime());
    f.classCompletions.sort((a, b) => b.at.getTime() - a.at.getTime());
  }
  return facts;
}

/** One person's facts (404-free: null when the person does not exist). */
export async function factsOf(personId: string, asOf: Date): Promise<PersonFacts | null> {
  return (await personFacts([personId], asOf)).get(personId) ?? null;
}
