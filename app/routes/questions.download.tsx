import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { audit } from "~/lib/audit.server";
import { write } from "~/lib/db.server";
import { isoDateInShanghai, requestLocale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { actorAudit } from "~/modules/org/org.server";
import { FORMAT_FILES, serializeQuestions, type QuestionFormat } from "~/modules/questions/formats";
import { questionsForExport } from "~/modules/questions/questions.server";

/** A bank as a file: /questions/download?bank=<id>&format=xlsx|gift|moodle-xml|aiken[&retired=1]. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.view");
  const params = new URL(request.url).searchParams;
  const bankId = params.get("bank");
  const format = (Object.keys(FORMAT_FILES) as QuestionFormat[]).find((f) => f === params.get("format"));
  if (!bankId || !format) badRequest();
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
  return new Response(body, {
    headers: {
      "Content-Type": FORMAT_FILES[format].mimeType,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Questions-Exported": String(exported.exported),
      "X-Questions-Skipped": String(exported.skipped.length),
      "Cache-Control": "no-store",
    },
  });
}
