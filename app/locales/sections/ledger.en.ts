import type zh from "./ledger.zh-CN";
import type { Shape } from "../shape";

/** Section "ledger" of the English dictionary; typed against the Chinese one. */
const ledger: Shape<typeof zh> = {
  placeholder: "",
};

export default ledger;
