import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { visibleBanks } from "~/modules/questions/banks.server";
import { FORMAT_FILES, type QuestionFormat } from "~/modules/questions/formats";

const FORMATS = Object.keys(FORMAT_FILES) as QuestionFormat[];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.view");
  return { banks: (await visibleBanks(actor)).map((b) => ({ id: b.id, name: b.name })), formats: FORMATS };
}

export default function ExportQuestions() {
  const { t } = useTranslation();
  const { banks, formats } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("questions.export.title")} />
      <Form method="get" action="/questions/download" reloadDocument className="card grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="bank" className="label">
            {t("questions.bank")}
          </label>
          <select id="bank" name="bank" className="input">
            {banks.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="format" className="label">
            {t("questions.export.format")}
          </label>
          <select id="format" name="format" className="input">
            {formats.map((f) => (
              <option key={f} value={f}>
                {t(`questions.export.formats.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="retired" value="1" className="h-5 w-5" />
          {t("questions.export.includeRetired")}
        </label>
        <div>
          <button type="submit" className="btn">
            {t("questions.export.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
