import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { data, Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { discardUpload, readUpload, stashUpload } from "~/lib/uploads.server";
import { visibleBanks } from "~/modules/questions/banks.server";
import { checkQuestionFile, importQuestionFile, type ImportCheck } from "~/modules/questions/import.server";
import { syllabusTree } from "~/modules/syllabus/syllabus.server";

const MAX_UPLOAD_MB = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.author");
  const [banks, tree] = await Promise.all([visibleBanks(actor), syllabusTree(actor)]);
  return {
    banks: banks.filter((b) => b.canEdit).map((b) => ({ id: b.id, name: b.name })),
    topics: (tree?.topics ?? []).map((t) => ({ code: t.code, name: t.name, depth: t.depth })),
  };
}

/** What the page needs of a check: the report, without the questions' answers. */
function report(check: ImportCheck) {
  return {
    format: check.format,
    ok: check.ok,
    byType: check.byType,
    problems: check.result.problems,
    unsupported: check.result.unsupported,
    warnings: check.result.warnings,
    ready: check.result.questions.map((q) => ({ line: q.line, type: q.content.type, stem: q.content.stem.replace(/\s+/g, " ").slice(0, 80) })),
  };
}

type ActionData =
  | { stage: "error"; message: string; params?: Record<string, string | number> }
  | { stage: "checked"; check: ReturnType<typeof report>; token: string | null; fileName: string; bankId: string; topic: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.author");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_MB * 1_048_576 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data<ActionData>({ stage: "error", message: "questions.import.fileTooLarge", params: { mb: MAX_UPLOAD_MB } }, { status: 413 });
    }
    throw error;
  }
  const bankId = String(form.get("bankId") ?? "");
  const topic = String(form.get("topic") ?? "");
  if (form.get("intent") === "import") {
    const token = String(form.get("token") ?? "");
    const upload = readUpload(actor.userId, token);
    if (!upload) return data<ActionData>({ stage: "error", message: "questions.import.expired" }, { status: 410 });
    const outcome = await importQuestionFile(actor, {
      fileName: upload.fileName,
      bytes: upload.bytes,
      bankId,
      defaultTopic: topic || undefined,
      skipUnsupported: form.get("skipUnsupported") === "1",
    });
    if (!outcome.ok) return data<ActionData>({ stage: "checked", check: report(outcome.check), token, fileName: upload.fileName, bankId, topic }, { status: 422 });
    discardUpload(token);
    return redirectWithFlash(`/questions?bankId=${encodeURIComponent(bankId)}&status=DRAFT`, { key: "questions.import.success", params: { count: outcome.imported } });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return data<ActionData>({ stage: "error", message: "questions.import.fileMissing" }, { status: 400 });
  const bytes = Buffer.from(await file.arrayBuffer());
  const check = await checkQuestionFile(file.name, bytes, topic || undefined);
  // Only a file that can be imported is kept for the confirmation step.
  const token = check.ok ? stashUpload(actor.userId, file.name, bytes) : null;
  return data<ActionData>({ stage: "checked", check: report(check), token, fileName: file.name, bankId, topic }, { status: check.ok ? 200 : 422 });
}

function CheckReport({ result }: { result: Extract<ActionData, { stage: "checked" }> }) {
  const { t } = useTranslation();
  const { check } = result;
  const { problems, unsupported, warnings, ready } = check;
  return (
    <section className="space-y-4" data-testid="import-report">
      <p className="text-sm text-slate-600">
        {result.fileName} · {t("questions.import.format")}: {check.format ? t(`questions.export.formats.${check.format}`) : "—"}
      </p>
      {problems.length ? (
        <div>
          <Notice kind="error">{t("questions.import.problemsTitle", { count: problems.length })}</Notice>
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="import-problems">
              <thead>
                <tr>
                  <th>{t("questions.import.line")}</th>
                  <th>{t("questions.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.line || ""}</td>
                    <td>
                      {t(p.message, p.params ?? {})}
                      {p.params?.codes ? `：${p.params.codes}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <div className="card text-sm" data-testid="import-ready">
          <p className="font-medium">{t("questions.import.ready", { count: ready.length })}</p>
          <ul className="mt-1 flex flex-wrap gap-3">
            {Object.entries(check.byType).map(([type, count]) => (
              <li key={type}>{t("questions.import.byType", { type: t(`questions.types.${type}`), count })}</li>
            ))}
          </ul>
          <details className="mt-2">
            <summary className="cursor-pointer text-brand-700">{t("questions.import.showQuestions")}</summary>
            <table className="table mt-2" data-testid="import-questions">
              <thead>
                <tr>
                  <th>{t("questions.import.line")}</th>
                  <th>{t("questions.import.kind")}</th>
                  <th>{t("questions.stem")}</th>
                </tr>
              </thead>
              <tbody>
                {ready.map((q) => (
                  <tr key={q.line}>
                    <td>{q.line}</td>
                    <td className="whitespace-nowrap">{t(`questions.types.${q.type}`)}</td>
                    <td>{q.stem}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
      {unsupported.length ? (
        <div className="card">
          <h2 className="mb-2 font-semibold">{t("questions.import.unsupportedTitle")}</h2>
          <table className="table" data-testid="import-unsupported">
            <thead>
              <tr>
                <th>{t("questions.import.line")}</th>
                <th>{t("questions.import.kind")}</th>
                <th>{t("questions.import.name")}</th>
              </tr>
            </thead>
            <tbody>
              {unsupported.map((u, i) => (
                <tr key={i}>
                  <td>{u.line}</td>
                  <td>{t(`questionFormats.kinds.${u.kind}`, { defaultValue: u.kind })}</td>
                  <td>{u.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {warnings.length ? (
        <div className="card text-sm">
          <h2 className="mb-2 font-semibold">{t("questions.import.warningsTitle")}</h2>
          <ul className="list-disc pl-5">
            {warnings.map((w, i) => (
              <li key={i}>
                {w.line ? `${t("questions.import.line")} ${w.line}：` : ""}
                {t(w.message, w.params ?? {})}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {check.ok && result.token ? (
        <Form method="post" encType="multipart/form-data" className="card space-y-3">
          <input type="hidden" name="intent" value="import" />
          <input type="hidden" name="token" value={result.token} />
          <input type="hidden" name="bankId" value={result.bankId} />
          <input type="hidden" name="topic" value={result.topic} />
          {unsupported.length ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="skipUnsupported" value="1" required className="h-5 w-5" />
              {t("questions.import.confirmUnsupported")}
            </label>
          ) : null}
          <button type="submit" className="btn">
            {t("questions.import.confirm")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function ImportQuestions() {
  const { t } = useTranslation();
  const { banks, topics } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  return (
    <div className="space-y-4">
      <PageHeader title={t("questions.import.title")} intro={t("questions.import.intro")} />
      <section className="card space-y-4">
        <a href="/questions/import/template" className="btn-secondary" download>
          {t("questions.import.template")}
        </a>
        <Form method="post" encType="multipart/form-data" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="check" />
          <div className="sm:col-span-2">
            <label htmlFor="file" className="label">
              {t("questions.import.file")}
            </label>
            <input id="file" name="file" type="file" required accept=".xlsx,.gift,.txt,.xml" className="block w-full text-sm" />
          </div>
          <div>
            <label htmlFor="bankId" className="label">
              {t("questions.import.bank")}
            </label>
            <select id="bankId" name="bankId" className="input" defaultValue={result?.stage === "checked" ? result.bankId : undefined}>
              {banks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="topic" className="label">
              {t("questions.import.topic")}
            </label>
            <select id="topic" name="topic" className="input" defaultValue={result?.stage === "checked" ? result.topic : ""}>
              <option value="">{t("questions.import.noTopic")}</option>
              {topics.map((tp) => (
                <option key={tp.code} value={tp.code}>
                  {`${"\u3000".repeat(tp.depth)}${tp.code} ${tp.name}`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("questions.import.upload")}
            </button>
          </div>
        </Form>
      </section>
      {result?.stage === "error" ? <Notice kind="error">{t(result.message, result.params ?? {})}</Notice> : null}
      {result?.stage === "checked" ? <CheckReport result={result} /> : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
