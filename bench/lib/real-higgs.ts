/**
 * Loader for the real HiggsML sample in ../shared/data (benchmarks only: it is
 * an I/O edge, so node:fs and node:zlib are fine here). Returns null when the
 * file is absent so callers can skip with a message.
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { sharedDataFile } from "../../lib/shared-data";
import { allocateHiggsEvents, HIGGS_FEATURES, type HiggsEvents } from "../../challenges/higgs-tautau/schema";

export const REAL_HIGGS_PATH = sharedDataFile("higgsml-v2-first22889.csv.gz");

/** Real events with `weight` = KaggleWeight (the training-set weight). */
export function loadRealHiggs(): HiggsEvents | null {
  if (!existsSync(REAL_HIGGS_PATH)) return null;
  const lines = gunzipSync(readFileSync(REAL_HIGGS_PATH)).toString("utf8").trimEnd().split("\n");
  const header = (lines[0] ?? "").split(",");
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${REAL_HIGGS_PATH}: missing column ${name}`);
    return k;
  };
  const featureCols = HIGGS_FEATURES.map(col);
  const [idCol, labelCol, weightCol] = [col("EventId"), col("Label"), col("KaggleWeight")];
  const events = allocateHiggsEvents(lines.length - 1, false);
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] as string).split(",");
    const r = i - 1;
    events.eventId[r] = Number(cells[idCol]);
    events.label[r] = cells[labelCol] === "s" ? 1 : 0;
    events.weight[r] = Number(cells[weightCol]);
    featureCols.forEach((c, f) => {
      (events.features[f] as Float64Array)[r] = Number(cells[c]);
    });
  }
  return events;
}
