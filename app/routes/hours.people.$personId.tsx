import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import type { Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { EntriesTable, type EntryRow } from "~/modules/hours/components/entries-table";
import { formatHours, YearOverview } from "~/modules/hours/components/year-overview";
import { YearSelect } from "~/modules/hours/components/year-select";
import { correctEntry, voidEntry } from "~/modules/hours/ledger.server";
import { correctEntrySchema, ledgerErrorKey, voidEntrySchema } from "~/modules/hours/officer";
import { personHours, yearParam } from "~/modules/hours/officer.server";
import { HOURS_CATEGORIES } from "~/modules/hours/rules";

/** GET/POST /hours/people/:personId — HR's view of one person's year (hours.view in scope, else 404); void/correct with hours.approve. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const year = yearParam(new URL(request.url).searchParams.get("year"));
  return personHours(actor, params.personId!, year);
}

type ActionData = { entryId: string; error: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  // Same 404 as the page for anyone who may not see this person.
  const url = new URL(request.url);
  await personHours(actor, params.personId!, yearParam(url.searchParams.get("year")));
  const form = await request.formData();
  const intent = form.get("intent");
  const to = `/hours/people/${params.personId}${url.search}`;
  if (intent === "void") {
    const submission = parseWithZod(form, { schema: voidEntrySchema });
    if (submission.status !== "success") return data<ActionData>({ entryId: String(form.get("entryId") ?? ""), error: firstError(submission.error) }, { status: 400 });
    const result = await voidEntry(actor, submission.value.entryId, submission.value.reason);
    if (!result.ok) return data<ActionData>({ entryId: submission.value.entryId, error: result.error }, { status: 409 });
    return redirectWithFlash(to, { key: "ledger.flash.voided" });
  }
  if (intent === "correct") {
    const submission = parseWithZod(form, { schema: correctEntrySchema });
    if (submission.status !== "success") return data<ActionData>({ entryId: String(form.get("entryId") ?? ""), error: firstError(submission.error) }, { status: 400 });
    const { entryId, reason, ...changes } = submission.value;
    const result = await correctEntry(actor, entryId, changes, reason);
    if (!result.ok) return data<ActionData>({ entryId, error: result.error }, { status: 409 });
    return redirectWithFlash(to, { key: "ledger.flash.corrected" });
  }
  badRequest();
}

function firstError(error: Record<string, string[] | null> | null | undefined): string {
  return Object.values(error ?? {}).flat().find((e): e is string => !!e) ?? "ledger.errors.reason";
}

function EntryActions({ entry, year, result }: { entry: EntryRow; year: number; result?: ActionData }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const navigation = useNavigation();
  if (entry.status !== "APPROVED" && entry.status !== "PENDING") return null;
  const busy = navigation.state === "submitting";
  return (
    <div className="min-w-40 space-y-2 text-sm">
      <details>
        <summary className="cursor-pointer" data-testid="correct-toggle">
          {t("ledger.person.correct")}
        </summary>
        <Form method="post" className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="correct" />
          <input type="hidden" name="entryId" value={entry.id} />
          <div>
            <label htmlFor={`hours-${entry.id}`} className="label">
              {t("ledger.person.newHours")}
            </label>
            <input id={`hours-${entry.id}`} name="hours" type="number" step="0.25" min="0.25" max="100" inputMode="decimal" defaultValue={entry.hours} className="input" />
          </div>
          <div>
            <label htmlFor={`year-${entry.id}`} className="label">
              {t("ledger.person.newYear")}
            </label>
            <input id={`year-${entry.id}`} name="year" type="number" min="2000" max="2100" defaultValue={year} className="input" />
          </div>
          <div>
            <label htmlFor={`category-${entry.id}`} className="label">
              {t("ledger.person.newCategory")}
            </label>
            <select id={`category-${entry.id}`} name="category" defaultValue={entry.category} className="input">
              {HOURS_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`ledger.categories.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`creason-${entry.id}`} className="label">
              {t("ledger.person.reason")}
            </label>
            <textarea id={`creason-${entry.id}`} name="reason" required maxLength={500} rows={2} className="input" />
          </div>
          <p className="text-xs text-slate-600">{t("ledger.person.correctHint", { hours: formatHours(entry.hours, locale) })}</p>
          <button type="submit" className="btn" disabled={busy} data-testid="correct-entry">
            {t("ledger.person.confirmCorrect")}
          </button>
        </Form>
      </details>
      <details>
        <summary className="cursor-pointer text-red-800" data-testid="void-toggle">
          {t("ledger.person.void")}
        </summary>
        <Form method="post" className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="void" />
          <input type="hidden" name="entryId" value={entry.id} />
          <label htmlFor={`vreason-${entry.id}`} className="label">
            {t("ledger.person.reason")}
          </label>
          <textarea id={`vreason-${entry.id}`} name="reason" required maxLength={500} rows={2} className="input" />
          <button type="submit" className="btn-danger" disabled={busy} data-testid="void-entry">
            {t("ledger.person.confirmVoid")}
          </button>
        </Form>
      </details>
      {result?.entryId === entry.id ? <p className="field-error">{t(ledgerErrorKey(result.error))}</p> : null}
    </div>
  );
}

export default function PersonHours() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("ledger.person.title", { name: view.person.name })}
        intro={t("ledger.person.intro", { staffNo: view.person.staffNo, unit: view.person.unitName })}
        actions={
          <a href={`/hours/certificate?year=${view.year}&personId=${view.person.id}`} className="btn-secondary" data-testid="certificate-link">
            {t("ledger.mine.certificate")}
          </a>
        }
      />
      {result && !view.entries.some((e) => e.id === result.entryId) ? <Notice kind="error">{t(ledgerErrorKey(result.error))}</Notice> : null}
      <YearSelect years={view.years} year={view.year} action={`/hours/people/${view.person.id}`} />
      <YearOverview figures={view} />
      <section className="card" aria-labelledby="entries-title">
        <h2 id="entries-title" className="mb-2 text-base font-semibold">
          {t("ledger.entries.title", { year: view.year })}
        </h2>
        {view.canApprove ? <p className="mb-2 text-sm text-slate-600">{t("ledger.person.actionsIntro")}</p> : null}
        <EntriesTable entries={view.entries} actions={view.canApprove ? (entry) => <EntryActions entry={entry} year={view.year} result={result} /> : undefined} />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
