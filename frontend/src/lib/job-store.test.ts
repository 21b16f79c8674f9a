import { describe, expect, it, vi } from "vitest";
import { findJob, forgetJob, listJobs, rememberJob, resolveToken, tokenFromFragment } from "@/lib/job-store";
import { matchRoute, navigate } from "@/lib/router";

describe("job store", () => {
  it("keeps jobs newest first, replacing one with the same id", () => {
    rememberJob({ id: "a", token: "1", filename: "a.pdf", created: "t" });
    rememberJob({ id: "b", token: "2", filename: "b.pdf", created: "t" });
    rememberJob({ id: "a", token: "1", filename: "a2.pdf", created: "t" });
    expect(listJobs().map((j) => j.filename)).toEqual(["a2.pdf", "b.pdf"]);
    forgetJob("a");
    expect(listJobs().map((j) => j.id)).toEqual(["b"]);
  });

  it("takes a token from a link's fragment and remembers it", () => {
    expect(tokenFromFragment("#token=abc")).toEqual({ token: "abc", role: "owner" });
    expect(tokenFromFragment("#view=xyz")).toEqual({ token: "xyz", role: "viewer" });
    expect(tokenFromFragment("")).toBeNull();
    expect(resolveToken("j", "#token=abc")).toEqual({ token: "abc", role: "owner" });
    expect(findJob("j")?.token).toBe("abc");
    expect(resolveToken("j", "")).toEqual({ token: "abc", role: "owner" }); // after a reload
    expect(resolveToken("unknown", "")).toBeNull();
  });

  it("remembers a share link as a viewer, and never lets it replace the owner's token", () => {
    expect(resolveToken("s", "#view=xyz")).toEqual({ token: "xyz", role: "viewer" });
    expect(findJob("s")?.role).toBe("viewer");
    expect(resolveToken("s", "")).toEqual({ token: "xyz", role: "viewer" });
    rememberJob({ id: "mine", token: "own", filename: "cv.pdf", created: "t" });
    expect(resolveToken("mine", "#view=xyz")).toEqual({ token: "own", role: "owner" });
    expect(findJob("mine")?.token).toBe("own");
  });

  it("survives broken storage contents", () => {
    window.localStorage.setItem("resumeroast.jobs.v1", "{not json");
    expect(listJobs()).toEqual([]);
  });
});

describe("matchRoute", () => {
  it("knows the app's pages", () => {
    expect(matchRoute("/")).toEqual({ name: "upload" });
    expect(matchRoute("/jobs/abc-1")).toEqual({ name: "job", id: "abc-1" });
    expect(matchRoute("/history/")).toEqual({ name: "history" });
    expect(matchRoute("/admin")).toEqual({ name: "admin" });
    expect(matchRoute("/nope")).toEqual({ name: "not-found" });
  });
});

describe("navigate", () => {
  it("starts a new page at its top, and leaves the scroll alone within a page", () => {
    const scrollTo = vi.spyOn(window, "scrollTo");
    navigate("/history");
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
    scrollTo.mockClear();
    navigate("/history#part");
    expect(scrollTo).not.toHaveBeenCalled();
  });
});
