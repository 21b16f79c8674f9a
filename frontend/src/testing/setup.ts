import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { resetConfigCache } from "@/features/upload/api/get-config";

// jsdom has no scrolling; the router scrolls a new page to its top.
window.scrollTo = (() => undefined) as typeof window.scrollTo;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, "", "/");
  resetConfigCache();
});
