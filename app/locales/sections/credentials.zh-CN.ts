/** Section "credentials" of the Chinese dictionary. */
const credentials = {
  placeholder: "",
};

export default credentials;
