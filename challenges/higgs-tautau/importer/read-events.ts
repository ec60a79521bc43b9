/**
 * Streaming, validating reader for the three HiggsML event-file layouts: CERN Open Data's
 * atlas-higgs-challenge-2014-v2.csv, Kaggle's training.csv and Kaggle's test.csv. Built on scoring/'s byte-level
 * CSV reader, so the file is never held as text, and reporting every problem (up to the cap) with its line.
 */
import type { ByteSource } from "../../../scoring/parsing/byte-source";
import type { CsvRecord } from "../../../scoring/parsing/csv-reader";
import { quoteValue, readTable } from "../../../scoring/parsing/csv-table";
import { ProblemCollector } from "../../../scoring/parsing/errors";
import { parseDecimal, parseDigits } from "../../../scoring/parsing/parse-number";
import { FEATURE_INDEX, HIGGS_FEATURES, MISSING } from "../schema";
import { EventColumns, type ReadEvents } from "./event-columns";
import { importErrorClass } from "./import-error";

/** KaggleSet codes: t = training, b = public test, v = private test, u = unused (0 = no such column). */
export const KAGGLE_SET = { training: 1, publicTest: 2, privateTest: 3, unused: 4 } as const;
const KAGGLE_SET_BY_LETTER: Record<string, number> = { t: 1, b: 2, v: 3, u: 4 };

export interface FileLayout {
  columns: readonly string[];
  /** The column used as the event weight; null for test files, which carry none. */
  weightColumn: string | null;
  hasLabel: boolean;
  hasKaggleSet: boolean;
}

export const KAGGLE_TRAINING_LAYOUT: FileLayout = {
  columns: ["EventId", ...HIGGS_FEATURES, "Weight", "Label"],
  weightColumn: "Weight",
  hasLabel: true,
  hasKaggleSet: false,
};

export const KAGGLE_TEST_LAYOUT: FileLayout = {
  columns: ["EventId", ...HIGGS_FEATURES],
  weightColumn: null,
  hasLabel: false,
  hasKaggleSet: false,
};

/**
 * The CERN file's Weight is the original simulation weight; KaggleWeight is the one Kaggle renormalised per
 * KaggleSet (and the one its leaderboards used), so it is the weight imported. Weight must be present, but is unused.
 */
export const CERN_LAYOUT: FileLayout = {
  columns: ["EventId", ...HIGGS_FEATURES, "Weight", "Label", "KaggleSet", "KaggleWeight"],
  weightColumn: "KaggleWeight",
  hasLabel: true,
  hasKaggleSet: true,
};

/** Imports read files far larger than a submission: the full CERN file is about 190 MB. */
export const IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

const INT32_MAX = 2 ** 31 - 1;
const JET_NUM = FEATURE_INDEX.PRI_jet_num;

function singleLetter(rec: CsvRecord, k: number): string {
  const start = rec.starts[k]!;
  return rec.ends[k]! - start === 1 ? String.fromCharCode(rec.buf[start]!) : "";
}

/** Reports every EventId seen before, with both lines; sorting a copy keeps the common (no duplicate) case cheap. */
function reportDuplicateIds(ids: Int32Array, line: Int32Array, problems: ProblemCollector): void {
  const sorted = ids.slice().sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! >= 0 && sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
  if (repeated.size === 0) return;
  const firstLine = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!repeated.has(id)) continue;
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, line[i]!);
    else problems.add(line[i]!, `EventId ${id} appears again (first at line ${first})`);
  }
}

/**
 * Reads one event file in `layout`; `fileName` names it in messages. Throws ImportFormatError listing the problems
 * (wrong header, wrong field count, bad EventId / feature / weight / Label / KaggleSet, duplicate EventId, no rows).
 */
export async function readEventFile(
  src: ByteSource,
  layout: FileLayout,
  fileName: string,
  maxBytes = IMPORT_MAX_BYTES,
): Promise<ReadEvents> {
  const problems = new ProblemCollector(importErrorClass(`The file ${fileName}`));
  const out = new EventColumns();
  const at = (name: string | null): number => (name === null ? -1 : layout.columns.indexOf(name));
  const weightAt = at(layout.weightColumn);
  const labelAt = layout.hasLabel ? at("Label") : -1;
  const setAt = layout.hasKaggleSet ? at("KaggleSet") : -1;
  await readTable(
    src,
    layout.columns,
    problems,
    (rec, col) => {
      const row = out.addRow();
      const line = rec.line;
      out.line[row] = line;
      const { buf, starts, ends } = rec;
      const idField = col[0]!;
      const id = parseDigits(buf, starts[idField]!, ends[idField]!);
      const validId = id >= 0 && id <= INT32_MAX;
      if (!validId) problems.add(line, () => `EventId ${quoteValue(rec, idField)} is not a whole number from 0 to ${INT32_MAX}`);
      // -1 marks a bad id (already reported) so it is not also reported as a duplicate of another bad one.
      out.eventId[row] = validId ? id : -1;

      let set = 0;
      if (setAt >= 0) {
        const k = col[setAt]!;
        set = KAGGLE_SET_BY_LETTER[singleLetter(rec, k)] ?? 0;
        if (set === 0) problems.add(line, () => `KaggleSet ${quoteValue(rec, k)} is not t, b, v or u`);
        out.kaggleSet[row] = set;
      }

      for (let f = 0; f < HIGGS_FEATURES.length; f++) {
        const k = col[f + 1]!;
        const v = parseDecimal(buf, starts[k]!, ends[k]!);
        out.features[f]![row] = v;
        if (!Number.isFinite(v)) problems.add(line, () => `${HIGGS_FEATURES[f]} ${quoteValue(rec, k)} is not a finite number`);
        else if (f === JET_NUM && !(Number.isInteger(v) && v >= 0 && v <= 3)) {
          problems.add(line, () => `PRI_jet_num ${quoteValue(rec, k)} is not 0, 1, 2 or 3`);
        } else if (v < MISSING)
          problems.add(line, () => `${HIGGS_FEATURES[f]} ${quoteValue(rec, k)} is below -999.0, the missing-value marker`);
      }

      if (weightAt >= 0) {
        const k = col[weightAt]!;
        const w = parseDecimal(buf, starts[k]!, ends[k]!);
        out.weight[row] = w;
        // Unused rows (KaggleSet u) are dropped, so only their weight's form is checked, not its sign.
        const ok = Number.isFinite(w) && (w > 0 || (set === KAGGLE_SET.unused && w >= 0));
        if (!ok) problems.add(line, () => `${layout.weightColumn} ${quoteValue(rec, k)} is not a positive finite number`);
      }

      if (labelAt >= 0) {
        const k = col[labelAt]!;
        const letter = singleLetter(rec, k);
        if (letter !== "s" && letter !== "b") problems.add(line, () => `Label ${quoteValue(rec, k)} is not s or b`);
        out.label[row] = letter === "s" ? 1 : 0;
      }
    },
    { maxBytes },
  );
  const read = out.finish();
  reportDuplicateIds(read.events.eventId, read.line, problems);
  problems.throwIfAny();
  return read;
}
