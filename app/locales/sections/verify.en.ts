import type zh from "./verify.zh-CN";
import type { Shape } from "../shape";

/** Section "verify" of the English dictionary; typed against the Chinese one. */
const verify: Shape<typeof zh> = {
  placeholder: "",
};

export default verify;
