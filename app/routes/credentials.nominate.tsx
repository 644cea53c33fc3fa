import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor, requireAnyScope } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { type Locale } from "~/lib/i18n";
import { CredentialStatusBadge } from "~/modules/credentials/components/status-badge";
import { UnmetList } from "~/modules/credentials/components/unmet-list";
import { nominate, nominationPreview, typeOptions } from "~/modules/credentials/credentials.server";

const querySchema = z.object({
  staffNo: z.string().trim().max(40).optional().catch(undefined),
  type: z.string().trim().max(40).optional().catch(undefined),
});

/** GET /credentials/nominate?staffNo=&type= — HR (credential.issue) looks a person up and sees their eligibility; POST nominates. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const types = await typeOptions("ISSUED");
  const preview = q.staffNo && q.type ? await nominationPreview(actor, q.staffNo, q.type) : null;
  return { types, staffNo: q.staffNo ?? "", type: q.type ?? types[0]?.code ?? "", preview };
}

const nominateSchema = z.object({
  staffNo: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  type: z.string({ message: "errors.required" }).trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requireAnyScope(actor, "credential.issue");
  const parsed = nominateSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0].message }, { status: 400 });
  const result = await nominate(actor, parsed.data.staffNo, parsed.data.type);
  if (!result.ok) return data({ error: result.error }, { status: 409 });
  return redirectWithFlash(`/credentials/${result.id}`, { key: "credentials.nominate.nominated" });
}

export default function Nominate() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { types, staffNo, type, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const typeName = (x: { name: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.name);
  return (
    <div className="space-y-4">
      <PageHeader title={t("credentials.nominate.title")} intro={t("credentials.nominate.intro")} />
      {result?.error ? <Notice kind="error">{t(result.error)}</Notice> : null}
      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" data-testid="nominate-lookup">
        <div>
          <label htmlFor="staffNo" className="label">
            {t("credentials.nominate.staffNo")}
          </label>
          <input id="staffNo" name="staffNo" className="input" defaultValue={staffNo} required maxLength={40} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="type" className="label">
            {t("credentials.nominate.type")}
          </label>
          <select id="type" name="type" className="input" defaultValue={type}>
            {types.map((x) => (
              <option key={x.code} value={x.code}>
                {typeName(x)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t("credentials.nominate.check")}
        </button>
      </Form>

      {preview && !preview.ok ? <Notice kind="error">{t(preview.error)}</Notice> : null}
      {preview && preview.ok ? (
        <section className="card space-y-3" aria-labelledby="preview-title" data-testid="nominate-preview" data-eligible={preview.eligibility.eligible}>
          <h2 id="preview-title" className="font-semibold">
            {preview.person.name}（{preview.person.staffNo}）· {typeName(preview.type)}
          </h2>
          <p className="text-sm text-slate-600">
            {preview.person.unitName} · {t(`people.category.${preview.person.category}`)} · {preview.person.post}
          </p>
          {preview.eligibility.eligible ? (
            <p className="text-sm font-medium text-green-800">{t("credentials.eligible")}</p>
          ) : (
            <>
              <p className="text-sm font-medium text-amber-800">{t("credentials.notEligible")}</p>
              <UnmetList unmet={preview.eligibility.unmet} />
            </>
          )}
          {preview.live ? (
            <p className="text-sm">
              {t("credentials.nominate.existing", { status: t(`credentials.statuses.${preview.live.status}`) })}{" "}
              <Link to={`/credentials/${preview.live.id}`}>{t("credentials.nominate.open")}</Link>{" "}
              <CredentialStatusBadge status={preview.live.status} />
            </p>
          ) : preview.holderProblem ? (
            <p className="text-sm text-red-800">{t(preview.holderProblem)}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="staffNo" value={preview.person.staffNo} />
              <input type="hidden" name="type" value={preview.type.code} />
              <button type="submit" className="btn w-full sm:w-auto" disabled={busy} data-testid="nominate-button">
                {t("credentials.nominate.submit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
