import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

// The pure core must stay pure: data in, results out. I/O and framework code
// live at the edges (app/, db/, scripts/, bench/).
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+["'](next|next\/[^"']*|next-auth[^"']*)["']/, "Next.js / Auth.js"],
  [/from\s+["'](react|react-dom)(\/[^"']*)?["']/, "React"],
  [/from\s+["']drizzle-orm[^"']*["']/, "drizzle"],
  [/from\s+["'](node:)?fs(\/promises)?["']/, "node:fs"],
  [/from\s+["'](node:)?zlib["']/, "node:zlib"],
  [/from\s+["']@\/(db|app|lib)\//, "the database or app layers"],
  [/\bprocess\.env\b/, "process.env"],
];

describe.each(["scoring", "challenges"])("%s/ is a pure library", (folder) => {
  const files = sourceFiles(path.join(root, folder));
  it("has source files", () => expect(files.length).toBeGreaterThan(0));
  it.each(FORBIDDEN)("never imports %s", (pattern, what) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, "utf8"))).map((f) => path.relative(root, f));
    expect(offenders, `${what} used in ${folder}/`).toEqual([]);
  });
});
