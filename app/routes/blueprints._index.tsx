import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { canAnywhere } from "~/modules/access/rules";
import { listBlueprints } from "~/modules/syllabus/blueprints.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.view");
  const blueprints = await listBlueprints(actor);
  return {
    blueprints: blueprints.map((b) => ({
      id: b.id,
      code: b.code,
      name: b.name,
      examType: b.examType,
      ownerUnitName: b.ownerUnitName,
      questions: b.summary.questions,
      marks: b.summary.marks,
    })),
    canCreate: canAnywhere(actor, "blueprint.manage"),
  };
}

export default function Blueprints() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { blueprints, canCreate } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={t("blueprints.title")}
        intro={t("blueprints.intro")}
        actions={
          canCreate ? (
            <Link to="/blueprints/new" className="btn">
              {t("blueprints.new")}
            </Link>
          ) : null
        }
      />
      {blueprints.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("blueprints.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="blueprints-table">
            <thead>
              <tr>
                <th>{t("blueprints.name")}</th>
                <th className="hidden sm:table-cell">{t("blueprints.examType")}</th>
                <th className="hidden md:table-cell">{t("blueprints.owner")}</th>
                <th className="text-right">{t("blueprints.questions")}</th>
                <th className="text-right">{t("blueprints.marks")}</th>
              </tr>
            </thead>
            <tbody>
              {blueprints.map((b) => (
                <tr key={b.id}>
                  <td className="min-w-40">
                    <Link to={`/blueprints/${b.id}`}>{b.name}</Link>
                    <div className="font-mono text-xs text-slate-500">{b.code}</div>
                    <div className="text-xs text-slate-500 sm:hidden">{t(`blueprints.examTypes.${b.examType}`)}</div>
                  </td>
                  <td className="hidden sm:table-cell">{t(`blueprints.examTypes.${b.examType}`)}</td>
                  <td className="hidden md:table-cell">{b.ownerUnitName}</td>
                  <td className="text-right tabular-nums">{formatNumber(b.questions, locale)}</td>
                  <td className="text-right tabular-nums">{formatNumber(b.marks, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
