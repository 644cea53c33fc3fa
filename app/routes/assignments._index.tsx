import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldError, SelectField, TextField } from "~/components/form";
import { FilterActions, FilterSelect } from "~/components/filters";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { formatDate, formatNumber, isoDateInShanghai, type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { assignableCourses, assignCourse, listAssignments, type AssignmentStatus } from "~/modules/courseware/assignments.server";
import { unitSelectOptions } from "~/modules/org/components/unit-options";
import { unitOptions } from "~/modules/org/org.server";
import { STAFF_CATEGORIES } from "~/modules/people/rules";

const TARGET_KINDS = ["UNIT", "PERSON"] as const;
// Repeated here: the component needs them and must not import a .server module.
const ASSIGNMENT_STATUSES = ["ACTIVE", "REVOKED", "ALL"] as const satisfies readonly AssignmentStatus[];

/** The new-assignment form; the server adds scope, visibility and due-date checks. */
const assignSchema = z
  .object({
    courseId: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }),
    kind: z.enum(TARGET_KINDS, { message: "errors.required" }),
    unitId: z.string().optional(),
    category: z.enum(STAFF_CATEGORIES, { message: "errors.category" }).optional(),
    staffNo: z.string().trim().max(40, { message: "errors.tooLong" }).optional(),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "errors.dateFormat" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "UNIT" && !value.unitId) ctx.addIssue({ code: "custom", path: ["unitId"], message: "errors.required" });
    if (value.kind === "PERSON" && !value.staffNo) ctx.addIssue({ code: "custom", path: ["staffNo"], message: "errors.required" });
  });

