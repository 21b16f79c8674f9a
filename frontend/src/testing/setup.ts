import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { resetConfigCache } from "@/features/upload/api/get-config";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, "", "/");
  resetConfigCache();
});
