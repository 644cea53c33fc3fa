/** Section "ledger" of the Chinese dictionary. */
const ledger = {
  placeholder: "",
};

export default ledger;
