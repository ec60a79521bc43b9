/**
 * simulateHiggs: the seeded toy Monte Carlo of the HiggsML challenge. For each
 * event a process is drawn with its selected-event fraction, then candidates of
 * that process are generated until one passes the selection, so the sample's
 * composition is controlled directly and the run time is bounded by the
 * selection efficiency. Deterministic for a given seed, nEvents, config and
 * systematics; with shape systematics the nominal events of the same seed are
 * shifted (see systematics.ts), so nominal and shifted samples are correlated.
 */
import { Random, type Seed } from "../../shared/random";
import { allocateHiggsEvents, FEATURE_INDEX, HIGGS_PROCESSES, selectEvents, type HiggsEvents, type HiggsProcess } from "../schema";
import { DEFAULT_SIMULATOR_CONFIG, type SimulatorConfig } from "./config";
import { computeDerived } from "./derived-features";
import { reconstruct } from "./detector";
import { generateDrellYan, generateGgh, generateTtbar, generateVbf, generateVh, generateWjets } from "./processes";
import { resolveSystematics, shiftEvents, shiftsShapes, type Systematics } from "./systematics";
import { massOf } from "./four-vector";
import { SLOT, TruthEvent } from "./truth-event";

/** The processes whose boson decays to the τ pair (see processes.ts decayDitau). */
const DITAU_PROCESSES: ReadonlySet<HiggsProcess> = new Set(["ggH", "VBF", "VH", "Ztautau"]);
import { isSignalProcess, normaliseWeights, rawWeight } from "./weights";

export interface SimulateOptions {
  seed: Seed;
  nEvents: number;
  /** Id of the first event; ids are consecutive (Kaggle's training set starts at 100000). */
  firstEventId?: number;
  /** Physics and detector parameters; the fitted defaults when absent. */
  config?: SimulatorConfig;
  /** Systematic shifts; nominal when absent (knobs left out stay nominal). */
  systematics?: Partial<Systematics>;
}

/** A process whose selection efficiency is this low signals a broken configuration, not bad luck. */
const MAX_TRIES = 100_000;

type Generator = (rng: Random, ev: TruthEvent) => void;

function generators(c: SimulatorConfig): { readonly [P in HiggsProcess]: Generator } {
  return {
    ggH: (rng, ev) => generateGgh(rng, ev, c.ggH),
    VBF: (rng, ev) => generateVbf(rng, ev, c.vbf),
    VH: (rng, ev) => generateVh(rng, ev, c.vh),
    Ztautau: (rng, ev) => generateDrellYan(rng, ev, c.ztautau),
    ttbar: (rng, ev) => generateTtbar(rng, ev, c.ttbar),
    Wjets: (rng, ev) => generateWjets(rng, ev, c.wjets),
  };
}

/** Nominal events with raw (unnormalised) weight factors. */
function generateNominal(seed: Seed, nEvents: number, config: SimulatorConfig): HiggsEvents {
  const root = new Random(seed);
  const processRng = root.fork(1);
  const physicsRng = root.fork(2);
  const weightRng = root.fork(3);
  const events = allocateHiggsEvents(nEvents, true);
  const process = events.process as Uint8Array;
  const truthMass = events.truthMass as Float64Array;
  const fractions = HIGGS_PROCESSES.map((name) => config.shares[name].countFraction);
  const byName = generators(config);
  const generate = HIGGS_PROCESSES.map((name) => byName[name]);
  const weightModels = HIGGS_PROCESSES.map((name) => config.weights[name]);
  const jetNum = events.features[FEATURE_INDEX.PRI_jet_num] as Float64Array;
  const truth = new TruthEvent();

  for (let i = 0; i < nEvents; i++) {
    const p = processRng.choiceIndex(fractions);
    const gen = generate[p] as Generator;
    let tries = 0;
    do {
      if (++tries > MAX_TRIES) throw new Error(`process ${HIGGS_PROCESSES[p]} passes the selection too rarely`);
      truth.reset();
      gen(physicsRng, truth);
    } while (!reconstruct(physicsRng, truth, config.detector, events.features, i));
    computeDerived(events.features, i, config.mmc);
    process[i] = p;
    // The boson slot holds the τ pair's parent in the di-τ processes (the H, or the Z / γ*): its mass is the truth a
    // di-τ mass regression learns; the other processes have no τ pair.
    truthMass[i] = DITAU_PROCESSES.has(HIGGS_PROCESSES[p]!) ? massOf(truth.p4, SLOT.boson) : NaN;
    events.label[i] = isSignalProcess(p) ? 1 : 0;
    events.weight[i] = rawWeight(weightRng, weightModels[p]!, jetNum[i] as number);
  }
  return events;
}

/** Extra nominal events generated per shifted one, so a shape shift that drops events still fills nEvents. */
const SHIFT_MARGIN = 1.1;

export function simulateHiggs({
  seed,
  nEvents,
  firstEventId = 100000,
  config = DEFAULT_SIMULATOR_CONFIG,
  systematics,
}: SimulateOptions): HiggsEvents {
  if (!Number.isInteger(nEvents) || nEvents < 0) throw new RangeError(`nEvents must be a non-negative integer, got ${nEvents}`);
  if (!Number.isInteger(firstEventId) || firstEventId < 0 || firstEventId + nEvents > 2 ** 31) {
    throw new RangeError(`event ids must fit in int32, got firstEventId ${firstEventId}`);
  }
  const syst = resolveSystematics(systematics);
  let events: HiggsEvents;
  if (shiftsShapes(syst)) {
    const nominal = generateNominal(seed, Math.ceil(nEvents * SHIFT_MARGIN) + 20, config);
    const kept = shiftEvents(nominal, syst, new Random(seed).fork(4), config.mmc, nEvents);
    if (kept.length < nEvents) throw new Error(`the systematic shift leaves only ${kept.length} of ${nEvents} events in the selection`);
    events = selectEvents(nominal, kept);
  } else {
    events = generateNominal(seed, nEvents, config);
  }
  for (let i = 0; i < nEvents; i++) events.eventId[i] = firstEventId + i;
  normaliseWeights(events.process as Uint8Array, events.weight, config, syst);
  return events;
}
