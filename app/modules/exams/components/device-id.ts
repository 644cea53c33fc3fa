/*
 * A random id for this browser, kept in localStorage: the server records which device
 * holds an attempt, so a second device must take over explicitly (and is audited).
 */
const KEY = "exam-device-id";

export function deviceId(): string {
  let id = window.localStorage.getItem(KEY);
  if (!id) {
    id = crypto.randomUUID();
    window.localStorage.setItem(KEY, id);
  }
  return id;
}
