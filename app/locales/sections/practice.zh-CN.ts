/** Section "practice" of the Chinese dictionary (kept in its own file; merged in ../zh-CN.ts). */
const practice = {
  title: "",
};

export default practice;
