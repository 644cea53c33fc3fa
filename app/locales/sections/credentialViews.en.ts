import type zh from "./credentialViews.zh-CN";
import type { Shape } from "../shape";

/** Section "credentialViews" of the English dictionary; typed against the Chinese one. */
const credentialViews: Shape<typeof zh> = {
  placeholder: "",
};

export default credentialViews;
