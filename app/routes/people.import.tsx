import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { unstable_parseMultipartFormData, unstable_createMemoryUploadHandler, MaxPartSizeExceededError } from "@remix-run/node";
import { data, Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import type { RowError } from "~/modules/people/spreadsheet";
import { importPeople } from "~/modules/people/xlsx.server";

const MAX_UPLOAD_MB = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.import");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "person.import");
  let file: File | null = null;
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_MB * 1_048_576 }),
    );
    const value = form.get("file");
    file = value instanceof File && value.size > 0 ? value : null;
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data({ errors: [{ row: 0, message: "people.import.errors.fileTooLarge", params: { mb: MAX_UPLOAD_MB } }] }, { status: 413 });
    }
    throw error;
  }
  if (!file) return data({ errors: [{ row: 0, message: "people.import.errors.fileMissing" }] }, { status: 400 });
  const result = await importPeople(actor, Buffer.from(await file.arrayBuffer()));
  if (!result.ok) return data({ errors: result.errors }, { status: 422 });
  return redirectWithFlash("/people", { key: "people.import.success", params: { count: result.imported } });
}

export default function ImportPeople() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: RowError[] = result?.errors ?? [];
  const rowErrors = errors.filter((e) => e.row > 0 && e.column);
  const fileErrors = errors.filter((e) => !(e.row > 0 && e.column));
  return (
    <div className="space-y-4">
      <PageHeader title={t("people.import.title")} intro={t("people.import.intro")} />
      <section className="card space-y-4">
        <a href="/people/import/template" className="btn-secondary" download>
          {t("people.import.template")}
        </a>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <div>
            <label htmlFor="file" className="label">
              {t("people.import.file")}
            </label>
            <input
              id="file"
              name="file"
              type="file"
              required
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="block w-full text-sm"
            />
          </div>
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("people.import.upload")}
          </button>
        </Form>
      </section>
      {errors.length > 0 ? (
        <section aria-labelledby="import-errors">
          <Notice kind="error">
            <span id="import-errors">{t("people.import.failed", { count: errors.length })}</span>
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
                    <th>{t("people.import.row")}</th>
                    <th>{t("people.import.column")}</th>
                    <th>{t("people.import.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rowErrors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.row}</td>
                      <td>{e.column ? t(`people.columns.${e.column}`) : ""}</td>
                      <td>{t(e.message, e.params ?? {})}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
