import type zh from "./marking.zh-CN";
import type { Shape } from "../shape";

/** Section "marking" of the English dictionary; typed against the Chinese one. */
const marking: Shape<typeof zh> = {
  title: "",
};

export default marking;
