import { useSyncExternalStore } from "react";

/** The jobs this browser submitted (or opened from a shared link), kept in localStorage. */
export interface KnownJob {
  id: string;
  token: string;
  filename: string;
  created: string; // ISO time
  /** "viewer": opened from a share link (reads only); absent or "owner": uploaded here. */
  role?: Role;
  /** The earlier version of the same resume this one revises (uploaded here, by its owner). */
  previousId?: string;
}

export type Role = "owner" | "viewer";

const KEY = "resumeroast.jobs.v1";
const listeners = new Set<() => void>();
let cache: { raw: string | null; jobs: KnownJob[] } = { raw: null, jobs: [] };

function read(): KnownJob[] {
  const raw = safeGet();
  if (raw === cache.raw) return cache.jobs;
  cache = { raw, jobs: parse(raw) };
  return cache.jobs;
}

function parse(raw: string | null): KnownJob[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isKnownJob) : [];
  } catch {
    return [];
  }
}

function isKnownJob(value: unknown): value is KnownJob {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.token === "string" && typeof v.filename === "string";
}

function safeGet(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the app still works for this page view
  }
}

function write(jobs: KnownJob[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(jobs));
  } catch {
    /* full or disabled storage: nothing else to do */
  }
  for (const listener of listeners) listener();
}

export function listJobs(): KnownJob[] {
  return read();
}

export function findJob(id: string): KnownJob | undefined {
  return read().find((job) => job.id === id);
}

/** Adds the job, or updates the one with the same id (newest first). */
export function rememberJob(job: KnownJob): void {
  const others = read().filter((known) => known.id !== job.id);
  write([job, ...others]);
}

/** Records, in place, the earlier version a job revises (as the server linked them). */
export function linkVersion(id: string, previousId: string): void {
  const jobs = read();
  if (!jobs.some((job) => job.id === id && job.previousId !== previousId)) return;
  write(jobs.map((job) => (job.id === id ? { ...job, previousId } : job)));
}

export function forgetJob(id: string): void {
  write(read().filter((job) => job.id !== id));
}

export interface LinkToken {
  token: string;
  role: Role;
}

/**
 * A link carries the token in its fragment, never sent to a server: `#token=…` is the owner's
 * (the upload's own page), `#view=…` a share link's read-only token.
 */
export function tokenFromFragment(hash: string): LinkToken | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const owner = params.get("token");
  if (owner) return { token: owner, role: "owner" };
  const viewer = params.get("view");
  return viewer ? { token: viewer, role: "viewer" } : null;
}

/**
 * The job's token: from the link if it has one (then remembered), else from storage. A share
 * link never replaces the owner's token this browser already holds.
 */
export function resolveToken(id: string, hash: string): LinkToken | null {
  const fromLink = tokenFromFragment(hash);
  const known = findJob(id);
  const knownRole: Role = known?.role ?? "owner";
  if (known && (!fromLink || (fromLink.role === "viewer" && knownRole === "owner"))) {
    return { token: known.token, role: knownRole };
  }
  if (fromLink && fromLink.token !== known?.token) {
    rememberJob({
      id,
      token: fromLink.token,
      filename: known?.filename ?? "Shared resume",
      created: known?.created ?? new Date().toISOString(),
      role: fromLink.role,
    });
  }
  return fromLink;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function useKnownJobs(): KnownJob[] {
  return useSyncExternalStore(subscribe, read);
}
