import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHALLENGE_KINDS, KIND_IDS, KIND_UPLOADS } from "@/challenges";
import { inlineQueries, literalUses, root, violations } from "./architecture-rules";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const report = (files: string[], check: (source: string, file: string) => { line: number; what: string }[]) =>
  files.flatMap((f) => check(readFileSync(f, "utf8"), f).map((v) => `${path.relative(root, f)}:${v.line} ${v.what}`));

// The pure core must stay pure: data in, results out. I/O and framework code live at the edges (app/, db/, lib/,
// scripts/, cli/, bench/).
describe.each(["scoring", "challenges"])("%s/ is a pure library", (folder) => {
  const files = sourceFiles(path.join(root, folder));
  it("has source files", () => expect(files.length).toBeGreaterThan(0));
  it("loads no framework, database, file system, process or edge module", () => {
    expect(report(files, violations)).toEqual([]);
  });
});

describe("the rules catch each way of breaking them", () => {
  const file = path.join(root, "challenges", "example", "kind.ts");
  const caught = (source: string) => violations(source, file).map((v) => v.what);
  it.each([
    ['import { getDb } from "@/db";', "the database, app or auth layers"],
    ['import { challenges } from "@/db/schema";', "the database, app or auth layers"],
    ['import { auth } from "@/auth";', "the database, app or auth layers"],
    ['import { env } from "@/lib/env";', "the database, app or auth layers"],
    ['import { getDb } from "../../db";', "reaches db by a relative path"],
    ['import { env } from "../../lib/env";', "reaches lib by a relative path"],
    ['export { handlers } from "../../auth";', "reaches auth.ts by a relative path"],
    ['import Page from "../../app/(site)/page";', "reaches app by a relative path"],
    ['const m = await import("./other");', "dynamic import()"],
    ['const fs = require("node:fs");', "require()"],
    ['import fs = require("fs");', "import = require()"],
    ['import { Pool } from "pg";', "a database driver"],
    ['import PgBoss from "pg-boss";', "a database driver"],
    ['import { PGlite } from "@electric-sql/pglite";', "a database driver"],
    ['import { execFile } from "node:child_process";', "child_process"],
    ['import { spawn } from "child_process";', "child_process"],
    ["const { env } = process;", "the global process"],
    ["const key = process.env.SECRET;", "the global process"],
    ["const p = globalThis.process;", "the global process"],
    ["function f(proc: number) { return process.argv[proc]; }", "the global process"],
    ['const p = globalThis["process"];', "the global process"],
    ['import { readFileSync } from "node:fs";', "node:fs"],
    ['import { readFile } from "fs/promises";', "node:fs"],
    ['import { gunzipSync } from "zlib";', "node:zlib"],
    ['import { redirect } from "next/navigation";', "Next.js"],
    ['import type { Session } from "next-auth";', "Next.js"],
    ['import { useState } from "react";', "React"],
    ['import { eq } from "drizzle-orm";', "drizzle"],
    ['type Db = import("@/db").Db;', "the database, app or auth layers"],
  ])("catches %s", (source, expected) => {
    expect(caught(source).join("; ")).toContain(expected);
  });

  it("lets pure code through: relative imports inside the core, the word in a comment or string, a member named process", () => {
    const source = [
      'import { ams } from "../../scoring/metrics/ams";',
      'import { random } from "../shared/random";',
      "// process.env is read at the edges, never here",
      'const label = "multi-class process identification, no require() here";',
      "const row = { process: 3 };",
      "const n = row.process;",
      "interface Event { process: number }",
      "function count(process: Uint8Array) { return process.length; }",
      "const process = new Uint8Array(4); process[0] = 1;",
    ].join("\n");
    expect(caught(source)).toEqual([]);
  });
});

// A kind, and each of its uploads, is named only in its own folder and in challenges/index.ts: everything else
// reads the kind's object.
describe("no code outside challenges/ names a kind", () => {
  const ids = new Set([...KIND_IDS, ...KIND_UPLOADS.map((u) => u.upload.id)]);
  const files = ["app", "lib", "db", "scripts", "cli"].flatMap((d) => sourceFiles(path.join(root, d)));
  it("lists every kind once, each with a folder of its own", () => {
    expect(new Set(KIND_IDS).size).toBe(CHALLENGE_KINDS.length);
    for (const id of KIND_IDS) expect(statSync(path.join(root, "challenges", id, "kind.ts")).isFile(), id).toBe(true);
  });
  it("gives every upload an id of its own, or its own kind's", () => {
    const uploadIds = KIND_UPLOADS.map((u) => u.upload.id);
    expect(new Set(uploadIds).size).toBe(uploadIds.length);
    for (const { kind, upload } of KIND_UPLOADS) if (KIND_IDS.includes(upload.id)) expect(upload.id).toBe(kind.id);
  });
  it("has no kind or upload id as a string in app/, lib/, db/, scripts/ or cli/", () => {
    expect(report(files, (s, f) => literalUses(s, f, ids))).toEqual([]);
  });
  it("is caught when it does", () => {
    const uses = literalUses(
      'if (challenge.kind === "detector-design") draw(); // "higgs-tautau" in a comment\nif (kind === "higgs-cern") parse();',
      "x.ts",
      ids,
    );
    expect(uses.map((u) => u.what)).toEqual(["detector-design", "higgs-cern"]);
  });
});

// Every query is a function of db/queries (fn(db, params)); the rest of the code calls those.
describe("database queries live in db/", () => {
  const files = ["app", "lib", "scripts", "cli", "bench"].flatMap((d) => sourceFiles(path.join(root, d)));
  it("has no sql`…` template or query-builder call in app/, lib/, scripts/, cli/ or bench/", () => {
    expect(report(files, inlineQueries)).toEqual([]);
  });
  it.each([
    ["const r = await db.execute(sql`select 1`);", ["a query-builder call (.execute)", "a sql`…` template"]],
    ["await tx.insert(files).values(v);", ["a query-builder call (.insert)"]],
    ["const rows = await handle.db.select().from(t);", ["a query-builder call (.select)"]],
    ["const ids = sql.join(parts, sep);", ["sql.join"]],
  ])("catches %s", (source, expected) => {
    expect(inlineQueries(source, "x.ts").map((v) => v.what)).toEqual(expected);
  });
  it("lets through a transaction, calls on other objects and the word in a string", () => {
    expect(
      inlineQueries(
        'await db.transaction(async (tx) => insertRun(tx, p));\nmap.delete(k);\nboss.send("select");\nconst s = "db.select()";',
        "x.ts",
      ),
    ).toEqual([]);
  });
});
