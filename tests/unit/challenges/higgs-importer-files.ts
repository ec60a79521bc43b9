/** Small synthetic import files, written from the simulator through the real CSV writers. */
import { expect } from "vitest";
import { cernCsv, ImportFormatError, KAGGLE_SET } from "@/challenges/higgs-tautau/importer";
import type { HiggsEvents } from "@/challenges/higgs-tautau/schema";
import { renormaliseWeights } from "@/challenges/higgs-tautau/split";
import { encode } from "../scoring/helpers";

export const text = (chunks: Iterable<string>): string => [...chunks].join("");

/** KaggleSet of row i: 40% t, 10% b, 40% v, 10% u, interleaved as in the official file. */
export function mixedSets(n: number): Uint8Array {
  const { training, publicTest, privateTest, unused } = KAGGLE_SET;
  const pattern = [training, training, training, training, publicTest, privateTest, privateTest, privateTest, privateTest, unused];
  return Uint8Array.from({ length: n }, (_, i) => pattern[i % pattern.length]!);
}

/** The CERN layout for `events`, with KaggleWeight renormalised per KaggleSet and class as Kaggle did. */
export function cernText(events: HiggsEvents, sets: Uint8Array): string {
  return text(cernCsv(events, sets, renormaliseWeights(events, sets)));
}

/** `csv` with line `line` (1-based, header = 1) rewritten by `edit` on its fields. */
export function editLine(csv: string, line: number, edit: (fields: string[]) => string[]): string {
  const lines = csv.split("\n");
  lines[line - 1] = edit(lines[line - 1]!.split(",")).join(",");
  return lines.join("\n");
}

/** Field index of a column in a CSV text's header. */
export function column(csv: string, name: string): number {
  const at = csv.slice(0, csv.indexOf("\n")).split(",").indexOf(name);
  if (at < 0) throw new Error(`no column ${name}`);
  return at;
}

/** Sets one field of one line. */
export function setField(csv: string, line: number, name: string, value: string): string {
  const k = column(csv, name);
  return editLine(csv, line, (fields) => fields.map((f, i) => (i === k ? value : f)));
}

/** The ImportFormatError (or other CsvFormatError) an import rejects with, for inspecting its problems. */
export async function importError(run: () => Promise<unknown>): Promise<ImportFormatError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toMatch(/FormatError$/);
  return error as ImportFormatError;
}

export { encode };
