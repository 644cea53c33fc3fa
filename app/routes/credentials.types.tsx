import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { type Locale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { TypeForm } from "~/modules/credentials/components/type-form";
import { configFromForm, typeFormField, typeFormSchema } from "~/modules/credentials/forms";
import type { ParsedType } from "~/modules/credentials/rules";
import { createType, listTypes, saveType } from "~/modules/credentials/types.server";

/** GET/POST /credentials/types — credential types as configuration (credential.manage; editing needs national scope). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.manage");
  return listTypes(actor);
}

type ActionData = { code: string; error?: string; errors?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.manage");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "save" && intent !== "create") badRequest();
  const code = String(form.get("code") ?? "");
  const raw: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    raw[key] = ["categories", "examTypes", "postTrainingTypes", "renewalExamTypes", "renewalTrainingTypes"].includes(key) ? all : all[0];
  }
  const parsed = typeFormSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return data<ActionData>({ code, errors }, { status: 400 });
  }
  const config = configFromForm(parsed.data);
  const result =
    intent === "create"
      ? await createType(actor, { code: String(form.get("newCode") ?? ""), kind: String(form.get("kind") ?? "") }, config)
      : await saveType(actor, code, config);
  if (!result.ok) {
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.errors ?? {})) errors[path === "code" ? "newCode" : typeFormField(path)] ??= message;
    return data<ActionData>({ code, error: result.error, errors }, { status: 400 });
  }
  return redirectWithFlash(`/credentials/types?code=${encodeURIComponent(result.code)}`, { key: intent === "create" ? "credentials.types.created" : "credentials.types.saved" });
}

const NEW_TYPE: ParsedType = {
  id: "",
  code: "",
  name: "",
  nameEn: "",
  kind: "ISSUED",
  holders: { categories: [], inEnforcementSystemOnly: true },
  eligibility: {},
  validityMonths: 60,
  renewal: {},
  graceDays: 0,
  numberPattern: "{province}{yy}{seq:5}",
  active: true,
};

export default function CredentialTypes() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { types, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const creating = canEdit && params.get("new") === "1";
  const selected = creating ? null : (types.find((x) => x.code === (params.get("code") ?? result?.code)) ?? types[0]);
  const name = (x: { name: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.name);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("credentials.types.title")}
        intro={t("credentials.types.intro")}
        actions={
          canEdit ? (
            <Link to="/credentials/types?new=1" className="btn-secondary" data-testid="type-new">
              {t("credentials.types.create")}
            </Link>
          ) : null
        }
      />
      {canEdit ? null : <Notice kind="info">{t("credentials.types.readOnly")}</Notice>}
      {result?.error ? <Notice kind="error">{t(result.error)}</Notice> : null}
      <nav aria-label={t("credentials.types.title")}>
        <ul className="flex flex-wrap gap-2" data-testid="type-list">
          {types.map((x) => (
            <li key={x.code}>
              <Link
                to={`/credentials/types?code=${encodeURIComponent(x.code)}`}
                className={x.code === selected?.code ? "btn" : "btn-secondary"}
                aria-current={x.code === selected?.code ? "page" : undefined}
                data-code={x.code}
              >
                {name(x)}
                {x.active ? "" : `（${t("credentials.types.inactive")}）`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {creating ? (
        <section className="card" aria-labelledby="new-type-title">
          <h2 id="new-type-title" className="mb-3 font-semibold">
            {t("credentials.types.create")}
          </h2>
          <TypeForm type={NEW_TYPE} errors={result?.errors} isNew />
        </section>
      ) : selected ? (
        <section className="card space-y-3" aria-labelledby="type-title" data-testid="type-detail" data-code={selected.code}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="type-title" className="font-semibold">
              {name(selected)} <span className="font-mono text-sm text-slate-500">{selected.code}</span>
            </h2>
            <p className="text-sm text-slate-600">
              {t(`credentials.kinds.${selected.kind}`)} · {t("credentials.types.held", { count: selected.held })}
            </p>
          </div>
          {canEdit ? <TypeForm key={selected.code + String(selected.updatedAt)} type={selected} errors={result?.code === selected.code ? result?.errors : undefined} /> : <TypeSummary type={selected} />}
        </section>
      ) : null}
    </div>
  );
}

function TypeSummary({ type }: { type: ParsedType }) {
  const { t } = useTranslation();
  const join = (codes: readonly string[] | undefined, section: string) => (codes?.length ? codes.map((c) => t(`${section}.${c}`)).join("、") : t("credentials.types.none"));
  const months = (n: number | null | undefined) => (n ? t("credentials.types.months", { count: n }) : t("credentials.types.none"));
  const rows: [string, string][] = [
    [t("credentials.types.categories"), join(type.holders.categories, "people.category")],
    [t("credentials.types.inEnforcementSystemOnly"), type.holders.inEnforcementSystemOnly ? t("common.yes") : t("common.no")],
    [t("credentials.types.examTypes"), join(type.eligibility.examTypes, "credentials.examTypes")],
    [t("credentials.types.examWithinMonths"), months(type.eligibility.examWithinMonths)],
    [t("credentials.types.postTrainingTypes"), join(type.eligibility.postTrainingTypes, "credentials.classTypes")],
    [t("credentials.types.minHoursThisYear"), String(type.eligibility.minHoursThisYear ?? 0)],
    [t("credentials.types.validityMonths"), type.validityMonths ? months(type.validityMonths) : t("credentials.noExpiry")],
    [t("credentials.types.windowMonths"), months(type.renewal.windowMonths)],
    [t("credentials.types.renewalExamTypes"), join(type.renewal.examTypes, "credentials.examTypes")],
    [t("credentials.types.minHoursLastYear"), String(type.renewal.minHoursLastYear ?? 0)],
    [t("credentials.types.renewalTrainingTypes"), join(type.renewal.postTrainingTypes, "credentials.classTypes")],
    [t("credentials.types.postTrainingWithinMonths"), months(type.renewal.postTrainingWithinMonths)],
    [t("credentials.types.graceDays"), t("credentials.types.days", { count: type.graceDays })],
    [t("credentials.types.numberPattern"), type.numberPattern || t("credentials.types.none")],
    [t("credentials.types.active"), type.active ? t("common.yes") : t("common.no")],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600">{k}</dt>
          <dd className="break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
