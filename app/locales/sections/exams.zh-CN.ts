/** Section "exams" of the Chinese dictionary (kept in its own file; merged in ../zh-CN.ts). */
const exams = {
  title: "",
};

export default exams;
