/**
 * A bundle's `solution.csv`: the private answer key as the database holds it, one row per test event.
 * Columns `EventId,Label,Weight,Usage` and, when any row has one, `Aux` (empty where null). Label is 1 (signal)
 * or 0; Usage is Public, Private, Ignored or Control (scoring/'s codes 1, 2, 0 and anomaly detection's 3).
 * Numbers are written in JavaScript's shortest round-trip form, so weights and aux values come back bit for bit.
 *
 * Example (an anomaly challenge: one control event with its m_JJ in Aux):
 *   EventId,Label,Weight,Usage,Aux
 *   1000000,0,1,Public,
 *   1000001,0,1,Control,3481.25
 *   1000002,1,1,Private,
 */
import type { GeneratedSolution } from "@/challenges/built-in";
import type { IssueList } from "./issues";
import { SOLUTION_FILE } from "./manifest";

const USAGE_NAMES = ["Ignored", "Public", "Private", "Control"] as const;
const USAGE_CODES = new Map(USAGE_NAMES.map((name, code) => [name.toLowerCase(), code]));
const REQUIRED = ["eventid", "label", "weight", "usage"] as const;

/** The solution as CSV text. */
export function solutionCsv(s: GeneratedSolution): string {
  const withAux = s.aux !== undefined && s.aux.some((a) => !Number.isNaN(a));
  const lines = [withAux ? "EventId,Label,Weight,Usage,Aux" : "EventId,Label,Weight,Usage"];
  for (let i = 0; i < s.eventId.length; i++) {
    const row = `${s.eventId[i]},${s.label[i]},${s.weight[i]},${USAGE_NAMES[s.usage[i]!] ?? s.usage[i]}`;
    lines.push(withAux ? `${row},${Number.isNaN(s.aux![i]!) ? "" : s.aux![i]}` : row);
  }
  return lines.join("\n") + "\n";
}

/** 1-based line of each row, kept beside the solution for messages about ids. */
export type ParsedSolution = GeneratedSolution & { lines: Int32Array };

/**
 * Parses solution.csv, every problem to `issues`. Null only when the header is unusable: rows with other problems
 * are reported, and the rows with a readable EventId are kept, so the ids can still be checked against the test file.
 */
export function parseSolutionCsv(text: string, issues: IssueList): ParsedSolution | null {
  const problem = (line: number, message: string) => issues.add(SOLUTION_FILE, `line ${line}: ${message}`);
  const rows = text.split("\n");
  if (rows.at(-1) === "") rows.pop();
  const header = (rows[0] ?? "").replace(/\r$/, "").split(",").map((h) => h.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  const missing = REQUIRED.filter((name) => at(name) < 0);
  const unknown = header.filter((h) => !(REQUIRED as readonly string[]).includes(h) && h !== "aux");
  if (missing.length > 0 || unknown.length > 0 || new Set(header).size !== header.length) {
    problem(1, `the header must be EventId,Label,Weight,Usage[,Aux] (found ${JSON.stringify(rows[0]?.replace(/\r$/, "") ?? "")})`);
    return null;
  }
  const [cId, cLabel, cWeight, cUsage, cAux] = [at("eventid"), at("label"), at("weight"), at("usage"), at("aux")];
  const capacity = rows.length - 1;
  const s: ParsedSolution = {
    eventId: new Int32Array(capacity),
    label: new Uint8Array(capacity),
    weight: new Float64Array(capacity),
    usage: new Uint8Array(capacity),
    aux: cAux >= 0 ? new Float64Array(capacity) : undefined,
    lines: new Int32Array(capacity),
  };
  const firstLine = new Map<number, number>();
  let n = 0;
  for (let r = 1; r <= capacity; r++) {
    const line = r + 1;
    const fields = rows[r]!.replace(/\r$/, "").split(",");
    if (fields.length !== header.length) {
      problem(line, `expected ${header.length} fields, found ${fields.length}`);
      continue;
    }
    const [idText, labelText, weightText, usageText, auxText] = [fields[cId]!, fields[cLabel]!, fields[cWeight]!, fields[cUsage]!, fields[cAux]?.trim() ?? ""];
    const id = /^-?\d{1,10}$/.test(idText) ? Number(idText) : Number.NaN;
    if (firstLine.has(id)) problem(line, `EventId ${id} appears twice (first on line ${firstLine.get(id)})`);
    if (labelText !== "1" && labelText !== "0") problem(line, `Label ${JSON.stringify(labelText)} is not 1 or 0`);
    const weight = weightText.trim() === "" ? Number.NaN : Number(weightText);
    if (!(Number.isFinite(weight) && weight > 0)) problem(line, `Weight ${JSON.stringify(weightText)} is not a positive finite number`);
    const usage = USAGE_CODES.get(usageText.trim().toLowerCase());
    if (usage === undefined) problem(line, `Usage ${JSON.stringify(usageText)} is not Public, Private, Ignored or Control`);
    const aux = auxText === "" ? Number.NaN : Number(auxText);
    if (auxText !== "" && !Number.isFinite(aux)) problem(line, `Aux ${JSON.stringify(auxText)} is not a finite number (or empty)`);
    if (!(id >= -(2 ** 31) && id < 2 ** 31)) {
      problem(line, `EventId ${JSON.stringify(idText)} is not a whole number that fits 32 bits`);
      continue;
    }
    if (!firstLine.has(id)) firstLine.set(id, line);
    s.eventId[n] = id;
    s.label[n] = labelText === "1" ? 1 : 0;
    s.weight[n] = weight;
    s.usage[n] = usage ?? 0;
    if (s.aux) s.aux[n] = aux;
    s.lines[n++] = line;
  }
  return n === capacity ? s : { ...s, eventId: s.eventId.slice(0, n), label: s.label.slice(0, n), weight: s.weight.slice(0, n), usage: s.usage.slice(0, n), aux: s.aux?.slice(0, n), lines: s.lines.slice(0, n) };
}
