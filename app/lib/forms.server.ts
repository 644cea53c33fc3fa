import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";

/**
 * Turns a module's field errors ({ staffNo: "people.errors.staffNoTaken" }) into
 * Conform's reply, so server-only checks show beside the field like schema errors.
 */
export function replyWithErrors<T>(submission: Submission<T>, errors: Record<string, string>, status = 400) {
  const fieldErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]]));
  return data(submission.reply({ fieldErrors }), { status });
}

export function replyInvalid<T>(submission: Submission<T>) {
  return data(submission.reply(), { status: 400 });
}
