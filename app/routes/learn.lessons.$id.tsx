import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/notice";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { requestLocale } from "~/lib/i18n";
import { badRequest } from "~/lib/request.server";
import { LessonContent } from "~/modules/courseware/components/lesson-content";
import { answerKnowledgeCheck, completeLesson, learnerLesson } from "~/modules/courseware/learn.server";
import { HEARTBEAT_SECONDS } from "~/modules/courseware/rules";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return learnerLesson(actor, params.id!, requestLocale(request));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") === "check") {
    return answerKnowledgeCheck(actor, params.id!, String(form.get("questionId") ?? ""), {
      choice: form.get("choice")?.toString(),
      choices: form.getAll("choices").map(String),
      value: form.get("value")?.toString(),
      blanks: form.getAll("blanks").map(String),
    });
  }
  if (form.get("intent") === "complete") {
    const result = await completeLesson(actor, params.id!);
    return data(result, { status: result.ok ? 200 : 409 });
  }
  badRequest();
}

/** Sends a heartbeat every 30 s while the page is visible, with how long the learner has been idle. */
function useHeartbeat(lessonVersionId: string, onMinutes: (m: number) => void) {
  const lastActivity = useRef(Date.now());
  useEffect(() => {
    const touch = () => {
      lastActivity.current = Date.now();
    };
    const events = ["keydown", "pointerdown", "pointermove", "scroll", "touchstart", "wheel"] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const beat = () => {
      const visible = document.visibilityState === "visible";
      if (!visible) return;
      void fetch("/learn/heartbeat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lessonVersionId, visible, idleSeconds: Math.floor((Date.now() - lastActivity.current) / 1000) }),
        keepalive: true,
      })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { minutesOnTask?: number } | null) => {
          if (typeof body?.minutesOnTask === "number") onMinutes(body.minutesOnTask);
        })
        .catch(() => {});
    };
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_SECONDS * 1000);
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        touch();
        beat();
      }
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [lessonVersionId, onMinutes]);
}

export default function LessonPlayer() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [minutes, setMinutes] = useState(view.minutesOnTask);
  useEffect(() => setMinutes(view.minutesOnTask), [view.minutesOnTask]);
  useHeartbeat(view.lesson.id, setMinutes);
  const blockers = result && "blockers" in result ? result.blockers : [];
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <nav className="text-sm">
        <Link to={`/learn/courses/${view.course.id}`}>← {view.course.title}</Link>
      </nav>
      <header>
        <h1 className="text-xl font-semibold sm:text-2xl">{view.lesson.title}</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="lesson-meta">
          {t("learn.minutesEstimate", { minutes: view.lesson.minutes })} · {t("learn.hours", { hours: view.lesson.creditHours })} ·{" "}
          {t("learn.minutesDone", { minutes })}
        </p>
        {view.lesson.laws.length ? <p className="mt-1 text-xs text-slate-500">{t("learn.laws", { laws: view.lesson.laws.join("；") })}</p> : null}
      </header>
      <div className="card">
        <LessonContent
          segments={view.segments}
          questions={view.questions}
          passed={view.passed}
          lessonVersionId={view.lesson.id}
        />
      </div>
      <section className="card space-y-2" data-testid="lesson-completion">
        {view.record ? (
          <Notice kind="success">
            <span data-testid="learning-record">{t("learn.completed", { hours: view.record.creditedHours, minutes: view.record.minutes })}</span>
          </Notice>
        ) : (
          <>
            {result && "ok" in result && result.ok ? <Notice kind="success">{t("learn.completedNow", { hours: result.creditedHours })}</Notice> : null}
            {blockers.length ? (
              <Notice kind="error">
                {blockers.map((b) => (
                  <span key={b} className="block">
                    {t(b, { minutes: view.minutesNeeded })}
                  </span>
                ))}
              </Notice>
            ) : null}
            <p className="text-sm text-slate-600">{t("learn.completeHint", { minutes: view.minutesNeeded })}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="complete" />
              <button type="submit" className="btn">
                {t("learn.complete")}
              </button>
            </Form>
          </>
        )}
      </section>
      <nav className="flex justify-between gap-2 text-sm">
        {view.previous ? <Link to={`/learn/lessons/${view.previous.id}`}>← {view.previous.title}</Link> : <span />}
        {view.next ? <Link to={`/learn/lessons/${view.next.id}`}>{view.next.title} →</Link> : null}
      </nav>
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
