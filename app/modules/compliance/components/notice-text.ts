import type { TFunction } from "i18next";

/*
 * A notice is stored as kind + params and localised when shown. Kinds written by this
 * module ("hours.behindPace", "hours.hrDigest") live in the compliance section under
 * notices.kinds.<kind with "." → "_">; another module's kind "<section>.<name>" is looked
 * up as "<section>.notices.<name>.title/body" when that key exists; otherwise a generic
 * line is shown.
 */
export function noticeText(
  t: TFunction,
  exists: (key: string) => boolean,
  kind: string,
  params: Record<string, unknown>,
): { title: string; body: string } {
  const own = `compliance.notices.kinds.${kind.replaceAll(".", "_")}`;
  if (exists(`${own}.title`)) {
    const body = kind === "hours.behindPace" && (params.projected === null || params.projected === undefined) ? `${own}.bodyNoProjection` : `${own}.body`;
    return { title: t(`${own}.title`, params), body: t(body, params) };
  }
  const dot = kind.indexOf(".");
  if (dot > 0) {
    const other = `${kind.slice(0, dot)}.notices.${kind.slice(dot + 1)}`;
    if (exists(`${other}.title`)) return { title: t(`${other}.title`, params), body: exists(`${other}.body`) ? t(`${other}.body`, params) : "" };
  }
  return { title: t("compliance.notices.unknown"), body: "" };
}
