/**
 * Reads a submitted design: a JSON document of either schema, or the course's
 * one-row CSV (header R,pitch,y1,y2,y3,z1,z2,z3), which is read as v1.
 * Any problem throws a DesignError listing every issue with its path; nothing
 * is clamped or silently repaired.
 *
 * Worked example:
 *   parseDesign("R,pitch,y1,y2,y3,z1,z2,z3\n1,4,0,0,0,2,4,6")
 *     -> { schema: "straw-tracker/v1", y: [0, 0, 0], z: [2, 4, 6] }
 *   parseDesign('{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4]}')
 *     -> DesignError "z: must list exactly 3 numbers (...)"
 */
import type { z } from "zod";
import { type SubmissionIssue, SubmissionIssuesError } from "../kind";
import { type Design, designSchema, V1_PITCH, V1_RADIUS, V1_SCHEMA } from "./design-schema";

/** Where a design is wrong: "layers[2].pitch", a CSV column name, or "" for the whole input. */
export type DesignIssue = SubmissionIssue;

export class DesignError extends SubmissionIssuesError {
  override name = "DesignError";
}

export const CSV_HEADER = ["R", "pitch", "y1", "y2", "y3", "z1", "z2", "z3"] as const;

/** zod's path array as "layers[2].pitch". */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

function validate(input: unknown, renamePath: (path: string) => string = (p) => p): Design {
  const result = designSchema.safeParse(input);
  if (result.success) return result.data as Design;
  throw new DesignError(result.error.issues.map((i: z.core.$ZodIssue) => ({ path: renamePath(formatPath(i.path)), message: i.message })));
}

// A plain decimal: Number() alone would accept "", "0x10" and " ".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseCsv(text: string): Design {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  if (header.join(",") !== CSV_HEADER.join(",")) {
    throw new DesignError([
      { path: "header", message: `the CSV header must be ${CSV_HEADER.join(",")}, got ${JSON.stringify(lines[0]?.slice(0, 80) ?? "")}` },
    ]);
  }
  if (lines.length !== 2) {
    throw new DesignError([{ path: "", message: `the CSV must have exactly one data row, got ${lines.length - 1}` }]);
  }
  const cells = (lines[1] as string).split(",").map((c) => c.trim());
  if (cells.length !== CSV_HEADER.length) {
    throw new DesignError([{ path: "row 1", message: `must have ${CSV_HEADER.length} values, got ${cells.length}` }]);
  }
  const issues: DesignIssue[] = [];
  const values = cells.map((cell, i) => {
    const value = DECIMAL.test(cell) ? Number(cell) : Number.NaN;
    if (!Number.isFinite(value))
      issues.push({ path: CSV_HEADER[i] as string, message: `must be a finite number, got ${JSON.stringify(cell)}` });
    return value;
  });
  const [radius, pitch, y1, y2, y3, z1, z2, z3] = values as [number, number, number, number, number, number, number, number];
  const fixed = "v1 fixes the tubes at R = 1 cm and pitch = 4 cm; use the straw-tracker/v2 JSON schema for other tubes";
  if (Number.isFinite(radius) && radius !== V1_RADIUS)
    issues.push({ path: "R", message: `must be ${V1_RADIUS}, got ${radius} (${fixed})` });
  if (Number.isFinite(pitch) && pitch !== V1_PITCH) issues.push({ path: "pitch", message: `must be ${V1_PITCH}, got ${pitch} (${fixed})` });
  // Report v1 paths ("y[1]") as the CSV's column names ("y2"), and the layout's faults beside the cells' faults
  // (a column already named for not being a number is not named twice).
  const toColumn = (p: string) => p.replace(/^([yz])\[(\d)\]$/, (_, axis: string, i: string) => `${axis}${Number(i) + 1}`);
  try {
    const design = validate({ schema: V1_SCHEMA, y: [y1, y2, y3], z: [z1, z2, z3] }, toColumn);
    if (issues.length === 0) return design;
  } catch (err) {
    if (!(err instanceof DesignError)) throw err;
    const named = new Set(issues.map((i) => i.path));
    issues.push(...err.issues.filter((i) => !named.has(i.path)));
  }
  throw new DesignError(issues);
}

/** Parses and validates a design given as JSON (either schema) or as the course's one-row CSV. */
export function parseDesign(text: string): Design {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") throw new DesignError([{ path: "", message: "the design is empty" }]);
  if (!/^[{["]/.test(trimmed) && /^R\s*,/.test(trimmed)) return parseCsv(trimmed);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (e) {
    throw new DesignError([
      { path: "", message: `malformed JSON (${(e as Error).message}); expected a JSON object or the CSV header ${CSV_HEADER.join(",")}` },
    ]);
  }
  return validate(json);
}
