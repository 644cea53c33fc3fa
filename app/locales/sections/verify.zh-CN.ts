/** Section "verify" of the Chinese dictionary. */
const verify = {
  placeholder: "",
};

export default verify;
