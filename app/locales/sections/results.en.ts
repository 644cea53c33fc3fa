import type zh from "./results.zh-CN";
import type { Shape } from "../shape";

/** Section "results" of the English dictionary; typed against the Chinese one. */
const results: Shape<typeof zh> = {
  title: "",
};

export default results;
