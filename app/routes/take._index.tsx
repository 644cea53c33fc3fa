import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { myExams } from "~/modules/exams/attempts.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return { exams: await myExams(actor) };
}

const STATE_STYLE = { open: "bg-green-100 text-green-900", upcoming: "bg-sky-100 text-sky-900", closed: "bg-slate-100 text-slate-700" } as const;

export default function MyExams() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { exams } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader title={t("take.title")} intro={t("take.intro")} />
      {exams.length === 0 ? <p className="card text-sm text-slate-600">{t("take.empty")}</p> : null}
      <ul className="space-y-3">
        {exams.map((e) => (
          <li key={e.id} className="card space-y-2" data-testid="my-exam">
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-2 py-0.5 text-xs ${STATE_STYLE[e.state]}`}>{t(`take.state.${e.state}`)}</span>
              <h2 className="font-semibold">{e.title}</h2>
            </div>
            <p className="text-sm text-slate-600">
              {t(`blueprints.examTypes.${e.examType}`)} · {e.unitName} · {t("take.duration", { minutes: e.durationMinutes })}
            </p>
            <p className="text-sm text-slate-600">{t("take.window", { from: formatDateTime(e.opensAt, locale), to: formatDateTime(e.closesAt, locale) })}</p>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              {e.inProgress ? (
                <Link className="btn" to={`/take/attempts/${e.inProgress}`}>
                  {t("take.continue")}
                </Link>
              ) : e.state === "open" && e.attemptsLeft > 0 ? (
                <Link className="btn" to={`/take/${e.id}`}>
                  {t("take.start")}
                </Link>
              ) : null}
              {e.state !== "closed" && !e.inProgress ? <span className="text-slate-600">{t("take.attemptsLeft", { count: e.attemptsLeft })}</span> : null}
              {e.submitted.map((a) => (
                <Link key={a.id} to={`/take/attempts/${a.id}/result`}>
                  {t("take.viewResult", { number: a.number })}
                </Link>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
