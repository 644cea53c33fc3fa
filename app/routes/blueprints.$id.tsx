import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FieldError, FormErrors, SelectField, TextField } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { formatNumber, type Locale } from "~/lib/i18n";
import { QUESTION_TYPES } from "~/modules/questions/content";
import { cellAvailability, getBlueprint, saveBlueprint } from "~/modules/syllabus/blueprints.server";
import { formErrorMap, TextAreaField, topicHref } from "~/modules/syllabus/components/topic";
import { blueprintSchema, EXAM_TYPES, type BlueprintCell } from "~/modules/syllabus/rules";
import { syllabusTree } from "~/modules/syllabus/syllabus.server";

/*
 * One route for viewing, editing (?edit=1) and creating (/blueprints/new) an exam
 * blueprint. Rows are added and removed with Conform intent buttons: with JavaScript
 * they act at once; without it they post the form and the server answers with the
 * changed list.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "question.view");
  const isNew = params.id === "new";
  if (isNew) requireAnyScope(actor, "blueprint.manage");
  const blueprint = isNew ? null : await getBlueprint(actor, params.id!);
  const tree = await syllabusTree(actor);
  const topics = (tree?.topics ?? []).map((t) => ({ code: t.code, name: t.name, depth: t.depth }));
  const editing = isNew || (!!blueprint?.canEdit && new URL(request.url).searchParams.has("edit"));
  return {
    blueprint: blueprint && {
      id: blueprint.id,
      code: blueprint.code,
      name: blueprint.name,
      examType: blueprint.examType,
      notes: blueprint.notes,
      cells: blueprint.cells,
      summary: blueprint.summary,
      ownerUnitName: blueprint.ownerUnitName,
      canEdit: blueprint.canEdit,
    },
    availability: blueprint && !editing ? await cellAvailability(actor, blueprint.cells) : [],
    topics,
    editing,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "blueprint.manage");
  const submission = parseWithZod(await request.formData(), { schema: blueprintSchema, error: formErrorMap });
  // A row added or removed (intent buttons without JavaScript) answers with the changed form.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const result = await saveBlueprint(actor, params.id === "new" ? null : params.id!, submission.value);
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/blueprints/${result.id}`, { key: "blueprints.saved" });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Topic = LoaderData["topics"][number];

const DIFFICULTIES = ["1", "2", "3", "4", "5"] as const;
const NEW_CELL = { topicCode: "", type: "SINGLE", difficultyMin: "1", difficultyMax: "5", count: "5", points: "1" };
const cellStrings = (c: BlueprintCell) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)])) as Record<keyof BlueprintCell, string>;
const number = (v: unknown) => {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
};

export default function BlueprintPage() {
  const { t } = useTranslation();
  const { blueprint, availability, topics, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (editing) {
    return (
      <div>
        <PageHeader title={blueprint ? t("blueprints.edit") : t("blueprints.new")} intro={blueprint ? blueprint.name : t("blueprints.intro")} />
        <BlueprintForm key={blueprint?.id ?? "new"} blueprint={blueprint} topics={topics} lastResult={lastResult} />
      </div>
    );
  }
  return <BlueprintView blueprint={blueprint!} availability={availability} topics={topics} />;
}

function BlueprintView({ blueprint, availability, topics }: { blueprint: NonNullable<LoaderData["blueprint"]>; availability: LoaderData["availability"]; topics: Topic[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const names = new Map(topics.map((tp) => [tp.code, tp.name]));
  const { summary } = blueprint;
  const shortRows = availability.filter((a) => a.short > 0).length;
  const bar = (percent: number) => (
    <span className="block h-2 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
      <span className="block h-2 rounded bg-brand-600" style={{ width: `${Math.min(100, percent)}%` }} />
    </span>
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title={blueprint.name}
        actions={
          <>
            {blueprint.canEdit ? (
              <Link to="?edit=1" className="btn">
                {t("blueprints.edit")}
              </Link>
            ) : null}
            <Link to="/blueprints" className="btn-secondary">
              {t("common.back")}
            </Link>
          </>
        }
      />
      <section className="card text-sm" aria-label={t("blueprints.name")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("blueprints.code")}</dt>
            <dd className="font-mono">{blueprint.code}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("blueprints.examType")}</dt>
            <dd>{t(`blueprints.examTypes.${blueprint.examType}`)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("blueprints.owner")}</dt>
            <dd>{blueprint.ownerUnitName}</dd>
          </div>
          {blueprint.notes ? (
            <div className="sm:col-span-3">
              <dt className="text-slate-500">{t("blueprints.notes")}</dt>
              <dd className="whitespace-pre-line">{blueprint.notes}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title" className="mb-3 font-semibold">
          {t("blueprints.summary")}
        </h2>
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2 xl:grid-cols-4">
          <dl className="grid grid-cols-2 gap-3 self-start" data-testid="blueprint-totals">
            <div className="rounded-md bg-slate-50 p-3">
              <dt className="text-sm text-slate-600">{t("blueprints.questions")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{formatNumber(summary.questions, locale)}</dd>
            </div>
            <div className="rounded-md bg-slate-50 p-3">
              <dt className="text-sm text-slate-600">{t("blueprints.marks")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{formatNumber(summary.marks, locale)}</dd>
            </div>
          </dl>
          <div>
            <h3 className="mb-2 text-sm font-medium">{t("blueprints.topicWeights")}</h3>
            <ul className="space-y-2 text-sm">
              {summary.topicWeights.map((w) => (
                <li key={w.code}>
                  <span className="flex justify-between gap-2">
                    <span className="min-w-0 truncate" title={names.get(w.code)}>
                      <span className="mr-1 font-mono text-xs text-slate-500">{w.code}</span>
                      {names.get(w.code) ?? ""}
                    </span>
                    <span className="tabular-nums">{w.percent}%</span>
                  </span>
                  {bar(w.percent)}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium">{t("blueprints.typeMix")}</h3>
            <table className="table">
              <thead>
                <tr>
                  <th>{t("blueprints.type")}</th>
                  <th className="text-right">{t("blueprints.count")}</th>
                  <th className="text-right">{t("blueprints.marks")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.typeMix.map((m) => (
                  <tr key={m.type}>
                    <td className="whitespace-nowrap">{t(`questions.types.${m.type}`)}</td>
                    <td className="text-right tabular-nums">{m.count}</td>
                    <td className="text-right tabular-nums">{formatNumber(m.marks, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium">{t("blueprints.difficultyMix")}</h3>
            <ul className="space-y-2 text-sm">
              {(["easy", "medium", "hard"] as const).map((band) => (
                <li key={band}>
                  <span className="flex justify-between gap-2">
                    <span>{t(`blueprints.${band}`)}</span>
                    <span className="tabular-nums">{summary.difficulty[band]}%</span>
                  </span>
                  {bar(summary.difficulty[band])}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      <section className="card p-0 sm:p-0" aria-labelledby="cells-title">
        <div className="px-4 pt-4 sm:px-6 sm:pt-6">
          <h2 id="cells-title" className="font-semibold">
            {t("blueprints.cells")}
          </h2>
          <p className="mt-1 text-xs text-slate-500">{t("blueprints.availabilityNote")}</p>
          <p className={`mt-2 text-sm font-medium ${shortRows ? "text-red-800" : "text-green-800"}`} data-testid="availability-summary">
            {shortRows ? t("blueprints.shortCells", { count: shortRows }) : t("blueprints.allEnough")}
          </p>
        </div>
        <div className="mt-3 overflow-x-auto">
          <table className="table" data-testid="blueprint-cells">
            <thead>
              <tr>
                <th>{t("blueprints.topic")}</th>
                <th>{t("blueprints.type")}</th>
                <th>{t("blueprints.difficulty")}</th>
                <th className="text-right">{t("blueprints.count")}</th>
                <th className="text-right">{t("blueprints.points")}</th>
                <th className="text-right">{t("blueprints.cellMarks")}</th>
                <th className="text-right">{t("blueprints.available")}</th>
              </tr>
            </thead>
            <tbody>
              {blueprint.cells.map((c, i) => {
                const a = availability[i];
                return (
                  <tr key={i}>
                    <td className="min-w-44">
                      <Link to={topicHref(c.topicCode)} className="font-mono text-xs">
                        {c.topicCode}
                      </Link>{" "}
                      {names.get(c.topicCode) ?? ""}
                    </td>
                    <td className="whitespace-nowrap">{t(`questions.types.${c.type}`)}</td>
                    <td className="whitespace-nowrap tabular-nums">{c.difficultyMin === c.difficultyMax ? c.difficultyMin : `${c.difficultyMin}–${c.difficultyMax}`}</td>
                    <td className="text-right tabular-nums">{c.count}</td>
                    <td className="text-right tabular-nums">{formatNumber(c.points, locale)}</td>
                    <td className="text-right tabular-nums">{formatNumber(c.count * c.points, locale)}</td>
                    <td className="text-right whitespace-nowrap tabular-nums">
                      {a ? (
                        <>
                          {a.available}{" "}
                          {a.short > 0 ? (
                            <span className="ml-1 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-300">{t("blueprints.short", { count: a.short })}</span>
                          ) : (
                            <span className="ml-1 rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800 ring-1 ring-green-300">{t("blueprints.enough")}</span>
                          )}
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** A visible caption on phones, where the rows stack and the table head is hidden. */
function Caption({ text }: { text: string }) {
  return (
    <span className="mb-1 block text-xs text-slate-500 sm:hidden" aria-hidden="true">
      {text}
    </span>
  );
}

