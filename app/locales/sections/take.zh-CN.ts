/** Section "take" of the Chinese dictionary (kept in its own file; merged in ../zh-CN.ts). */
const take = {
  title: "",
};

export default take;
