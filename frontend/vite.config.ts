import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Served by FastAPI from dist/ at "/": hashed assets, no inline script (the CSP forbids it).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  oxc: { jsx: { runtime: "automatic" } },
  build: { target: "es2022", modulePreload: { polyfill: false }, assetsInlineLimit: 0 },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  test: {
    environment: "happy-dom",
    environmentOptions: { happyDOM: { url: "http://localhost:8000/" } },
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
  },
});
