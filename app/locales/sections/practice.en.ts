import type zh from "./practice.zh-CN";
import type { Shape } from "../shape";

/** Section "practice" of the English dictionary; typed against the Chinese one. */
const practice: Shape<typeof zh> = {
  title: "",
};

export default practice;
