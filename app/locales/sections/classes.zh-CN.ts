/** Section "classes" of the Chinese dictionary. */
const classes = {
  placeholder: "",
};

export default classes;
