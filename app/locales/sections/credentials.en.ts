import type zh from "./credentials.zh-CN";
import type { Shape } from "../shape";

/** Section "credentials" of the English dictionary; typed against the Chinese one. */
const credentials: Shape<typeof zh> = {
  placeholder: "",
};

export default credentials;
