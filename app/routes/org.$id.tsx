import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { replyWithErrors } from "~/lib/forms.server";
import { badRequest } from "~/lib/request.server";
import { can } from "~/modules/access/rules";
import { unitSelectOptions, UnitLevelBadge } from "~/modules/org/components/unit-options";
import { createUnit, getUnit, moveUnit, renameUnit, setUnitActive, unitOptions } from "~/modules/org/org.server";
import { childLevel, unitCodeSchema, unitNameSchema, type UnitLevel } from "~/modules/org/rules";

const createSchema = z.object({ code: unitCodeSchema, name: unitNameSchema });
const renameSchema = z.object({ name: unitNameSchema });
const moveSchema = z.object({ parentId: z.string({ message: "errors.required" }).min(1, { message: "errors.required" }) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const unit = await getUnit(actor, params.id!);
  const canManage = can(actor, "org.manage", unit.path);
  const level = unit.level as UnitLevel;
  const parentLevel = unit.parent?.level;
  const moveTargets = canManage && parentLevel ? (await unitOptions(actor, "org.manage")).filter((u) => u.level === parentLevel && !u.path.startsWith(unit.path)) : [];
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, level, active: unit.active, parentId: unit.parentId, parentName: unit.parent?.name ?? null },
    childLevel: childLevel(level),
    canManage,
    moveTargets,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const id = params.id!;
  const intent = form.get("intent");
  if (intent === "create") {
    const submission = parseWithZod(form, { schema: createSchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    const result = await createUnit(actor, { parentId: id, ...submission.value });
    if (!result.ok) return data({ intent, reply: submission.reply({ fieldErrors: { [result.field ?? "code"]: [result.error] } }) }, { status: 400 });
    return redirectWithFlash(`/org/${result.id}`, { key: "org.created" });
  }
  if (intent === "rename") {
    const submission = parseWithZod(form, { schema: renameSchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    await renameUnit(actor, id, submission.value.name);
    return redirectWithFlash(`/org/${id}`, { key: "org.updated" });
  }
  if (intent === "move") {
    const submission = parseWithZod(form, { schema: moveSchema });
    if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
    const result = await moveUnit(actor, id, submission.value.parentId);
    if (!result.ok) return data({ intent, reply: submission.reply({ fieldErrors: { parentId: [result.error] } }) }, { status: 400 });
    return redirectWithFlash(`/org/${id}`, { key: "org.updated" });
  }
  if (intent === "deactivate" || intent === "reactivate") {
    const result = await setUnitActive(actor, id, intent === "reactivate");
    if (!result.ok) return data({ intent, reply: { status: "error" as const, error: { "": [result.error] } } }, { status: 409 });
    return redirectWithFlash(`/org/${id}`, { key: "org.updated" });
  }
  badRequest();
}

function useIntentResult(intent: string) {
  const result = useActionData<typeof action>();
  return result && result.intent === intent ? result.reply : undefined;
}

function CreateChild({ parentName, level }: { parentName: string; level: UnitLevel }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "create-unit",
    lastResult: useIntentResult("create"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      <input type="hidden" name="intent" value="create" />
      <p className="text-sm text-slate-600 sm:col-span-3">{t("org.addChildTo", { name: parentName, level: t(`levels.${level}`) })}</p>
      <TextField meta={fields.code} label={t("org.code")} inputMode="numeric" />
      <TextField meta={fields.name} label={t("org.name")} />
      <div className="self-end">
        <button type="submit" className="btn">
          {t("org.addChild")}
        </button>
      </div>
    </Form>
  );
}

function Rename({ name }: { name: string }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "rename-unit",
    lastResult: useIntentResult("rename"),
    defaultValue: { name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: renameSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value="rename" />
      <div className="min-w-60 flex-1">
        <TextField meta={fields.name} label={t("org.name")} />
      </div>
      <button type="submit" className="btn-secondary">
        {t("org.rename")}
      </button>
    </Form>
  );
}

function Move({ targets, parentId }: { targets: Awaited<ReturnType<typeof loader>>["moveTargets"]; parentId: string | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "move-unit", lastResult: useIntentResult("move"), defaultValue: { parentId: parentId ?? "" } });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="intent" value="move" />
      <div className="min-w-60 flex-1">
        <SelectField meta={fields.parentId} label={t("org.moveTo")} options={unitSelectOptions(targets)} />
      </div>
      <button type="submit" className="btn-secondary">
        {t("org.move")}
      </button>
    </Form>
  );
}

export default function UnitPage() {
  const { t } = useTranslation();
  const { unit, childLevel: nextLevel, canManage, moveTargets } = useLoaderData<typeof loader>();
  const statusReply = useIntentResult(unit.active ? "deactivate" : "reactivate");
  const statusErrors = statusReply && "error" in statusReply && statusReply.error ? (statusReply.error[""] ?? undefined) : undefined;
  return (
    <div className="space-y-4">
      <PageHeader title={unit.name} actions={<Link to="/org" className="btn-secondary">{t("common.back")}</Link>} />
      <section className="card text-sm">
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">{t("org.code")}</dt>
            <dd className="font-mono">{unit.code}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("org.level")}</dt>
            <dd>
              <UnitLevelBadge level={unit.level} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("org.parent")}</dt>
            <dd>{unit.parentName ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("org.status")}</dt>
            <dd>{unit.active ? t("org.active") : t("org.inactive")}</dd>
          </div>
        </dl>
        <p className="mt-3">
          <Link to={`/people?unitId=${unit.id}`}>{t("nav.people")} →</Link>
        </p>
      </section>
      {canManage ? (
        <>
          <section className="card space-y-4">
            <Rename name={unit.name} />
            {moveTargets.length > 0 ? <Move targets={moveTargets} parentId={unit.parentId} /> : null}
          </section>
          <section className="card">
            <h2 className="mb-3 font-semibold">{t("org.addChild")}</h2>
            {nextLevel && unit.active ? <CreateChild parentName={unit.name} level={nextLevel} /> : <p className="text-sm text-slate-600">{t("org.noChildLevel")}</p>}
          </section>
          <section className="card">
            <FormErrors errors={statusErrors} />
            <Form method="post">
              <input type="hidden" name="intent" value={unit.active ? "deactivate" : "reactivate"} />
              <button type="submit" className={unit.active ? "btn-danger" : "btn-secondary"}>
                {unit.active ? t("org.deactivate") : t("org.reactivate")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
