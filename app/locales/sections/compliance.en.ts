import type zh from "./compliance.zh-CN";
import type { Shape } from "../shape";

/** Section "compliance" of the English dictionary; typed against the Chinese one. */
const compliance: Shape<typeof zh> = {
  placeholder: "",
};

export default compliance;
