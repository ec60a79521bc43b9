/**
 * Streaming parser of the LHC Olympics 2020 R&D high-level-feature CSV (the CATHODE authors' preparation:
 * `mjj_TeV,mj_min_TeV,delta_mj_TeV,tau21_jmin,tau21_jmax,label`, masses in TeV), and of the same layout with this
 * project's names and GeV masses (`mjj,mj1,delta_mj,tau21_1,tau21_2,label`, what csv.ts's labelledCsv writes).
 * Masses come out in GeV whatever the file's unit. Reads lines one at a time into growable columns, and reports
 * every problem (up to the cap) with its line: a bad header, a wrong column count, a value that is not a finite
 * decimal, a label other than 0/1, no events. Empty lines are skipped. Tiny negative jet masses (−1e−8 GeV in the
 * real files, rounding in the jet clustering) are kept as they are.
 *
 * Worked example: the line `3.5,0.1,0.4,0.35,0.2,1` of a TeV file is event mjj 3500, mj1 100, delta_mj 400,
 * tau21_1 0.35, tau21_2 0.2, label 1.
 */
import { ProblemCollector } from "../../../scoring/parsing/errors";
import { importErrorClass } from "../../higgs-tautau/importer/import-error";
import { ANOMALY_FEATURES, type AnomalyEvents } from "../schema";

/** Accepted headers and the factor that turns their masses into GeV. */
export const LHCO_HEADERS: readonly { columns: readonly string[]; massToGeV: number }[] = [
  { columns: ["mjj_TeV", "mj_min_TeV", "delta_mj_TeV", "tau21_jmin", "tau21_jmax", "label"], massToGeV: 1000 },
  { columns: [...ANOMALY_FEATURES, "label"], massToGeV: 1 },
];

const WIDTH = ANOMALY_FEATURES.length + 1;
/** Columns 0..2 are masses. */
const MASS_COLUMNS = 3;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface LhcoParseOptions {
  /** Names the file in error messages (default "the LHCO file"). */
  fileName?: string;
}

/** Columns that double their capacity as rows arrive, since a streamed file's length is unknown until its end. */
class GrowingColumns {
  features = ANOMALY_FEATURES.map(() => new Float64Array(4096));
  label = new Uint8Array(4096);
  rows = 0;

  add(): number {
    if (this.rows === this.label.length) {
      const grow = <T extends Float64Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.features = this.features.map(grow);
      this.label = grow(this.label);
    }
    return this.rows++;
  }

  finish(): AnomalyEvents {
    return { features: this.features.map((c) => c.slice(0, this.rows)), label: this.label.slice(0, this.rows) };
  }
}

/**
 * Parses one file given as lines (each item one line, with or without its line ending; use `linesOf` for text
 * chunks). Throws ImportFormatError listing the problems.
 */
export async function parseLhcoCsv(lines: Iterable<string> | AsyncIterable<string>, opts: LhcoParseOptions = {}): Promise<AnomalyEvents> {
  const problems = new ProblemCollector(importErrorClass(opts.fileName ? `The file ${opts.fileName}` : "The LHCO file"));
  const out = new GrowingColumns();
  let lineNo = 0;
  let massToGeV = 0;
  let names: readonly string[] = [];
  for await (const raw of lines) {
    lineNo++;
    const line = raw.replace(/\r?\n$/, "").replace(/\r$/, "");
    if (lineNo === 1) {
      const header = line
        .replace(/^\uFEFF/, "")
        .split(",")
        .map((c) => c.trim());
      const known = LHCO_HEADERS.find((h) => h.columns.length === header.length && h.columns.every((c, k) => c === header[k]));
      if (!known)
        return problems.fatal(1, `the header is "${line}"; expected "${LHCO_HEADERS.map((h) => h.columns.join(",")).join('" or "')}"`);
      massToGeV = known.massToGeV;
      names = known.columns;
      continue;
    }
    if (line.trim() === "") continue;
    const cells = line.split(",");
    if (cells.length !== WIDTH) {
      problems.add(lineNo, `${cells.length} columns; expected ${WIDTH}`);
      continue;
    }
    const row = out.add();
    for (let f = 0; f < ANOMALY_FEATURES.length; f++) {
      const text = cells[f]!.trim();
      const v = DECIMAL.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(v)) problems.add(lineNo, `${names[f]} "${text}" is not a finite number`);
      out.features[f]![row] = f < MASS_COLUMNS ? v * massToGeV : v;
    }
    const label = cells[WIDTH - 1]!.trim();
    if (label !== "0" && label !== "1") problems.add(lineNo, `label "${label}" is not 0 or 1`);
    out.label[row] = label === "1" ? 1 : 0;
  }
  if (lineNo === 0) return problems.fatal(null, "the file is empty (no header)");
  if (out.rows === 0) problems.add(null, "there are no events after the header");
  problems.throwIfAny();
  return out.finish();
}

/** Lines of a text given in arbitrary chunks (e.g. a gunzipped stream decoded as UTF-8). */
export async function* linesOf(chunks: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of chunks) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest !== "") yield rest;
}
