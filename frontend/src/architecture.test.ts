import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// One-way imports (bulletproof-react): app → features → lib/components; no feature imports
// another. Tests and testing helpers are exempt.
const SRC = join(process.cwd(), "src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function imports(path: string): string[] {
  return [...readFileSync(path, "utf8").matchAll(/from "(@\/[^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("import rules", () => {
  it("keeps features independent and shared code free of features and app", () => {
    const broken: string[] = [];
    for (const path of sources(SRC)) {
      const [top, feature] = relative(SRC, path).split(/[\\/]/);
      for (const target of imports(path)) {
        const crossFeature =
          top === "features" && target.startsWith("@/features/") && !target.startsWith(`@/features/${feature}/`);
        const upward = top !== "app" && top !== "main.tsx" && target.startsWith("@/app/");
        const sharedToFeature = (top === "lib" || top === "components") && target.startsWith("@/features/");
        if (crossFeature || upward || sharedToFeature) broken.push(`${relative(SRC, path)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