/** A select or input inside the rows table: labelled for screen readers (row included), error below. */
function CellSelect({ meta, label, caption, options, placeholder, className }: { meta: AnyField; label: string; caption: string; options: { value: string; label: string }[]; placeholder?: string; className: string }) {
  const props = getSelectProps(meta);
  return (
    <>
      <Caption text={caption} />
      <select {...props} key={props.key} aria-label={label} className={`input ${className}`}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </>
  );
}

function CellInput({ meta, label, caption }: { meta: AnyField; label: string; caption: string }) {
  const props = getInputProps(meta, { type: "text" });
  return (
    <>
      <Caption text={caption} />
      <input {...props} key={props.key} aria-label={label} inputMode="decimal" autoComplete="off" className="input text-right sm:w-20" />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </>
  );
}

function BlueprintForm({ blueprint, topics, lastResult }: { blueprint: LoaderData["blueprint"]; topics: Topic[]; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const [form, fields] = useForm<z.input<typeof blueprintSchema>>({
    id: `blueprint-${blueprint?.id ?? "new"}`,
    lastResult,
    defaultValue: blueprint
      ? { code: blueprint.code, name: blueprint.name, examType: blueprint.examType, notes: blueprint.notes, cells: blueprint.cells.map(cellStrings) }
      : { code: "", name: "", examType: undefined, notes: "", cells: [NEW_CELL] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: blueprintSchema, error: formErrorMap }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const cells = fields.cells.getFieldList();
  const known = new Set(topics.map((tp) => tp.code));
  const difficulties = DIFFICULTIES.map((d) => ({ value: d, label: d }));
  const topicOptions = topics.map((tp) => ({ value: tp.code, label: `${"\u3000".repeat(tp.depth)}${tp.code} ${tp.name}` }));
  const values = (form.value?.cells ?? []) as Record<string, unknown>[];
  const liveQuestions = values.reduce((s, c) => s + number(c?.count), 0);
  const liveMarks = values.reduce((s, c) => s + number(c?.count) * number(c?.points), 0);
  const errorCount = Object.keys(form.allErrors).length;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      {/* Enter in a field submits with the first submit button: make that "save", not "remove row". */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
        {t("common.save")}
      </button>
      {errorCount > 0 && form.status === "error" ? <FormErrors errors={[t("common.formHasErrors", { count: errorCount })]} /> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <TextField meta={fields.code} label={t("blueprints.code")} autoComplete="off" />
        <TextField meta={fields.name} label={t("blueprints.name")} autoComplete="off" />
        <SelectField
          meta={fields.examType}
          label={t("blueprints.examType")}
          options={EXAM_TYPES.map((e) => ({ value: e, label: t(`blueprints.examTypes.${e}`) }))}
          placeholder=""
        />
      </div>
      <TextAreaField meta={fields.notes} label={t("blueprints.notes")} />

      <fieldset className="min-w-0 space-y-2">
        <legend className="font-semibold">{t("blueprints.cells")}</legend>
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="live-totals">
          {t("blueprints.questions")} {formatNumber(liveQuestions, locale)} · {t("blueprints.marks")} {formatNumber(liveMarks, locale)}
        </p>
        {fields.cells.errors?.length ? (
          <div role="alert" id={fields.cells.errorId} className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            {fields.cells.errors.map((e) => (
              <p key={e}>{t(e)}</p>
            ))}
          </div>
        ) : null}
        <div className="relative overflow-x-auto">
          <table className="table" data-testid="cells-editor">
            <thead className="max-sm:hidden">
              <tr>
                <th>#</th>
                <th>{t("blueprints.topic")}</th>
                <th>{t("blueprints.type")}</th>
                <th>{t("blueprints.difficulty")}</th>
                <th>{t("blueprints.count")}</th>
                <th>{t("blueprints.points")}</th>
                <th>
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell, index) => {
                const c = cell.getFieldset();
                const row = t("blueprints.rowN", { n: index + 1 });
                const label = (key: string) => `${t(key)}（${row}）`;
                const td = "max-sm:block max-sm:border-0 max-sm:px-0 max-sm:py-1";
                const current = c.topicCode.initialValue as string | undefined;
                const options = current && !known.has(current) ? [{ value: current, label: current }, ...topicOptions] : topicOptions;
                return (
                  <tr key={cell.key} className="max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:border-b max-sm:border-slate-200 max-sm:py-3">
                    <td className={`${td} pt-4.5 text-slate-500 tabular-nums max-sm:col-span-2 max-sm:font-medium max-sm:text-slate-800`}>
                      <span className="sm:hidden">{row}</span>
                      <span className="max-sm:hidden">{index + 1}</span>
                    </td>
                    <td className={`${td} max-sm:col-span-2`}>
                      <CellSelect meta={c.topicCode} label={label("blueprints.topic")} caption={t("blueprints.topic")} options={options} placeholder={t("blueprints.chooseTopic")} className="sm:min-w-52" />
                    </td>
                    <td className={`${td} max-sm:col-span-2`}>
                      <CellSelect meta={c.type} label={label("blueprints.type")} caption={t("blueprints.type")} options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`questions.types.${q}`) }))} className="sm:min-w-36" />
                    </td>
                    <td className={`${td} max-sm:col-span-2`}>
                      <div className="flex items-start gap-2">
                        <div className="max-sm:flex-1">
                          <CellSelect meta={c.difficultyMin} label={label("blueprints.difficultyMin")} caption={t("blueprints.difficultyMin")} options={difficulties} className="sm:w-16" />
                        </div>
                        <span className="pt-2 text-slate-400 max-sm:pt-7" aria-hidden="true">
                          –
                        </span>
                        <div className="max-sm:flex-1">
                          <CellSelect meta={c.difficultyMax} label={label("blueprints.difficultyMax")} caption={t("blueprints.difficultyMax")} options={difficulties} className="sm:w-16" />
                        </div>
                      </div>
                    </td>
                    <td className={td}>
                      <CellInput meta={c.count} label={label("blueprints.count")} caption={t("blueprints.count")} />
                    </td>
                    <td className={td}>
                      <CellInput meta={c.points} label={label("blueprints.points")} caption={t("blueprints.points")} />
                    </td>
                    <td className={`${td} max-sm:col-span-2 max-sm:pt-2`}>
                      <button
                        {...form.remove.getButtonProps({ name: fields.cells.name, index })}
                        className="btn-secondary px-3 whitespace-nowrap disabled:opacity-50"
                        aria-label={`${t("blueprints.removeCell")}（${row}）`}
                        disabled={cells.length <= 1}
                      >
                        {t("blueprints.removeCell")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button {...form.insert.getButtonProps({ name: fields.cells.name, defaultValue: NEW_CELL })} className="btn-secondary">
          + {t("blueprints.addCell")}
        </button>
      </fieldset>

      <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
        <button type="submit" className="btn">
          {t("common.save")}
        </button>
        <Link to={blueprint ? `/blueprints/${blueprint.id}` : "/blueprints"} className="btn-secondary">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
