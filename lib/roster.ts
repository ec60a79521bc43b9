import { rosterLineSchema } from "./validations/challenge";

export const MAX_ROSTER_LINES = 500;

/**
 * A teacher's roster CSV (`name,email` per line; a header line `name,email` is skipped): every line checked
 * first, every problem reported with its line, so a bad address never leaves half a class created.
 */
export function parseRoster(text: string): { lines: { name: string; email: string }[]; problems: string[] } {
  const raw = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const lines: { name: string; email: string }[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  raw.forEach((line, i) => {
    if (line.trim() === "" || (i === 0 && /^\s*name\s*,\s*e-?mail\s*$/i.test(line))) return;
    const cells = line.split(",");
    if (cells.length !== 2)
      return void problems.push(`line ${i + 1}: expected "name,email", got ${cells.length} field${cells.length === 1 ? "" : "s"}`);
    const parsed = rosterLineSchema.safeParse({ name: cells[0], email: cells[1] });
    if (!parsed.success) return void problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
    if (seen.has(parsed.data.email)) return void problems.push(`line ${i + 1}: ${parsed.data.email} appears twice`);
    seen.add(parsed.data.email);
    lines.push(parsed.data);
  });
  if (lines.length + problems.length > MAX_ROSTER_LINES) problems.push(`at most ${MAX_ROSTER_LINES} students at a time`);
  if (lines.length === 0 && problems.length === 0) problems.push("the roster is empty");
  return { lines, problems };
}
