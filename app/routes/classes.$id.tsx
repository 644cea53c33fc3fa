import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  data,
  Form,
  Link,
  useActionData,
  useLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { PageHeader } from "~/components/page-header";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { badRequest } from "~/lib/request.server";
import { correctAttendance } from "~/modules/classes/attendance.server";
import {
  completeClass,
  setClassStatus,
} from "~/modules/classes/classes.server";
import { EnrolmentBadge } from "~/modules/classes/components/badges";
import {
  AttendanceTable,
  ClassFacts,
  EnrolmentTable,
  RateLine,
  SessionList,
  SurveyForm,
  SurveySummary,
} from "~/modules/classes/components/class-view";
import {
  applyToClass,
  decideApplication,
  nominate,
  withdraw,
} from "~/modules/classes/enrolment.server";
import { classPage } from "~/modules/classes/page.server";
import { correctionSchema, surveySchema } from "~/modules/classes/rules";
import { submitSurvey } from "~/modules/classes/survey.server";

/**
 * GET/POST /classes/:id — organisers (class.manage over the class's unit): status actions,
 * enrolments, nomination, attendance with manual correction, completion, survey results.
 * Officers: apply, withdraw, the survey and the certificate. 404 for anyone else.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return classPage(actor, params.id!);
}

type ActionData = {
  ok: boolean;
  message: string;
  params?: Record<string, string | number>;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.id!;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const enrolmentId = String(form.get("enrolmentId") ?? "");
  const reply = (
    result: { ok: true } | { ok: false; error: string },
    success: string,
    extra?: Record<string, string | number>
  ) =>
    result.ok
      ? data<ActionData>({ ok: true, message: success, params: extra })
      : data<ActionData>(
          { ok: false, message: result.error, params: extra },
          { status: 409 }
        );
  switch (intent) {
    case "open":
    case "close":
    case "cancel": {
      const to = (
        { open: "OPEN", close: "CLOSED", cancel: "CANCELLED" } as const
      )[intent];
      const result = await setClassStatus(actor, id, to);
      if (result.ok)
        return redirectWithFlash(`/classes/${id}`, {
          key: `classes.flash.${intent}`,
        });
      return reply(result, "");
    }
    case "complete": {
      const result = await completeClass(actor, id);
      if (!result.ok) return reply(result, "");
      return data<ActionData>({
        ok: true,
        message: "classes.completedSummary",
        params: result.summary,
      });
    }
    case "apply":
      return reply(await applyToClass(actor, id), "classes.flash.applied");
    case "approve":
    case "reject":
      return reply(
        await decideApplication(
          actor,
          enrolmentId,
          intent === "approve" ? "APPROVE" : "REJECT"
        ),
        `classes.flash.${intent}`
      );
    case "withdraw":
      return reply(
        await withdraw(actor, enrolmentId),
        "classes.flash.withdrawn"
      );
    case "nominate": {
      const staffNos = String(form.get("staffNos") ?? "")
        .split(/[\s,，;；、]+/)
        .filter(Boolean);
      const result = await nominate(actor, id, staffNos);
      if (result.ok)
        return data<ActionData>({
          ok: true,
          message: "classes.flash.nominated",
          params: { enrolled: result.enrolled, waitlisted: result.waitlisted },
        });
      return data<ActionData>(
        {
          ok: false,
          message: result.error,
          params: { staffNo: result.staffNo ?? "" },
        },
        { status: 409 }
      );
    }
    case "correct": {
      const parsed = correctionSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success)
        return data<ActionData>(
          { ok: false, message: parsed.error.issues[0].message },
          { status: 400 }
        );
      const v = parsed.data;
      return reply(
        await correctAttendance(actor, id, {
          sessionId: v.sessionId,
          personId: v.personId,
          present: v.present === "yes",
          reason: v.reason,
        }),
        "classes.flash.corrected"
      );
    }
    case "survey": {
      const parsed = surveySchema.safeParse(Object.fromEntries(form));
      if (!parsed.success)
        return data<ActionData>(
          { ok: false, message: parsed.error.issues[0].message },
          { status: 400 }
        );
      return reply(
        await submitSurvey(actor, id, parsed.data),
        "classes.flash.surveyThanks"
      );
    }
    default:
      badRequest();
  }
}

function ActionNotice() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>() as ActionData | undefined;
  if (!result?.message) return null;
  return (
    <Notice kind={result.ok ? "success" : "error"}>
      <span data-testid="class-action-result">
        {t(result.message, result.params ?? {})}
      </span>
    </Notice>
  );
}

function OrganiserView({
  page,
}: {
  page: Extract<
    ReturnType<typeof useLoaderData<typeof loader>>,
    { kind: "organiser" }
  >;
}) {
  const { t } = useTranslation();
  const { cls, stats } = page;
  const running = cls.status === "OPEN" || cls.status === "CLOSED";
  const editable = cls.status === "DRAFT" || running;
  return (
    <div className="space-y-4">
      <PageHeader
        title={cls.title}
        intro={`${cls.code} · ${cls.unitName}`}
        actions={
          <>
            {editable ? (
              <Link
                to={`/classes/${cls.id}/edit`}
                className="btn-secondary"
                data-testid="class-edit"
              >
                {t("common.edit")}
              </Link>
            ) : null}
            <a
              href={`/classes/${cls.id}/roster.xlsx`}
              className="btn-secondary"
              data-testid="roster-export"
            >
              {t("classes.roster.export")}
            </a>
          </>
        }
      />
      <ActionNotice />
      <Form
        method="post"
        className="card flex flex-wrap items-center gap-2"
        aria-label={t("classes.statusActions")}
      >
        {cls.status === "DRAFT" || cls.status === "CLOSED" ? (
          <button
            name="intent"
            value="open"
            className="btn"
            data-testid="class-open"
          >
            {t("classes.actions.open")}
          </button>
        ) : null}
        {cls.status === "OPEN" ? (
          <button
            name="intent"
            value="close"
            className="btn-secondary"
            data-testid="class-close"
          >
            {t("classes.actions.close")}
          </button>
        ) : null}
        {running || cls.status === "COMPLETED" ? (
          <button
            name="intent"
            value="complete"
            className="btn"
            data-testid="class-complete"
          >
            {cls.status === "COMPLETED"
              ? t("classes.actions.recomplete")
              : t("classes.actions.complete")}
          </button>
        ) : null}
        {cls.status !== "COMPLETED" && cls.status !== "CANCELLED" ? (
          <button
            name="intent"
            value="cancel"
            className="btn-secondary text-red-800"
            data-testid="class-cancel"
          >
            {t("classes.actions.cancel")}
          </button>
        ) : null}
        <span className="text-xs text-slate-500">
          {t(`classes.statusHelp.${cls.status}`)}
        </span>
      </Form>

      <dl
        className="card grid grid-cols-2 gap-4 sm:grid-cols-4"
        data-testid="class-stats"
      >
        <div>
          <dt className="text-xs text-slate-500">
            {t("classes.participants")}
          </dt>
          <dd className="text-xl font-semibold tabular-nums">
            {stats.participants}/{cls.capacity}
          </dd>
        </div>
        <RateLine label={t("classes.fillRate")} value={stats.fillRate} />
        <RateLine
          label={t("classes.attendanceRate")}
          value={stats.attendanceRate}
        />
        <div>
          <dt className="text-xs text-slate-500">
            {t("classes.waitlistedApplied")}
          </dt>
          <dd className="text-xl font-semibold tabular-nums">
            {stats.waitlisted} / {stats.applied}
          </dd>
        </div>
      </dl>

      <ClassFacts cls={cls} />
      <SessionList cls={cls} checkinLinks />

      <section className="card space-y-3" aria-labelledby="enrolments-title">
        <h2 id="enrolments-title" className="font-semibold">
          {t("classes.enrolments")}
        </h2>
        {running && cls.enrolmentMode !== "APPLY" ? (
          <Form
            method="post"
            className="flex flex-wrap items-end gap-2"
            data-testid="nominate-form"
          >
            <input type="hidden" name="intent" value="nominate" />
            <div className="min-w-0 flex-1">
              <label htmlFor="nominate-staff" className="label">
                {t("classes.nominate")}
              </label>
              <input
                id="nominate-staff"
                name="staffNos"
                className="input"
                autoComplete="off"
                placeholder={t("classes.hints.nominate")}
                required
              />
            </div>
            <button type="submit" className="btn" data-testid="nominate-submit">
              {t("classes.nominateSubmit")}
            </button>
          </Form>
        ) : null}
        <EnrolmentTable
          classId={cls.id}
          enrolments={page.enrolments}
          open={running}
        />
      </section>

      <section className="card space-y-3" aria-labelledby="attendance-title">
        <h2 id="attendance-title" className="font-semibold">
          {t("classes.attendance")}
        </h2>
        <AttendanceTable
          grid={page.attendance}
          canCorrect={cls.status !== "DRAFT" && cls.status !== "CANCELLED"}
        />
      </section>

      <section className="card space-y-3" aria-labelledby="survey-title">
        <h2 id="survey-title" className="font-semibold">
          {t("classes.survey.title")}
        </h2>
        <SurveySummary survey={page.survey} />
      </section>
    </div>
  );
}

function ParticipantView({
  page,
}: {
  page: Extract<
    ReturnType<typeof useLoaderData<typeof loader>>,
    { kind: "participant" }
  >;
}) {
  const { t } = useTranslation();
  const { cls, enrolment } = page;
  return (
    <div className="space-y-4">
      <PageHeader title={cls.title} intro={`${cls.code} · ${cls.unitName}`} />
      <ActionNotice />
      <section
        className="card flex flex-wrap items-center gap-3"
        aria-label={t("classes.myEnrolment")}
      >
        {enrolment ? (
          <span className="text-sm">
            {t("classes.fields.myStatus")}：
            <EnrolmentBadge status={enrolment.status} />
          </span>
        ) : (
          <span className="text-sm text-slate-600">
            {t("classes.seatsLeft", { count: page.seatsLeft })}
          </span>
        )}
        {page.canApply ? (
          <Form method="post">
            <button
              name="intent"
              value="apply"
              className="btn"
              data-testid="class-apply"
            >
              {t("classes.apply")}
            </button>
          </Form>
        ) : null}
        {page.canWithdraw && enrolment ? (
          <Form method="post">
            <input type="hidden" name="enrolmentId" value={enrolment.id} />
            <button
              name="intent"
              value="withdraw"
              className="btn-secondary"
              data-testid="class-withdraw"
            >
              {t("classes.withdraw")}
            </button>
          </Form>
        ) : null}
        {enrolment?.status === "ENROLLED" ? (
          <Link to="/checkin" className="btn-secondary">
            {t("classes.checkin.enterCode")}
          </Link>
        ) : null}
        {enrolment?.certificateCode ? (
          <a
            href={`/classes/${cls.id}/certificate.pdf`}
            className="btn"
            data-testid="certificate-link"
          >
            {t("classes.certificate.download")}
          </a>
        ) : null}
      </section>
      <ClassFacts cls={cls} />
      <SessionList cls={cls} checkinLinks={false} />
      {page.canSurvey ? (
        <section className="card space-y-3" aria-labelledby="survey-title">
          <h2 id="survey-title" className="font-semibold">
            {t("classes.survey.title")}
          </h2>
          <p className="text-sm text-slate-600">{t("classes.survey.intro")}</p>
          <SurveyForm />
        </section>
      ) : page.surveyDone ? (
        <p className="card text-sm text-slate-600">
          {t("classes.survey.done")}
        </p>
      ) : null}
    </div>
  );
}

export default function ClassPage() {
  const page = useLoaderData<typeof loader>();
  return page.kind === "organiser" ? (
    <OrganiserView page={page} />
  ) : (
    <ParticipantView page={page} />
  );
}

export { RouteErrorBoundary as ErrorBoundary };
