import type zh from "./take.zh-CN";
import type { Shape } from "../shape";

/** Section "take" of the English dictionary; typed against the Chinese one. */
const take: Shape<typeof zh> = {
  title: "",
};

export default take;
