/**
 * Streaming CSV writers in Kaggle's HiggsML formats. Each yields text chunks of
 * about 64 KB, so a route can pipe 800k events through gzip without building
 * the file in memory. Features have 3 decimals (trailing zeros dropped, at
 * least one decimal, as in Kaggle's files), -999.0 marks undefined values,
 * PRI_jet_num is an integer and weights keep full precision.
 */
import { FEATURE_INDEX, HIGGS_FEATURES, type HiggsEvents, MISSING } from "./schema";
import { chunked } from "../shared/csv-chunks";
import { USAGE_PUBLIC } from "./split";

/** 3-decimal feature value in Kaggle's style: 138.47, 0.91, -999.0, 2. */
export function formatFeature(x: number, feature: number): string {
  if (x === MISSING) return "-999.0";
  if (feature === FEATURE_INDEX.PRI_jet_num) return String(Math.round(x));
  let s = x.toFixed(3);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, ".0");
  return s === "-0.0" ? "0.0" : s;
}

function featureCells(events: HiggsEvents, i: number): string {
  return events.features.map((col, f) => formatFeature(col[i] as number, f)).join(",");
}

/** Kaggle's training.csv: EventId, 30 features, Weight, Label (s/b). */
export function trainingCsv(events: HiggsEvents): Generator<string> {
  return chunked(
    ["EventId", ...HIGGS_FEATURES, "Weight", "Label"].join(","),
    events.eventId.length,
    (i) => `${events.eventId[i]},${featureCells(events, i)},${events.weight[i]},${events.label[i] === 1 ? "s" : "b"}`,
  );
}

/** Kaggle's test.csv: EventId and the 30 features, never labels or weights. */
export function testCsv(events: HiggsEvents): Generator<string> {
  return chunked(["EventId", ...HIGGS_FEATURES].join(","), events.eventId.length, (i) => `${events.eventId[i]},${featureCells(events, i)}`);
}

/** A valid submission in Kaggle's format: ranks in EventId order, every event classified "b". */
export function sampleSubmissionCsv(eventIds: Int32Array): Generator<string> {
  return chunked("EventId,RankOrder,Class", eventIds.length, (i) => `${eventIds[i]},${i + 1},b`);
}

/** The private solution file: EventId, Label, Weight (renormalised), Usage (Public/Private). */
export function solutionCsv(events: HiggsEvents, usage: Uint8Array, weights: Float64Array): Generator<string> {
  return chunked(
    "EventId,Label,Weight,Usage",
    events.eventId.length,
    (i) => `${events.eventId[i]},${events.label[i] === 1 ? "s" : "b"},${weights[i]},${usage[i] === USAGE_PUBLIC ? "Public" : "Private"}`,
  );
}
