import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { noticeText } from "~/modules/compliance/components/notice-text";
import { listNotices, markNoticesRead } from "~/modules/compliance/notices.server";

/** GET /notices?before= — the signed-in person's notices, newest first. POST: mark one (intent=read, id) or all (intent=readAll) read. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const before = new URL(request.url).searchParams.get("before")?.slice(0, 40) || null;
  return listNotices(actor, { before });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "readAll") await markNoticesRead(actor, "all");
  else if (intent === "read" && typeof form.get("id") === "string") await markNoticesRead(actor, { id: String(form.get("id")).slice(0, 40) });
  else badRequest();
  return redirectWithFlash("/notices", { key: "compliance.notices.marked" });
}

export default function Notices() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { items, unread, next } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("compliance.notices.title")}
        intro={t("compliance.notices.intro")}
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="readAll" />
              <button type="submit" className="btn-secondary" disabled={busy} data-testid="notices-read-all">
                {t("compliance.notices.markAllRead")}
              </button>
            </Form>
          ) : null
        }
      />
      {unread > 0 ? (
        <p className="text-sm text-slate-600" data-testid="notices-unread">
          {t("compliance.notices.unread", { count: unread })}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("compliance.notices.empty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="notices">
          {items.map((n) => {
            const text = noticeText(t, (key) => i18n.exists(key), n.kind, n.params);
            return (
              <li key={n.id} className={`card ${n.readAt ? "" : "border-l-4 border-l-emerald-700"}`} data-testid="notice" data-kind={n.kind} data-read={n.readAt ? "1" : "0"}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium">
                      {n.readAt ? null : <span className="mr-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900">{t("compliance.notices.new")}</span>}
                      {text.title}
                    </p>
                    {text.body ? <p className="mt-1 text-sm text-slate-700">{text.body}</p> : null}
                    <p className="mt-1 text-xs text-slate-500">{formatDateTime(n.createdAt, locale)}</p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {n.link ? (
                      <Link to={n.link} className="btn-secondary" data-testid="notice-open">
                        {t("compliance.notices.open")}
                      </Link>
                    ) : null}
                    {n.readAt ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="read" />
                        <input type="hidden" name="id" value={n.id} />
                        <button type="submit" className="btn-secondary" disabled={busy} data-testid="notice-read">
                          {t("compliance.notices.markRead")}
                        </button>
                      </Form>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {next ? (
        <Link to={`/notices?before=${next}`} className="btn-secondary inline-block" rel="next">
          {t("compliance.notices.more")}
        </Link>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
