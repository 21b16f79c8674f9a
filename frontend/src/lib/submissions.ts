import type { Level } from "@/lib/api/client";

/**
 * What was uploaded, so "try again" can resubmit it: in memory for this page's life, and in
 * IndexedDB (this browser only, never sent anywhere) so a reload or a link opened later can too.
 * A stored file is dropped once its job completes or its data is deleted, and only the newest
 * few are kept: at up to 5 MB each, the browser holds little.
 */
export interface Submission {
  file: File;
  jobDescription: string;
  level: Level;
}

/** The file as bytes: ArrayBuffers store the same in every browser (File objects do not). */
interface StoredSubmission {
  jobId: string;
  saved: number; // ms since the epoch, for keeping the newest
  bytes: ArrayBuffer;
  name: string;
  type: string;
  jobDescription: string;
  level: Level;
}

const DB_NAME = "resumeroast";
const STORE = "submissions";
export const KEEP_AT_MOST = 3;

const byJob = new Map<string, Submission>();
let draft: Partial<Submission> | null = null;

/** Remembers the submission; resolves once it is stored (callers need not wait). */
export async function keepSubmission(jobId: string, submission: Submission): Promise<void> {
  byJob.set(jobId, submission);
  const { file, jobDescription, level } = submission;
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return; // the file can no longer be read (moved or changed on disk): memory only
  }
  const stored: StoredSubmission = {
    jobId,
    saved: Date.now(),
    bytes,
    name: file.name,
    type: file.type,
    jobDescription,
    level,
  };
  await withStore("readwrite", (store) => {
    store.put(stored);
    pruneOldest(store);
  });
}

/** The submission of this job, from memory or from this browser's storage. */
export async function loadSubmission(jobId: string): Promise<Submission | undefined> {
  const held = byJob.get(jobId);
  if (held) return held;
  let stored: StoredSubmission | undefined;
  await withStore("readonly", (store) => {
    const request = store.get(jobId);
    request.onsuccess = () => {
      stored = request.result as StoredSubmission | undefined;
    };
  });
  if (!stored) return undefined;
  const { bytes, name, type, jobDescription, level } = stored;
  return { file: new File([bytes], name, { type }), jobDescription, level };
}

/** Drops the job's file: its roast is done, it was resubmitted, or its data was deleted. */
export function forgetSubmission(jobId: string): Promise<void> {
  byJob.delete(jobId);
  return withStore("readwrite", (store) => {
    store.delete(jobId);
  });
}

function pruneOldest(store: IDBObjectStore): void {
  const request = store.getAll();
  request.onsuccess = () => {
    const all = (request.result as StoredSubmission[]).sort((a, b) => b.saved - a.saved);
    for (const old of all.slice(KEEP_AT_MOST)) store.delete(old.jobId);
  };
}

/** Runs one transaction; storage that is missing or refused leaves memory as the only copy. */
async function withStore(mode: IDBTransactionMode, work: (store: IDBObjectStore) => void): Promise<void> {
  try {
    const db = await openDatabase();
    try {
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        transaction.oncomplete = () => resolve();
        transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
        work(transaction.objectStore(STORE));
      });
    } finally {
      db.close();
    }
  } catch {
    /* private browsing, a full disk, no IndexedDB: "try again" then asks for the file */
  }
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new Error("no IndexedDB"));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: "jobId" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB refused"));
  });
}

/** Pre-fills the upload form (a retry whose file this browser no longer holds). */
export function setDraft(value: Partial<Submission> | null): void {
  draft = value;
}

export function takeDraft(): Partial<Submission> | null {
  const value = draft;
  draft = null;
  return value;
}
