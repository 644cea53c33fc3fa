import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { homeSummary } from "~/modules/org/profile.server";
import { STAFF_CATEGORIES } from "~/modules/people/rules";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return homeSummary(actor);
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const { person, grants, headcount } = useLoaderData<typeof loader>();
  const locale = i18n.language as Locale;
  const total = headcount ? Object.values(headcount).reduce((s, n) => s + (n ?? 0), 0) : 0;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold sm:text-2xl">{t("home.welcome", { name: person.name })}</h1>
      <section className="card" aria-labelledby="me">
        <h2 id="me" className="sr-only">
          {t("account.profile")}
        </h2>
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-slate-500">{t("home.yourUnit")}</dt>
            <dd className="font-medium" data-testid="home-unit">
              {person.unit.name} <span className="text-slate-500">（{t(`levels.${person.unit.level}`)} · {person.unit.code}）</span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("home.staffNo")}</dt>
            <dd className="font-medium">{person.staffNo}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("home.category")}</dt>
            <dd className="font-medium">{t(`people.category.${person.category}`)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("home.post")}</dt>
            <dd className="font-medium">{person.post}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="roles">
        <h2 id="roles" className="mb-2 font-semibold">
          {t("home.yourRoles")}
        </h2>
        <ul className="flex flex-wrap gap-2" data-testid="home-roles">
          {grants.map((g, i) => (
            <li key={i} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800">
              {t("home.roleAt", { role: t(`roles.${g.roleKey}`), unit: g.unitName })}
            </li>
          ))}
        </ul>
      </section>
      {headcount ? (
        <section className="card" aria-labelledby="headcount">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="headcount" className="font-semibold">
              {t("home.headcountTitle")}
            </h2>
            <Link to="/people">{t("nav.people")} →</Link>
          </div>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            <div className="rounded-md bg-brand-50 p-3">
              <dt className="text-xs text-slate-600">{t("home.headcountTotal")}</dt>
              <dd className="text-2xl font-semibold" data-testid="headcount-total">
                {formatNumber(total, locale)}
              </dd>
            </div>
            {STAFF_CATEGORIES.map((c) => (
              <div key={c} className="rounded-md bg-slate-50 p-3">
                <dt className="text-xs text-slate-600">{t(`people.category.${c}`)}</dt>
                <dd className="text-2xl font-semibold">{formatNumber(headcount[c] ?? 0, locale)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : (
        <section className="card space-y-3 text-sm text-slate-700">
          <p>{t("home.learnerNote")}</p>
          <div className="flex flex-wrap gap-2">
            <Link to="/learn" className="btn">
              {t("nav.learn")}
            </Link>
            <Link to="/learn/mine" className="btn-secondary">
              {t("learn.mine")}
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
