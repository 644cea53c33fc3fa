import { Form } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SafeMarkdown } from "~/components/safe-markdown";
import type { Response } from "~/modules/questions/rules";
import { isAnswered } from "../rules";
import { readQueue, useAnswerQueue, type SaveStatus } from "./answer-queue";
import { deviceId as browserDeviceId } from "./device-id";

/*
 * The exam page: one question at a time (readable at 375 px), an answer card to jump
 * between questions, mark-for-review, the server's clock, the save state, and a submit
 * summary. Answers go through the answer queue (answer-queue.ts).
 */
export type PlayerItem = {
  questionId: string;
  position: number;
  points: number;
  type: string;
  stem: string;
  options: { key: string; text: string }[];
  blanks: number;
  saved: { response: Response; flagged: boolean; seq: number } | null;
};

export type PlayerProps = {
  attempt: { id: string; deadlineAt: Date; startedAt: Date; deviceId: string; tabSwitches: number };
  exam: { title: string; tabSwitchLimit: number | null };
  serverNow: Date;
  items: PlayerItem[];
};

type AnswerState = Record<string, { response: Response | null; flagged: boolean }>;

const LETTERS = "ABCDEFGH";

function emptyResponse(item: PlayerItem): Response {
  switch (item.type) {
    case "SINGLE":
      return { type: "SINGLE", choice: null };
    case "MULTIPLE":
      return { type: "MULTIPLE", choices: [] };
    case "TRUE_FALSE":
      return { type: "TRUE_FALSE", value: null };
    case "FILL_BLANK":
      return { type: "FILL_BLANK", blanks: Array.from({ length: item.blanks }, () => "") };
    default:
      return { type: "CASE_ANALYSIS", text: "" };
  }
}

function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const STATUS_STYLE: Record<SaveStatus, string> = {
  saved: "bg-green-100 text-green-900",
  saving: "bg-sky-100 text-sky-900",
  offline: "bg-amber-100 text-amber-900",
  error: "bg-amber-100 text-amber-900",
  closed: "bg-slate-200 text-slate-800",
  takenOver: "bg-red-100 text-red-900",
};

function sendEvent(attemptId: string, deviceId: string, kind: string) {
  return fetch("/take/event", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ attemptId, deviceId, kind }), keepalive: true })
    .then((r) => (r.ok ? (r.json() as Promise<{ ended?: boolean; tabSwitches?: number }>) : null))
    .catch(() => null);
}

