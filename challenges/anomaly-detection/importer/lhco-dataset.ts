/**
 * A Track A challenge from LHC Olympics 2020 R&D files (parsed by parseLhcoCsv): the training file's background
 * becomes train.csv, less `controlEvents` background events drawn at random (seeded) to serve as the hidden
 * control events of test.csv; the test file's events, labels kept for the solution only, fill the rest of test.csv.
 * The training file's signal events (395 of 60,000 in the real train file) are dropped: Track A promises a
 * background-only training sample.
 *
 * Worked example: train (60,000 events, 395 signal) and test (60,000, 20,000 signal) with controlEvents 10,000 give
 * train.csv 49,605 events and test.csv 70,000 events (10,000 of them control, usage 3).
 */
import { describeSeed, Random, type Seed } from "../../shared/random";
import { type AnomalyDataset, shuffledOrder, trackADataset } from "../dataset";
import { type AnomalyEvents, countSignal, selectAnomalyEvents } from "../schema";

export interface LhcoDatasetOptions {
  /** Secret key of the control draw and the Public/Private hash (a typed integer only in tests). */
  seed: Seed;
  /** Background events of the training file moved into test.csv as control events. */
  controlEvents: number;
  publicFraction?: number;
}

const CONTROL_STREAM = 0xc047;

export function datasetFromLhco(train: AnomalyEvents, test: AnomalyEvents, opts: LhcoDatasetOptions): AnomalyDataset {
  const background: number[] = [];
  train.label.forEach((l, i) => l === 0 && background.push(i));
  if (!(Number.isInteger(opts.controlEvents) && opts.controlEvents >= 0 && opts.controlEvents < background.length)) {
    throw new RangeError(
      `controlEvents must be a whole number below the ${background.length} background events of the training file, got ${opts.controlEvents}`,
    );
  }
  if (countSignal(test) === 0) throw new RangeError("the test file has no signal events: nothing to find on Track A");
  const order = shuffledOrder(background.length, new Random(opts.seed).fork(CONTROL_STREAM));
  const isControl = new Uint8Array(background.length);
  for (let k = 0; k < opts.controlEvents; k++) isControl[order[k]!] = 1;
  return trackADataset({
    train: selectAnomalyEvents(
      train,
      background.filter((_, k) => isControl[k] === 0),
    ),
    test,
    control: selectAnomalyEvents(
      train,
      background.filter((_, k) => isControl[k] === 1),
    ),
    seed: opts.seed,
    publicFraction: opts.publicFraction,
    manifest: {
      source: "lhco2020-rnd",
      seed: describeSeed(opts.seed),
      trainFileEvents: train.label.length,
      trainFileSignalDropped: train.label.length - background.length,
    },
  });
}
