import { useCallback, useEffect, useRef, useState } from "react";
import type { Response } from "~/modules/questions/rules";

/*
 * The browser side of autosave. Every change becomes a save with an idempotency key and
 * a sequence number from the server-synchronised clock, goes into a queue kept in
 * localStorage (so it survives a reload, a crash or a dead network), and is sent
 * debounced and every few seconds until the server says it is on disk. The server keeps
 * the newest save by sequence, so retries and late arrivals cannot undo a newer answer.
 */
export type QueuedSave = { key: string; questionId: string; seq: number; flagged: boolean; response: Response };
export type SaveStatus = "saved" | "saving" | "offline" | "error" | "closed" | "takenOver";

const DEBOUNCE_MS = 800;
const PERIODIC_MS = 5_000;

function storageKey(attemptId: string) {
  return `exam-queue:${attemptId}`;
}

export function readQueue(attemptId: string): QueuedSave[] {
  try {
    return JSON.parse(window.localStorage.getItem(storageKey(attemptId)) ?? "[]") as QueuedSave[];
  } catch {
    return [];
  }
}

function writeQueue(attemptId: string, queue: QueuedSave[]) {
  if (queue.length) window.localStorage.setItem(storageKey(attemptId), JSON.stringify(queue));
  else window.localStorage.removeItem(storageKey(attemptId));
}

export function useAnswerQueue(options: {
  attemptId: string;
  deviceId: string;
  /** Milliseconds to add to Date.now() to get the server's time. */
  clockOffset: number;
  startedAt: number;
  onDeadline: (deadlineAt: number) => void;
  onClosed: () => void;
}) {
  const { attemptId, deviceId } = options;
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [pending, setPending] = useState(0);
  const inFlight = useRef(false);
  const timer = useRef<number | null>(null);
  const stopped = useRef(false);
  const callbacks = useRef(options);
  callbacks.current = options;

  const flush = useCallback(async (): Promise<boolean> => {
    if (stopped.current || !deviceId) return false;
    const queue = readQueue(attemptId);
    setPending(queue.length);
    if (!queue.length) {
      setStatus((s) => (s === "saving" || s === "error" || s === "offline" ? "saved" : s));
      return true;
    }
    if (inFlight.current) return false;
    if (!navigator.onLine) {
      setStatus("offline");
      return false;
    }
    inFlight.current = true;
    setStatus("saving");
    const batch = queue.slice(0, 200);
    try {
      const response = await fetch("/take/save", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ attemptId, deviceId, saves: batch }),
      });
      const body = (await response.json().catch(() => null)) as { saved?: string[]; deadlineAt?: string; error?: string } | null;
      if (response.ok && body?.saved) {
        const done = new Set(body.saved);
        const left = readQueue(attemptId).filter((s) => !done.has(s.key));
        writeQueue(attemptId, left);
        setPending(left.length);
        setStatus(left.length ? "saving" : "saved");
        if (body.deadlineAt) callbacks.current.onDeadline(new Date(body.deadlineAt).getTime());
        return left.length === 0;
      }
      if (body?.error === "takenOver") {
        stopped.current = true;
        setStatus("takenOver");
      } else if (body?.error === "closed") {
        stopped.current = true;
        setStatus("closed");
        callbacks.current.onClosed();
      } else setStatus("error");
      return false;
    } catch {
      // Network down or server unreachable: keep the queue, try again later.
      setStatus(navigator.onLine ? "error" : "offline");
      return false;
    } finally {
      inFlight.current = false;
    }
  }, [attemptId, deviceId]);

  /** Queues a changed answer; the newest change to a question replaces older unsent ones. */
  const enqueue = useCallback(
    (questionId: string, response: Response, flagged: boolean) => {
      const seq = Math.max(0, Math.round(Date.now() + callbacks.current.clockOffset - callbacks.current.startedAt));
      const save: QueuedSave = { key: crypto.randomUUID(), questionId, seq, flagged, response };
      const queue = readQueue(attemptId).filter((s) => s.questionId !== questionId);
      writeQueue(attemptId, [...queue, save]);
      setPending(queue.length + 1);
      if (!stopped.current) setStatus(navigator.onLine ? "saving" : "offline");
      if (timer.current) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [attemptId, flush],
  );

  useEffect(() => {
    void flush();
    const periodic = window.setInterval(() => void flush(), PERIODIC_MS);
    const online = () => {
      void fetch("/take/event", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ attemptId, deviceId, kind: "RECONNECT" }) }).catch(() => {});
      void flush();
    };
    const offline = () => setStatus((s) => (s === "closed" || s === "takenOver" ? s : "offline"));
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.clearInterval(periodic);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  }, [attemptId, deviceId, flush]);

  return { status, pending, enqueue, flush };
}