const filterSchema = z.object({
  courseId: z.string().max(40).optional().catch(undefined),
  unitId: z.string().max(40).optional().catch(undefined),
  status: z.enum(ASSIGNMENT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.assign");
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  const [list, courses, units] = await Promise.all([listAssignments(actor, filter), assignableCourses(actor), unitOptions(actor, "course.assign")]);
  return { ...list, courses, units, today: isoDateInShanghai(new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "course.assign");
  const form = await request.formData();
  if (form.get("intent") !== "assign") badRequest();
  const submission = parseWithZod(form, { schema: assignSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result = await assignCourse(actor, {
    courseId: v.courseId,
    target: v.kind === "UNIT" ? { kind: "UNIT", unitId: v.unitId!, category: v.category ?? null } : { kind: "PERSON", staffNo: v.staffNo! },
    dueDate: v.dueDate ?? null,
  });
  if (!result.ok) return replyWithErrors(submission, result.errors);
  return redirectWithFlash(`/assignments/${result.id}`, { key: "assignments.created" });
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

function NewAssignment({ courses, units, today }: Pick<LoaderData, "courses" | "units" | "today">) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "assign",
    lastResult,
    defaultValue: { kind: "UNIT" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: assignSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // Without JavaScript both target groups show and the server reads the one chosen.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const kind = fields.kind.value ?? "UNIT";
  const dueProps = getInputProps(fields.dueDate, { type: "date", ariaDescribedBy: `${fields.dueDate.id}-hint` });
  if (courses.length === 0) return <p className="text-sm text-slate-600">{t("assignments.noCourses")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <input type="hidden" name="intent" value="assign" />
      <div className="sm:col-span-2 lg:col-span-4">
        <SelectField meta={fields.courseId} label={t("assignments.course")} options={courses.map((c) => ({ value: c.id, label: `${c.title}（${c.ownerUnitName}）` }))} placeholder="" />
      </div>
      <fieldset className="sm:col-span-2 lg:col-span-4" aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}>
        <legend className="label">{t("assignments.targetKind")}</legend>
        <div className="flex flex-wrap gap-4">
          {TARGET_KINDS.map((k) => {
            const props = getInputProps(fields.kind, { type: "radio", value: k });
            return (
              <label key={k} className="flex min-h-10 items-center gap-2 text-sm">
                <input {...props} key={props.key} id={`${fields.kind.id}-${k}`} className="h-5 w-5" />
                {t(`assignments.kinds.${k}`)}
              </label>
            );
          })}
        </div>
        <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      {hydrated && kind !== "UNIT" ? null : (
        <>
          <SelectField meta={fields.unitId} label={t("assignments.unit")} options={unitSelectOptions(units)} placeholder="" />
          <SelectField
            meta={fields.category}
            label={t("assignments.category")}
            options={STAFF_CATEGORIES.map((c) => ({ value: c, label: t(`people.category.${c}`) }))}
            placeholder={t("assignments.allCategories")}
          />
        </>
      )}
      {hydrated && kind !== "PERSON" ? null : <TextField meta={fields.staffNo} label={t("assignments.staffNo")} autoComplete="off" />}
      <div>
        <label htmlFor={fields.dueDate.id} className="label">
          {t("assignments.dueDate")}
          <span className="ml-1 font-normal text-slate-500">（{t("common.optional")}）</span>
        </label>
        <input {...dueProps} key={dueProps.key} min={today} className="input" />
        <p id={`${fields.dueDate.id}-hint`} className="mt-1 text-xs text-slate-500">
          {t("assignments.dueHint")}
        </p>
        <FieldError id={fields.dueDate.errorId} errors={fields.dueDate.errors} />
      </div>
      <div className="self-end sm:col-span-2 lg:col-span-4">
        <button type="submit" className="btn w-full sm:w-auto">
          {t("assignments.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function Assignments() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { items, total, page, pageCount, courses, units, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `/assignments?${next}`;
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t("assignments.title")} intro={t("assignments.intro")} />
      <section className="card" aria-labelledby="new-assignment">
        <h2 id="new-assignment" className="mb-3 font-semibold">
          {t("assignments.newTitle")}
        </h2>
        <NewAssignment courses={courses} units={units} today={today} />
      </section>

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label={t("assignments.filterLabel")}>
        <FilterSelect id="filter-course" name="courseId" label={t("assignments.course")} defaultValue={params.get("courseId") ?? ""} options={courses.map((c) => ({ value: c.id, label: c.title }))} />
        <FilterSelect id="filter-unit" name="unitId" label={t("assignments.unit")} defaultValue={params.get("unitId") ?? ""} options={unitSelectOptions(units)} />
        <FilterSelect
          id="filter-status"
          name="status"
          label={t("assignments.status")}
          defaultValue={params.get("status") ?? "ACTIVE"}
          all={false}
          options={ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: t(`assignments.statuses.${s}`) }))}
        />
        <FilterActions resetTo="/assignments" className="flex items-end gap-2" />
      </Form>

      <p className="text-sm text-slate-600" data-testid="assignments-total">
        {t("common.total", { formatted: formatNumber(total, locale) })}
      </p>
      {items.length === 0 ? (
        <p className="card text-sm text-slate-600">{t("assignments.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="table" data-testid="assignments">
            <thead>
              <tr>
                <th>{t("assignments.columns.course")}</th>
                <th className="hidden md:table-cell">{t("assignments.columns.target")}</th>
                <th>{t("assignments.columns.dueDate")}</th>
                <th className="text-right">{t("assignments.columns.progress")}</th>
                <th className="hidden text-right sm:table-cell">{t("assignments.columns.overdue")}</th>
                <th className="hidden sm:table-cell">{t("assignments.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => {
                const target =
                  a.target.kind === "UNIT"
                    ? t("assignments.targetUnit", { unit: a.target.name, category: a.target.category ? t(`people.category.${a.target.category}`) : t("assignments.allCategories") })
                    : t("assignments.targetPerson", { name: a.target.name, staffNo: a.target.staffNo, unit: a.target.unitName });
                return (
                  <tr key={a.id} className={a.revokedAt ? "text-slate-500" : undefined}>
                    <td>
                      <Link to={`/assignments/${a.id}`} className="font-medium">
                        {a.course.title}
                      </Link>
                      <span className="mt-0.5 block text-xs text-slate-600 md:hidden">{target}</span>
                      {a.revokedAt ? <span className="mt-0.5 block text-xs sm:hidden">{t("assignments.statuses.REVOKED")}</span> : null}
                    </td>
                    <td className="hidden md:table-cell">{target}</td>
                    <td className="whitespace-nowrap">{a.dueDate ? formatDate(a.dueDate, locale) : t("assignments.noDue")}</td>
                    <td className="text-right whitespace-nowrap tabular-nums">
                      {formatNumber(a.completed, locale)} / {formatNumber(a.covered, locale)}
                      {a.overdue > 0 ? (
                        <span className="block text-xs text-red-700 sm:hidden">
                          {t("assignments.columns.overdue")} {formatNumber(a.overdue, locale)}
                        </span>
                      ) : null}
                    </td>
                    <td className={`hidden text-right tabular-nums sm:table-cell ${a.overdue > 0 ? "font-medium text-red-700" : ""}`}>{formatNumber(a.overdue, locale)}</td>
                    <td className="hidden sm:table-cell">{t(`assignments.statuses.${a.revokedAt ? "REVOKED" : "ACTIVE"}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="flex flex-wrap items-center gap-2" aria-label="pagination">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
              {t("assignments.previous")}
            </Link>
          ) : null}
          <span className="text-sm text-slate-600">{t("assignments.pageOf", { page, count: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
              {t("common.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
