import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";

type Submissions = typeof import("@/lib/submissions");

/** The module as a freshly loaded page sees it: nothing in memory, IndexedDB as it was left. */
async function afterReload(): Promise<Submissions> {
  vi.resetModules();
  return import("@/lib/submissions");
}

function resume(name: string, text = `%PDF-1.7 ${name}`): File {
  return new File([text], name, { type: "application/pdf" });
}

afterEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase("resumeroast");
    request.onsuccess = request.onerror = () => resolve();
  });
});

describe("submissions", () => {
  it("keeps the file for “try again” across a reload", async () => {
    const before = await afterReload();
    await before.keepSubmission("job-1", { file: resume("cv.pdf"), jobDescription: "Kafka", level: "brutal" });

    const after = await afterReload();
    const kept = await after.loadSubmission("job-1");
    expect(kept?.file.name).toBe("cv.pdf");
    expect(kept?.file.type).toBe("application/pdf");
    expect(await kept?.file.text()).toBe("%PDF-1.7 cv.pdf");
    expect(kept?.jobDescription).toBe("Kafka");
    expect(kept?.level).toBe("brutal");
    expect(await after.loadSubmission("job-unknown")).toBeUndefined();
  });

  it("forgets the file once the job is done with it, in memory and in storage", async () => {
    const page = await afterReload();
    await page.keepSubmission("job-1", { file: resume("cv.pdf"), jobDescription: "", level: "honest" });
    await page.forgetSubmission("job-1");
    expect(await page.loadSubmission("job-1")).toBeUndefined();
    expect(await (await afterReload()).loadSubmission("job-1")).toBeUndefined();
  });

  it("stores only the newest few files", async () => {
    const page = await afterReload();
    const ids = Array.from({ length: page.KEEP_AT_MOST + 2 }, (_, i) => `job-${i}`);
    for (const [i, id] of ids.entries()) {
      vi.spyOn(Date, "now").mockReturnValue(1_000 + i);
      await page.keepSubmission(id, { file: resume(`${id}.pdf`), jobDescription: "", level: "honest" });
    }
    const later = await afterReload();
    const found = await Promise.all(ids.map(async (id) => (await later.loadSubmission(id))?.file.name ?? null));
    expect(found).toEqual([null, null, ...ids.slice(2).map((id) => `${id}.pdf`)]);
  });
});
