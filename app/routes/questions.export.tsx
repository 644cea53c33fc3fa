import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { write } from "~/lib/db.server";
import { isoDateInShanghai, requestLocale } from "~/lib/i18n";
import { actorAudit } from "~/modules/org/org.server";
import { visibleBanks } from "~/modules/questions/banks.server";
import { FORMAT_FILES, serializeQuestions, type QuestionFormat } from "~/modules/questions/formats";
import { questionsForExport } from "~/modules/questions/questions.server";

const FORMATS = Object.keys(FORMAT_FILES) as QuestionFormat[];

/** Without ?bank=…&format=… shows the form; with them, answers with the file. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.view");
  const params = new URL(request.url).searchParams;
  const bankId = params.get("bank");
  const format = FORMATS.find((f) => f === params.get("format"));
  if (!bankId || !format) {
    return { banks: (await visibleBanks(actor)).map((b) => ({ id: b.id, name: b.name })) };
  }
  const { bank, questions } = await questionsForExport(actor, bankId, params.get("retired") === "1");
  const exported = await serializeQuestions(format, questions, requestLocale(request));
  await write((tx) =>
    audit(tx, actorAudit(actor), {
      action: "question.export",
      objectType: "QuestionBank",
      objectId: bank.id,
      unitId: bank.unit.id,
      after: { format, exported: exported.exported, skipped: exported.skipped.length },
    }),
  );
  const name = `${bank.name}-${isoDateInShanghai(new Date())}${FORMAT_FILES[format].extension}`;
  const body = typeof exported.data === "string" ? exported.data : new Uint8Array(exported.data);
  throw new Response(body, {
    headers: {
      "Content-Type": FORMAT_FILES[format].mimeType,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Questions-Exported": String(exported.exported),
      "X-Questions-Skipped": String(exported.skipped.length),
      "Cache-Control": "no-store",
    },
  });
}

export default function ExportQuestions() {
  const { t } = useTranslation();
  const { banks } = useLoaderData<typeof loader>() as { banks: { id: string; name: string }[] };
  return (
    <div>
      <PageHeader title={t("questions.export.title")} />
      <Form method="get" reloadDocument className="card grid grid-cols-1 gap-3 sm:grid-cols-3">
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
            {FORMATS.map((f) => (
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
