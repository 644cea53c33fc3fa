import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireActor } from "~/lib/actor.server";
import { badRequest } from "~/lib/request.server";
import { attemptForCandidate, submitOwnAttempt, takeOver } from "~/modules/exams/attempts.server";
import { ExamPlayer } from "~/modules/exams/components/exam-player";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.exam.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const view = await attemptForCandidate(actor, params.id!);
  if (view.attempt.status !== "IN_PROGRESS") throw redirect(`/take/attempts/${params.id}/result`);
  return view;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "takeover") {
    const device = String(form.get("deviceId") ?? "");
    if (device.length < 8 || device.length > 64) badRequest();
    await takeOver(actor, params.id!, device);
    throw redirect(`/take/attempts/${params.id}`);
  }
  if (intent === "submit") {
    await submitOwnAttempt(actor, params.id!);
    throw redirect(`/take/attempts/${params.id}/result`);
  }
  badRequest();
}

export default function TakeExam() {
  const view = useLoaderData<typeof loader>();
  return (
    <ExamPlayer
      attempt={{ id: view.attempt.id, deadlineAt: view.attempt.deadlineAt, startedAt: view.attempt.startedAt, deviceId: view.attempt.deviceId, tabSwitches: view.attempt.tabSwitches }}
      exam={view.exam}
      serverNow={view.serverNow}
      items={view.items}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary };
