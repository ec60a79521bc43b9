/**
 * Writer of the CERN Open Data layout (35 columns), so simulated events can stand in for the official file in
 * tests and in the import benchmark, which must not depend on a 190 MB download.
 */
import { formatFeature } from "../csv";
import type { HiggsEvents } from "../schema";
import { CERN_LAYOUT, KAGGLE_SET } from "./read-events";

const CHUNK_CHARS = 64 * 1024;
const SET_LETTER: Record<number, string> = {
  [KAGGLE_SET.training]: "t",
  [KAGGLE_SET.publicTest]: "b",
  [KAGGLE_SET.privateTest]: "v",
  [KAGGLE_SET.unused]: "u",
};

/**
 * Text chunks of the file: `kaggleSet` holds KAGGLE_SET codes, `kaggleWeight` the per-set renormalised weights;
 * the events' own weights fill the Weight column, as the original weights do in the official file.
 */
export function* cernCsv(events: HiggsEvents, kaggleSet: Uint8Array, kaggleWeight: Float64Array): Generator<string> {
  let buffer = `${CERN_LAYOUT.columns.join(",")}\n`;
  const n = events.eventId.length;
  for (let i = 0; i < n; i++) {
    const features = events.features.map((col, f) => formatFeature(col[i]!, f)).join(",");
    const label = events.label[i] === 1 ? "s" : "b";
    buffer += `${events.eventId[i]},${features},${events.weight[i]},${label},${SET_LETTER[kaggleSet[i]!]},${kaggleWeight[i]}\n`;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer;
}
