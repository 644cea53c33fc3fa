/** Section "results" of the Chinese dictionary (kept in its own file; merged in ../zh-CN.ts). */
const results = {
  title: "",
};

export default results;
