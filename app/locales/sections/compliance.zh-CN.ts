/** Section "compliance" of the Chinese dictionary. */
const compliance = {
  placeholder: "",
};

export default compliance;
