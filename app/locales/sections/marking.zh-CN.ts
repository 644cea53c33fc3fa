/** Section "marking" of the Chinese dictionary (kept in its own file; merged in ../zh-CN.ts). */
const marking = {
  title: "",
};

export default marking;
