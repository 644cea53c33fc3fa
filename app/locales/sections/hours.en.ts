import type zh from "./hours.zh-CN";
import type { Shape } from "../shape";

/** Section "hours" of the English dictionary; typed against the Chinese one. */
const hours: Shape<typeof zh> = {
  errors: {
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