export function ExamPlayer({ attempt, exam, serverNow, items }: PlayerProps) {
  const { t } = useTranslation();
  const [device, setDevice] = useState("");
  const [clockOffset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [deadline, setDeadline] = useState(() => new Date(attempt.deadlineAt).getTime());
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  const [current, setCurrent] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [tabSwitches, setTabSwitches] = useState(attempt.tabSwitches);
  const [online, setOnline] = useState(true);
  const submitForm = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);

  const [answers, setAnswers] = useState<AnswerState>(() =>
    Object.fromEntries(items.map((i) => [i.questionId, { response: i.saved?.response ?? null, flagged: i.saved?.flagged ?? false }])),
  );

  const submitNow = useCallback(() => {
    if (submitted.current) return;
    submitted.current = true;
    submitForm.current?.requestSubmit();
  }, []);

  const queue = useAnswerQueue({
    attemptId: attempt.id,
    deviceId: device,
    clockOffset,
    startedAt: new Date(attempt.startedAt).getTime(),
    onDeadline: setDeadline,
    onClosed: submitNow,
  });

  // This browser's id, and answers still queued from before a reload (newer than the server's copy).
  useEffect(() => {
    setDevice(browserDeviceId());
    setOnline(navigator.onLine);
    const queued = readQueue(attempt.id);
    if (queued.length) {
      setAnswers((prev) => {
        const next = { ...prev };
        for (const q of queued) {
          const saved = items.find((i) => i.questionId === q.questionId)?.saved;
          if (!saved || saved.seq <= q.seq) next[q.questionId] = { response: q.response, flagged: q.flagged };
        }
        return next;
      });
    }
  }, [attempt.id, items]);

  // The clock: the server's deadline and time, advanced by this device's ticking.
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now() + clockOffset), 1000);
    return () => window.clearInterval(tick);
  }, [clockOffset]);
  const remaining = deadline - now;
  useEffect(() => {
    if (remaining <= 0 && device) {
      // Send what is queued, then submit; the server accepts saves for a short grace period.
      void queue.flush().finally(submitNow);
    }
  }, [remaining <= 0, device]); // eslint-disable-line react-hooks/exhaustive-deps

  // Integrity events.
  useEffect(() => {
    if (!device) return;
    const onVisibility = () => {
      if (document.visibilityState !== "hidden") return;
      void sendEvent(attempt.id, device, "TAB_HIDDEN").then((r) => {
        if (r?.tabSwitches !== undefined) setTabSwitches(r.tabSwitches);
        if (r?.ended) submitNow();
      });
    };
    const onBlur = () => void sendEvent(attempt.id, device, "FOCUS_LOST");
    const onCopy = () => void sendEvent(attempt.id, device, "COPY");
    const onPaste = () => void sendEvent(attempt.id, device, "PASTE");
    const onOnline = () => setOnline(true);
    const onOffline = () => setOnline(false);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("blur", onBlur);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("blur", onBlur);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [attempt.id, device, submitNow]);

  const change = (item: PlayerItem, response: Response | null, flagged: boolean) => {
    setAnswers((prev) => ({ ...prev, [item.questionId]: { response, flagged } }));
    queue.enqueue(item.questionId, response ?? emptyResponse(item), flagged);
  };

  const answeredCount = useMemo(() => items.filter((i) => isAnswered(answers[i.questionId]?.response as never)).length, [answers, items]);
  const unanswered = items.filter((i) => !isAnswered(answers[i.questionId]?.response as never)).map((i) => i.position);
  const flagged = items.filter((i) => answers[i.questionId]?.flagged).map((i) => i.position);
  const item = items[current];
  const state = answers[item.questionId] ?? { response: null, flagged: false };
  const response = state.response ?? emptyResponse(item);
  const locked = queue.status === "takenOver" || queue.status === "closed";

  return (
    <div className="mx-auto max-w-3xl space-y-3 pb-24">
      <header className="sticky top-0 z-10 space-y-1 rounded-b-md border-b border-slate-200 bg-white/95 px-2 py-2 backdrop-blur">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="min-w-0 truncate font-semibold">{exam.title}</h1>
          <p className={`rounded px-2 py-1 font-mono text-lg ${remaining < 5 * 60_000 ? "bg-red-100 text-red-900" : "bg-slate-100"}`} aria-live="off">
            <span className="sr-only">{t("take.player.timeLeft")} </span>
            <span data-testid="time-left">{formatClock(remaining)}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span role="status" data-testid="save-status" data-status={queue.status} className={`rounded px-2 py-0.5 ${STATUS_STYLE[queue.status]}`}>
            {t(`take.player.status.${queue.status}`)}
          </span>
          {queue.pending ? <span className="text-slate-600">{t("take.player.pending", { count: queue.pending })}</span> : null}
          <span className="text-slate-600">
            {t("take.player.answered")} {answeredCount}/{items.length}
          </span>
          {exam.tabSwitchLimit ? <span className="text-amber-800">{t("take.player.tabWarning", { count: tabSwitches, limit: exam.tabSwitchLimit })}</span> : null}
        </div>
      </header>

      {device && attempt.deviceId !== device && queue.status !== "takenOver" ? (
        <Form method="post" className="card space-y-2 border-amber-300 bg-amber-50 text-sm">
          <p className="font-semibold">{t("take.player.otherDevice")}</p>
          <p>{t("take.player.takeOverHint")}</p>
          <input type="hidden" name="intent" value="takeover" />
          <input type="hidden" name="deviceId" value={device} />
          <button type="submit" className="btn">
            {t("take.player.takeOver")}
          </button>
        </Form>
      ) : null}
      {queue.status === "takenOver" ? <p className="card border-red-300 bg-red-50 text-sm text-red-900">{t("take.player.status.takenOver")}</p> : null}
      {remaining <= 0 ? <p className="card text-sm">{t("take.player.timeUp")}</p> : null}

      <section className="card space-y-3" aria-labelledby="question-title" data-testid="question">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="question-title" className="font-semibold">
            {t("take.player.question", { n: item.position })} <span className="text-sm font-normal text-slate-600">{t("take.player.of", { total: items.length })}</span>
          </h2>
          <span className="text-sm text-slate-600">
            {t(`take.player.types.${item.type}`)} · {t("take.player.points", { points: item.points })}
          </span>
        </div>
        <SafeMarkdown>{item.stem}</SafeMarkdown>
        <fieldset disabled={locked || attempt.deviceId !== device} className="space-y-2">
          <legend className="sr-only">{t("take.player.answerHere")}</legend>
          {item.type === "SINGLE" || item.type === "MULTIPLE"
            ? item.options.map((o, index) => {
                const checked = response.type === "SINGLE" ? response.choice === o.key : response.type === "MULTIPLE" ? response.choices.includes(o.key) : false;
                return (
                  <label key={o.key} className={`flex min-h-11 cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}>
                    <input
                      type={item.type === "SINGLE" ? "radio" : "checkbox"}
                      name={`q-${item.questionId}`}
                      className="mt-1 h-5 w-5 shrink-0"
                      checked={checked}
                      onChange={(e) => {
                        if (response.type === "SINGLE") change(item, { type: "SINGLE", choice: o.key }, state.flagged);
                        else if (response.type === "MULTIPLE") {
                          const choices = e.target.checked ? [...response.choices, o.key] : response.choices.filter((c) => c !== o.key);
                          change(item, { type: "MULTIPLE", choices }, state.flagged);
                        }
                      }}
                    />
                    <span>
                      <span className="font-semibold">{LETTERS[index]}.</span> {o.text}
                    </span>
                  </label>
                );
              })
            : null}
          {item.type === "TRUE_FALSE" ? (
            <div className="grid grid-cols-2 gap-2">
              {([true, false] as const).map((value) => (
                <label key={String(value)} className={`flex min-h-11 cursor-pointer items-center justify-center gap-2 rounded-md border px-3 py-2 ${response.type === "TRUE_FALSE" && response.value === value ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}>
                  <input type="radio" name={`q-${item.questionId}`} className="h-5 w-5 shrink-0" checked={response.type === "TRUE_FALSE" && response.value === value} onChange={() => change(item, { type: "TRUE_FALSE", value }, state.flagged)} />
                  {value ? t("questions.trueLabel") : t("questions.falseLabel")}
                </label>
              ))}
            </div>
          ) : null}
          {item.type === "FILL_BLANK" && response.type === "FILL_BLANK"
            ? Array.from({ length: item.blanks }, (_, i) => (
                <div key={i}>
                  <label className="label" htmlFor={`blank-${item.questionId}-${i}`}>
                    {t("take.player.blank", { n: i + 1 })}
                  </label>
                  <input
                    id={`blank-${item.questionId}-${i}`}
                    className="input"
                    autoComplete="off"
                    value={response.blanks[i] ?? ""}
                    onChange={(e) => {
                      const blanks = Array.from({ length: item.blanks }, (_, j) => (j === i ? e.target.value : (response.blanks[j] ?? "")));
                      change(item, { type: "FILL_BLANK", blanks }, state.flagged);
                    }}
                  />
                </div>
              ))
            : null}
          {item.type === "CASE_ANALYSIS" && response.type === "CASE_ANALYSIS" ? (
            <div>
              <label className="label" htmlFor={`case-${item.questionId}`}>
                {t("take.player.answerHere")}
              </label>
              <textarea id={`case-${item.questionId}`} className="input min-h-48" value={response.text} onChange={(e) => change(item, { type: "CASE_ANALYSIS", text: e.target.value }, state.flagged)} />
            </div>
          ) : null}
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-5 w-5" checked={state.flagged} disabled={locked} onChange={(e) => change(item, state.response, e.target.checked)} />
          {t("take.player.flag")}
        </label>
      </section>

      <nav className="flex justify-between gap-2">
        <button type="button" className="btn-secondary" disabled={current === 0} onClick={() => setCurrent((c) => c - 1)}>
          {t("take.player.previous")}
        </button>
        <button type="button" className="btn-secondary" disabled={current === items.length - 1} onClick={() => setCurrent((c) => c + 1)}>
          {t("take.player.next")}
        </button>
      </nav>

      <section className="card" aria-label={t("take.player.navigator")}>
        <h2 className="mb-2 text-sm font-semibold">{t("take.player.navigator")}</h2>
        <ol className="grid grid-cols-6 gap-1.5 sm:grid-cols-10">
          {items.map((it, index) => {
            const a = answers[it.questionId];
            const done = isAnswered(a?.response as never);
            return (
              <li key={it.questionId}>
                <button
                  type="button"
                  onClick={() => setCurrent(index)}
                  aria-current={index === current ? "true" : undefined}
                  aria-label={`${t("take.player.question", { n: it.position })} ${done ? t("take.player.answered") : t("take.player.unanswered")}${a?.flagged ? ` ${t("take.player.flagged")}` : ""}`}
                  className={`relative h-10 w-full rounded border text-sm ${index === current ? "ring-2 ring-brand-600" : ""} ${done ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white"}`}
                >
                  {it.position}
                  {a?.flagged ? <span aria-hidden="true" className="absolute -right-1 -top-1 h-3 w-3 rounded-full bg-amber-500" /> : null}
                </button>
              </li>
            );
          })}
        </ol>
      </section>

      <div className="fixed inset-x-0 bottom-0 border-t border-slate-200 bg-white p-3">
        <div className="mx-auto flex max-w-3xl justify-end">
          <button type="button" className="btn w-full sm:w-auto" disabled={locked} onClick={() => setConfirming(true)}>
            {t("take.player.submit")}
          </button>
        </div>
      </div>

      {confirming ? (
        <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" className="fixed inset-0 z-20 flex items-end justify-center bg-black/40 p-3 sm:items-center">
          <div className="w-full max-w-md space-y-3 rounded-lg bg-white p-4 shadow-lg">
            <h2 id="confirm-title" className="font-semibold">
              {t("take.player.confirmTitle")}
            </h2>
            <p className="text-sm" data-testid="unanswered-summary">
              {unanswered.length ? t("take.player.confirmUnanswered", { count: unanswered.length, list: unanswered.join("、") }) : t("take.player.confirmAllAnswered")}
            </p>
            {flagged.length ? <p className="text-sm">{t("take.player.confirmFlagged", { list: flagged.join("、") })}</p> : null}
            {!online ? <p className="text-sm text-amber-800">{t("take.player.offlineSubmit")}</p> : null}
            <div className="flex flex-wrap justify-end gap-2">
              <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
                {t("take.player.keepAnswering")}
              </button>
              <button
                type="button"
                className="btn"
                disabled={!online}
                onClick={() => {
                  // Submit only once every queued answer is on the server.
                  void queue.flush().then((allSaved) => (allSaved ? submitNow() : setConfirming(false)));
                }}
              >
                {t("take.player.confirmSubmit")}
              </button>
            </div>
          </div>
        </div>
      ) : null}

      <Form method="post" ref={submitForm} className="hidden">
        <input type="hidden" name="intent" value="submit" />
      </Form>
    </div>
  );
}
