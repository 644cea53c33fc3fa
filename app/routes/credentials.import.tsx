import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { data, Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatNumber, requestLocale, type Locale } from "~/lib/i18n";
import { ReportNav } from "~/modules/credentials/components/report-nav";
import { MAX_IMPORT_ROWS, type ImportError } from "~/modules/credentials/import";
import { checkUpload, commitUpload, importTemplate, type ImportSummary } from "~/modules/credentials/import.server";
import { MAX_IMPORT_MB } from "~/modules/credentials/import";
import { XLSX_TYPE } from "~/modules/credentials/reports.server";

/*
 * GET/POST /credentials/import — existing credentials from .xlsx (credential.issue).
 * 1 upload: the whole file is checked, every error with its row, nothing written;
 * 2 import: checked again and written in one transaction. ?template=1 downloads the template.
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  if (new URL(request.url).searchParams.get("template")) {
    const buffer = await importTemplate(requestLocale(request));
    return new Response(new Uint8Array(buffer), {
      headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="credentials-import.xlsx"`, "Content-Length": String(buffer.length), "Cache-Control": "no-store" },
    });
  }
  return null;
}

type ActionData = { stage: "errors"; errors: ImportError[] } | { stage: "checked"; token: string; fileName: string; summary: ImportSummary };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_MB * 1_048_576 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data<ActionData>({ stage: "errors", errors: [{ row: 0, message: "credentialViews.import.errors.fileTooLarge", params: { mb: MAX_IMPORT_MB } }] }, { status: 413 });
    }
    throw error;
  }
  const intent = form.get("intent");
  if (intent === "check") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return data<ActionData>({ stage: "errors", errors: [{ row: 0, message: "credentialViews.import.errors.fileMissing" }] }, { status: 400 });
    const result = await checkUpload(actor, file.name, Buffer.from(await file.arrayBuffer()));
    if (!result.ok) return data<ActionData>({ stage: "errors", errors: result.errors }, { status: 422 });
    return data<ActionData>({ stage: "checked", token: result.token, fileName: result.fileName, summary: result.summary });
  }
  if (intent === "import") {
    const result = await commitUpload(actor, String(form.get("token") ?? ""));
    if (!result.ok) return data<ActionData>({ stage: "errors", errors: result.errors }, { status: 422 });
    return redirectWithFlash("/credentials/manage", { key: "credentialViews.import.done", params: { count: result.summary.rows } });
  }
  return data<ActionData>({ stage: "errors", errors: [{ row: 0, message: "credentialViews.import.errors.fileMissing" }] }, { status: 400 });
}

function Errors({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation();
  const fileErrors = errors.filter((e) => e.row === 0);
  const rowErrors = errors.filter((e) => e.row > 0);
  return (
    <section aria-labelledby="import-errors-title">
      <Notice kind="error">
        <span id="import-errors-title" data-testid="import-failed" data-count={errors.length}>
          {t("credentialViews.import.failed", { count: errors.length })}
        </span>
        {fileErrors.map((e, i) => (
          <span key={i} className="mt-1 block">
            {t(e.message, e.params ?? {})}
          </span>
        ))}
      </Notice>
      {rowErrors.length > 0 ? (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="import-errors">
            <thead>
              <tr>
                <th>{t("credentialViews.import.row")}</th>
                <th>{t("credentialViews.import.column")}</th>
                <th>{t("credentialViews.import.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((e, i) => (
                <tr key={i} data-row={e.row} data-column={e.column ?? ""}>
                  <td className="tabular-nums">{e.row}</td>
                  <td className="whitespace-nowrap">{e.column ? t(`credentialViews.import.columns.${e.column}`) : ""}</td>
                  <td>{t(e.message, e.params ?? {})}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export default function ImportCredentials() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  return (
    <div className="space-y-4">
      <PageHeader title={t("credentialViews.import.title")} intro={t("credentialViews.import.intro")} />
      <ReportNav canIssue />
      <section className="card space-y-4">
        <a href="/credentials/import?template=1" className="btn-secondary" download data-testid="import-template">
          {t("credentialViews.import.template")}
        </a>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <input type="hidden" name="intent" value="check" />
          <div>
            <label htmlFor="file" className="label">
              {t("credentialViews.import.file")}
            </label>
            <input
              id="file"
              name="file"
              type="file"
              required
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="block w-full text-sm"
              aria-describedby="file-hint"
            />
            <p id="file-hint" className="mt-1 text-xs text-slate-500">
              {t("credentialViews.import.fileHint", { mb: MAX_IMPORT_MB, rows: formatNumber(MAX_IMPORT_ROWS, locale) })}
            </p>
          </div>
          <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="import-check">
            {t("credentialViews.import.check")}
          </button>
        </Form>
      </section>
      {result?.stage === "errors" ? <Errors errors={result.errors} /> : null}
      {result?.stage === "checked" ? (
        <section className="card space-y-3" data-testid="import-ready" data-rows={result.summary.rows}>
          <p className="text-sm">{t("credentialViews.import.ready", { rows: formatNumber(result.summary.rows, locale), people: formatNumber(result.summary.people, locale) })}</p>
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium">{t("credentialViews.import.byType")}</dt>
              {Object.entries(result.summary.byType).map(([code, n]) => (
                <dd key={code}>
                  {code}：{formatNumber(n, locale)}
                </dd>
              ))}
            </div>
            <div>
              <dt className="font-medium">{t("credentialViews.import.byStatus")}</dt>
              {Object.entries(result.summary.byStatus).map(([status, n]) => (
                <dd key={status}>
                  {t(`credentialViews.status.${status}`)}：{formatNumber(n, locale)}
                </dd>
              ))}
            </div>
          </dl>
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="token" value={result.token} />
            <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="import-confirm">
              {t("credentialViews.import.confirm")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
