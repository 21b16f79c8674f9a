import { useCallback, useEffect, useRef, useState } from "react";
import { eventsUrl, isFinal, type JobEvent, type JobPublic } from "@/lib/api/client";
import { getJob } from "@/lib/api/jobs";
import { stepOf, type Step } from "@/features/jobs/steps";

/** How updates arrive: the SSE stream, or polling once the stream failed. */
export type Transport = "connecting" | "live" | "polling" | "finished";

export interface JobWatch {
  job: JobPublic | null;
  transport: Transport;
  /** When each step was first seen by this page (ISO times). */
  seenAt: Partial<Record<Step, string>>;
  error: "not_found" | "network" | null;
}

export const POLL_FIRST_MS = 1000;
export const POLL_MAX_MS = 15000;

/** Next polling delay: back to the start after a change, doubling (to a cap) when nothing moved. */
export function nextPollDelay(previousMs: number, changed: boolean): number {
  return changed ? POLL_FIRST_MS : Math.min(previousMs * 2, POLL_MAX_MS);
}

const INITIAL: JobWatch = { job: null, transport: "connecting", seenAt: {}, error: null };

/**
 * Follows a job: one GET, then the SSE stream until a final status; when the stream fails,
 * polling with backoff. The final state is read again in full (feedback or failure reason).
 */
export function useJobStatus(id: string, token: string | null): JobWatch & { reload(): void } {
  const [watch, setWatch] = useState<JobWatch>(INITIAL);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const lastJob = useRef<JobPublic | null>(null);

  useEffect(() => {
    setWatch(INITIAL);
    lastJob.current = null;
    if (!token) {
      setWatch({ ...INITIAL, transport: "finished", error: "not_found" });
      return;
    }
    const jobToken = token;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delayMs = POLL_FIRST_MS;

    function show(job: JobPublic, transport?: Transport): void {
      lastJob.current = job;
      const step: Step | "failed" = job.status === "failed" ? "failed" : stepOf(job.status, job.stage);
      setWatch((previous) => ({
        job,
        error: null,
        transport: transport ?? previous.transport,
        seenAt:
          step === "failed" || previous.seenAt[step]
            ? previous.seenAt
            : { ...previous.seenAt, [step]: new Date().toISOString() },
      }));
    }

    async function load(transport?: Transport): Promise<JobPublic | null> {
      const read = await getJob(id, jobToken);
      if (stopped) return null;
      if (read.ok) {
        show(read.job, transport ?? (isFinal(read.job.status) ? "finished" : undefined));
        return read.job;
      }
      if (read.reason === "not_found") {
        stopped = true;
        source?.close();
        setWatch((previous) => ({ ...previous, transport: "finished", error: "not_found" }));
      } else {
        setWatch((previous) => ({ ...previous, error: "network" }));
      }
      return null;
    }

    function onStatus(message: MessageEvent<string>): void {
      const event = JSON.parse(message.data) as JobEvent;
      const current = lastJob.current;
      if (!current) return;
      const retryNews = event.retries > current.retries;
      show({
        ...current,
        status: event.status,
        stage: event.stage,
        attempts: event.attempts,
        retries: event.retries,
        retry_at: event.retry_at,
        updated_at: event.updated_at,
        failure:
          event.status === "failed" && event.failure_reason
            ? {
                code: current.failure?.code ?? null,
                reason: event.failure_reason,
                // Until the full read says otherwise, offer no retry that may fail the same way.
                retryable: current.failure?.retryable ?? false,
              }
            : current.failure ?? null,
      });
      if (isFinal(event.status)) {
        source?.close();
        source = null;
        void load("finished");
      } else if (retryNews) {
        void load(); // the retry's cause (last_error) is in the full record
      }
    }

    function openStream(): void {
      if (typeof EventSource === "undefined") {
        startPolling();
        return;
      }
      source = new EventSource(eventsUrl(id, jobToken));
      source.addEventListener("open", () => {
        setWatch((previous) => ({ ...previous, transport: "live" }));
      });
      source.addEventListener("status", onStatus as EventListener);
      source.addEventListener("error", () => {
        if (!source || stopped) return;
        source.close(); // no silent reconnect loop: poll instead
        source = null;
        startPolling();
      });
    }

    function startPolling(): void {
      setWatch((previous) => ({ ...previous, transport: "polling" }));
      delayMs = POLL_FIRST_MS;
      timer = setTimeout(poll, delayMs);
    }

    async function poll(): Promise<void> {
      const before = lastJob.current?.updated_at;
      const job = await load();
      if (stopped || (job && isFinal(job.status))) {
        if (job) setWatch((previous) => ({ ...previous, transport: "finished" }));
        return;
      }
      delayMs = nextPollDelay(delayMs, job !== null && job.updated_at !== before);
      timer = setTimeout(poll, delayMs);
    }

    void load().then((job) => {
      if (stopped) return;
      if (job === null) startPolling();
      else if (!isFinal(job.status)) openStream();
    });

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [id, token, round]);

  return { ...watch, reload };
}
