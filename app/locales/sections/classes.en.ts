import type zh from "./classes.zh-CN";
import type { Shape } from "../shape";

/** Section "classes" of the English dictionary; typed against the Chinese one. */
const classes: Shape<typeof zh> = {
  placeholder: "",
};

export default classes;
