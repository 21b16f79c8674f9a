import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// vitest runs from frontend/ (npm test)
const root = `${process.cwd()}/`;

describe("the generated API client", () => {
  it("matches openapi.json (run `npm run generate` after `make client`)", () => {
    const fresh = execFileSync(
      process.execPath,
      [`${root}node_modules/openapi-typescript/bin/cli.js`, `${root}openapi.json`],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
    const committed = readFileSync(`${root}src/lib/api/schema.ts`, "utf8");
    expect(committed.trim()).toBe(fresh.trim());
  }, 60_000); // a fresh node process compiling the whole schema: seconds on a loaded machine
});
