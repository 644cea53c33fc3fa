import type zh from "./hours.zh-CN";
import type { Shape } from "../shape";

/** Section "hours" of the English dictionary; typed against the Chinese one. */
const hours: Shape<typeof zh> = {
  errors: {
    invalidRules: "The rules have errors; check the marked fields.",
    notFound: "This hours entry does not exist or is outside your scope.",
    ownEntry: "You cannot decide on or correct your own hours.",
    notPending: "This entry has already been decided.",
    alreadyVoided: "This entry is already voided.",
    reasonRequired: "Please give a reason.",
    rejected: "A rejected entry credits nothing; there is nothing to void or correct.",
    changedMeanwhile: "Someone else has just changed this entry. Reload and try again.",
    hours: "Hours must be more than 0, in steps of 0.25.",
    pastYear: "That year has ended; its hours rules can no longer change.",
    scope: "You may not set hours rules for that scope.",
    year: "The year must be between 2000 and 2100.",
    requirement: "The yearly requirement must be 0 to 500 hours in steps of 0.25.",
    threshold: "Each step needs minutes and the hours they earn (in steps of 0.25).",
    thresholds: "Set at least one step for converting online minutes.",
    thresholdOrder: "More minutes may not earn fewer hours, and each minute value may appear once.",
    offPostHoursPerDay: "Off-post training hours per day must be 0.25 to 12 in steps of 0.25.",
    teachingMultiplier: "The teaching multiplier must be between 1 and 5.",
    cap: "A yearly cap per source must be 0 to 500 hours in steps of 0.25.",
    carryOverMax: "With carry-over on, its limit must be above 0, in steps of 0.25.",
  },
};

export default hours;
