/** Section "credentialViews" of the Chinese dictionary. */
const credentialViews = {
  placeholder: "",
};

export default credentialViews;
