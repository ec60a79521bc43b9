/**
 * Streaming CSV writers of the anomaly-detection files. Each yields text chunks of about 64 KB, so a route can pipe
 * half a million events through gzip without building the file in memory. Masses are written in GeV with 3
 * decimals (1 MeV, far below any resolution) and τ21 with 5, trailing zeros dropped: 3481.25, 104.032, 0.35127.
 * `publishedValue` is the number a reader of the file gets back, for data the server keeps beside the file
 * (the control events' mjj), so both sides see the very same values.
 */
import { chunked } from "../shared/csv-chunks";
import { ANOMALY_FEATURES, type AnomalyEvents, FEATURE } from "./schema";

/** Feature value as written: 3 decimals for masses, 5 for τ21, trailing zeros dropped, never "-0". */
export function formatFeature(x: number, feature: number): string {
  const s = x.toFixed(feature >= FEATURE.tau21_1 ? 5 : 3).replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

/** The value a reader parses back from formatFeature(x, feature). */
export function publishedValue(x: number, feature: number): number {
  return Number(formatFeature(x, feature));
}

function featureCells(events: AnomalyEvents, i: number): string {
  return events.features.map((column, f) => formatFeature(column[i]!, f)).join(",");
}

/** Unlabelled events, features only (the background-only training file). */
export function featuresCsv(events: AnomalyEvents): Generator<string> {
  return chunked(ANOMALY_FEATURES.join(","), events.label.length, (i) => featureCells(events, i));
}

/** Events with their EventId and features, never a label (test and black-box files). */
export function eventsCsv(eventId: Int32Array, events: AnomalyEvents): Generator<string> {
  return chunked(["EventId", ...ANOMALY_FEATURES].join(","), eventId.length, (i) => `${eventId[i]},${featureCells(events, i)}`);
}

/** Labelled events in the layout the LHCO importer reads back (this project's GeV column names, then `label`). */
export function labelledCsv(events: AnomalyEvents): Generator<string> {
  return chunked([...ANOMALY_FEATURES, "label"].join(","), events.label.length, (i) => `${featureCells(events, i)},${events.label[i]}`);
}

/** A valid submission: every event scored 0.5 (EventId,score). */
export function sampleSubmissionCsv(eventId: Int32Array): Generator<string> {
  return chunked("EventId,score", eventId.length, (i) => `${eventId[i]},0.5`);
}
