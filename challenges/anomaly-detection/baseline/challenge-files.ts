/**
 * The baselines' view of a Track A challenge's published files: train.csv (the 5 features, no id, no label) and
 * test.csv (EventId + the 5 features), read from their stored bytes (gzip or not) with the scoring library's CSV
 * reader, and the `EventId,score` submission they produce. Problems are reported per line as ImportFormatError.
 *
 * Worked example: test.csv rows "1000000,3480,104,391,0.35,0.18" and "1000001,2950,60,12,0.7,0.66" with scores
 * [0.91, 0.12] give the submission "EventId,score\n1000000,0.91\n1000001,0.12\n".
 */
import type { ByteSource } from "../../../scoring/parsing/byte-source";
import { fieldText } from "../../../scoring/parsing/csv-reader";
import { quoteValue, readTable } from "../../../scoring/parsing/csv-table";
import { ProblemCollector } from "../../../scoring/parsing/errors";
import { importErrorClass } from "../../higgs-tautau/importer/import-error";
import { ANOMALY_FEATURES, type AnomalyEvents } from "../schema";

/** Challenge files are far larger than a submission (500,000 events at scale 1). */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const INT32_MAX = 2 ** 31 - 1;

export interface ChallengeFile {
  /** Empty for train.csv. */
  eventId: Int32Array;
  /** Labels are unknown to a competitor: all 0. */
  events: AnomalyEvents;
}

/** Reads train.csv (`withEventId` false) or test.csv (true). Throws ImportFormatError listing the problems. */
export async function readChallengeFile(src: ByteSource, fileName: string, withEventId: boolean): Promise<ChallengeFile> {
  const problems = new ProblemCollector(importErrorClass(`The file ${fileName}`));
  const columns = withEventId ? ["EventId", ...ANOMALY_FEATURES] : [...ANOMALY_FEATURES];
  const offset = withEventId ? 1 : 0;
  const ids: number[] = [];
  const features: number[][] = ANOMALY_FEATURES.map(() => []);
  await readTable(
    src,
    columns,
    problems,
    (rec, col) => {
      if (withEventId) {
        const id = Number(fieldText(rec, col[0]!));
        if (!(Number.isInteger(id) && id >= 0 && id <= INT32_MAX))
          problems.add(rec.line, `EventId ${quoteValue(rec, col[0]!)} is not a whole number`);
        ids.push(id);
      }
      ANOMALY_FEATURES.forEach((name, f) => {
        const text = fieldText(rec, col[f + offset]!).trim();
        const v = text === "" ? Number.NaN : Number(text);
        if (!Number.isFinite(v)) problems.add(rec.line, `${name} ${quoteValue(rec, col[f + offset]!)} is not a finite number`);
        features[f]!.push(v);
      });
    },
    { maxBytes: MAX_FILE_BYTES },
  );
  problems.throwIfAny();
  return {
    eventId: Int32Array.from(ids),
    events: { features: features.map((c) => Float64Array.from(c)), label: new Uint8Array(features[0]!.length) },
  };
}

/** The `EventId,score` submission; scores keep 8 significant digits (float32 models carry no more). */
export function scoreSubmissionCsv(eventId: ArrayLike<number>, scores: ArrayLike<number>): string {
  if (eventId.length !== scores.length) throw new RangeError(`${eventId.length} event ids but ${scores.length} scores`);
  const lines = ["EventId,score"];
  for (let i = 0; i < eventId.length; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) throw new RangeError(`the score of event ${eventId[i]} is ${s}`);
    lines.push(`${eventId[i]},${Number(s.toPrecision(8))}`);
  }
  return `${lines.join("\n")}\n`;
}
