import type zh from "./exams.zh-CN";
import type { Shape } from "../shape";

/** Section "exams" of the English dictionary; typed against the Chinese one. */
const exams: Shape<typeof zh> = {
  title: "",
};

export default exams;
