import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { data, Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { IMPORT_FIELDS, mappingFromForm, MAX_IMPORT_MB, REQUIRED_IMPORT_FIELDS, type ImportError, type ImportMapping } from "~/modules/hours/import";
import { checkImport, commitImport, inspectImport, type ImportPreview, type ImportSummary } from "~/modules/hours/import.server";
import { formatHours } from "~/modules/hours/components/year-overview";

/*
 * GET/POST /hours/import — hours from another platform's .xlsx/.csv (hours.approve).
 * 1 upload → choose which column is which; 2 check the whole file (every error with its
 * row number, nothing written); 3 import everything in one transaction.
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "hours.approve");
  return null;
}

type ActionData =
  | { stage: "error"; message: string; params?: Record<string, string | number> }
  | { stage: "map"; preview: ImportPreview; errors: ImportError[] }
  | { stage: "checked"; preview: ImportPreview; summary: ImportSummary };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "hours.approve");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_MB * 1_048_576 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data<ActionData>({ stage: "error", message: "ledger.import.errors.fileTooLarge", params: { mb: MAX_IMPORT_MB } }, { status: 413 });
    throw error;
  }
  const intent = form.get("intent");
  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return data<ActionData>({ stage: "error", message: "ledger.import.errors.fileMissing" }, { status: 400 });
    const result = await inspectImport(actor, file.name, Buffer.from(await file.arrayBuffer()));
    if (!result.ok) return data<ActionData>({ stage: "error", message: result.error, params: result.params }, { status: 422 });
    return data<ActionData>({ stage: "map", preview: result.preview, errors: [] });
  }
  const token = String(form.get("token") ?? "");
  const mapping: ImportMapping = mappingFromForm((name) => form.get(name));
  if (intent === "check") {
    const result = await checkImport(actor, token, mapping);
    if (!result.ok) {
      if (!result.preview) return data<ActionData>({ stage: "error", message: result.errors[0]?.message ?? "ledger.import.errors.expired" }, { status: 410 });
      return data<ActionData>({ stage: "map", preview: result.preview, errors: result.errors }, { status: 422 });
    }
    return data<ActionData>({ stage: "checked", preview: result.preview, summary: result.summary });
  }
  if (intent === "import") {
    const status = form.get("status") === "PENDING" ? "PENDING" : "APPROVED";
    const result = await commitImport(actor, token, mapping, status);
    if (!result.ok) {
      if (!result.preview) return data<ActionData>({ stage: "error", message: result.errors[0]?.message ?? "ledger.import.errors.expired" }, { status: 410 });
      return data<ActionData>({ stage: "map", preview: result.preview, errors: result.errors }, { status: 422 });
    }
    const flash = { key: status === "PENDING" ? "ledger.flash.importedPending" : "ledger.flash.imported", params: { count: result.summary.rows, hours: result.summary.totalHours } };
    return redirectWithFlash(status === "PENDING" ? "/hours/approvals?source=EXTERNAL_IMPORT" : "/hours/import", flash);
  }
  return data<ActionData>({ stage: "error", message: "ledger.import.errors.fileMissing" }, { status: 400 });
}

/** Hidden inputs carrying the file token and the chosen mapping to the next step. */
function MappingHidden({ preview }: { preview: ImportPreview }) {
  return (
    <>
      <input type="hidden" name="token" value={preview.token} />
      {IMPORT_FIELDS.map((f) => (preview.mapping[f] === undefined ? null : <input key={f} type="hidden" name={`map_${f}`} value={preview.mapping[f]} />))}
    </>
  );
}

function MapStep({ preview, errors }: { preview: ImportPreview; errors: ImportError[] }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const fileErrors = errors.filter((e) => e.row === 0);
  const rowErrors = errors.filter((e) => e.row > 0);
  const columnName = (i: number) => preview.headers[i] || t("ledger.import.columnN", { n: i + 1 });
  return (
    <section className="space-y-4" data-testid="import-map">
      <Form method="post" encType="multipart/form-data" className="card space-y-4">
        <input type="hidden" name="intent" value="check" />
        <input type="hidden" name="token" value={preview.token} />
        <h2 className="text-base font-semibold">{t("ledger.import.step2")}</h2>
        <p className="text-sm text-slate-600">{t("ledger.import.mapIntro", { file: preview.fileName, count: preview.rowCount })}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {IMPORT_FIELDS.map((f) => {
            const required = REQUIRED_IMPORT_FIELDS.includes(f);
            const error = fileErrors.find((e) => e.field === f);
            return (
              <div key={f}>
                <label htmlFor={`map_${f}`} className="label">
                  {t(`ledger.import.fields.${f}`)}
                  {required ? null : <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>}
                </label>
                <select
                  id={`map_${f}`}
                  name={`map_${f}`}
                  defaultValue={preview.mapping[f] === undefined ? "" : String(preview.mapping[f])}
                  className="input"
                  aria-invalid={error ? true : undefined}
                  data-testid={`map-${f}`}
                >
                  <option value="">{required ? t("ledger.import.chooseColumn") : t("ledger.import.noColumn")}</option>
                  {preview.headers.map((_, i) => (
                    <option key={i} value={i}>
                      {columnName(i)}
                    </option>
                  ))}
                </select>
                {f === "category" ? <p className="mt-1 text-xs text-slate-500">{t("ledger.import.categoryHint")}</p> : null}
                {error ? <p className="field-error">{t(error.message, error.params ?? {})}</p> : null}
              </div>
            );
          })}
        </div>
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">{t("ledger.import.sample")}</summary>
          <div className="mt-2 overflow-x-auto">
            <table className="table" data-testid="import-sample">
              <thead>
                <tr>
                  {preview.headers.map((_, i) => (
                    <th key={i}>{columnName(i)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, r) => (
                  <tr key={r}>
                    {preview.headers.map((_, i) => (
                      <td key={i}>{row[i] ?? ""}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="import-check">
          {t("ledger.import.check")}
        </button>
      </Form>
      {rowErrors.length > 0 ? (
        <section aria-labelledby="import-errors-title">
          <Notice kind="error">
            <span id="import-errors-title">{t("ledger.import.failed", { count: rowErrors.length })}</span>
          </Notice>
          <div className="card overflow-x-auto p-0 sm:p-0">
            <table className="table" data-testid="import-errors">
              <thead>
                <tr>
                  <th>{t("ledger.import.row")}</th>
                  <th>{t("ledger.import.column")}</th>
                  <th>{t("ledger.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.map((e, i) => (
                  <tr key={i} data-row={e.row}>
                    <td className="tabular-nums">{e.row}</td>
                    <td className="whitespace-nowrap">{e.field ? t(`ledger.import.fields.${e.field}`) : ""}</td>
                    <td>{t(e.message, e.params ?? {})}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}

function ConfirmStep({ preview, summary }: { preview: ImportPreview; summary: ImportSummary }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const navigation = useNavigation();
  return (
    <section className="card space-y-4" data-testid="import-ready">
      <h2 className="text-base font-semibold">{t("ledger.import.step3")}</h2>
      <p className="text-sm" data-testid="import-summary" data-rows={summary.rows} data-hours={summary.totalHours}>
        {t("ledger.import.ready", {
          rows: formatNumber(summary.rows, locale),
          people: formatNumber(summary.people, locale),
          hours: formatHours(summary.totalHours, locale),
          years: summary.years.join("、"),
        })}
      </p>
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <input type="hidden" name="intent" value="import" />
        <MappingHidden preview={preview} />
        <fieldset>
          <legend className="label">{t("ledger.import.statusLabel")}</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            {(["APPROVED", "PENDING"] as const).map((s) => (
              <label key={s} className="flex min-h-10 items-center gap-2 text-sm">
                <input type="radio" name="status" value={s} defaultChecked={s === "APPROVED"} className="h-5 w-5" />
                {t(`ledger.import.status.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="import-confirm">
          {t("ledger.import.confirm")}
        </button>
      </Form>
    </section>
  );
}

export default function ImportHours() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  return (
    <div className="space-y-4">
      <PageHeader title={t("ledger.import.title")} intro={t("ledger.import.intro")} />
      <section className="card space-y-4">
        <h2 className="text-base font-semibold">{t("ledger.import.step1")}</h2>
        <a href="/hours/import/template" className="btn-secondary" download>
          {t("ledger.import.template")}
        </a>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <input type="hidden" name="intent" value="upload" />
          <div>
            <label htmlFor="file" className="label">
              {t("ledger.import.file")}
            </label>
            <input id="file" name="file" type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="block w-full text-sm" aria-describedby="file-hint" />
            <p id="file-hint" className="mt-1 text-xs text-slate-500">
              {t("ledger.import.fileHint", { mb: MAX_IMPORT_MB })}
            </p>
          </div>
          <button type="submit" className="btn" disabled={navigation.state === "submitting"} data-testid="import-upload">
            {t("ledger.import.upload")}
          </button>
        </Form>
      </section>
      {result?.stage === "error" ? <Notice kind="error">{t(result.message, result.params ?? {})}</Notice> : null}
      {result?.stage === "map" ? <MapStep key={result.preview.token + result.errors.length} preview={result.preview} errors={result.errors} /> : null}
      {result?.stage === "checked" ? <ConfirmStep preview={result.preview} summary={result.summary} /> : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
