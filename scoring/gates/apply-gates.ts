/**
 * Runs a challenge's gates on a parsed submission, as Flavours of Physics did: the control events are rows of the
 * test file competitors predicted like any other, marked Usage=Control in the key (never in a leaderboard), and
 * each switched-on check reads the submission's scores on its own control rows: the agreement check those with an
 * Origin (scores per origin, with the key's weights), the correlation check those with an Aux value.
 * A submission that fails any check is not ranked: GateFailedError names each failed check with its statistic and
 * threshold, and carries every outcome for the submission's page.
 */
import { SubmissionFormatError, type FormatProblem } from "../parsing/errors";
import { ORIGIN_NONE, USAGE, type Solution } from "../solution";
import { gateById, type GateResult } from "./gate-descriptor";
import { gateShortName, type GateId, type GateSetting } from "./gate-settings";

/** One check's result on a submission, as stored with it and shown on its page. */
export interface GateOutcome extends GateResult {
  id: GateId;
  name: string;
  /** Control events the check read. */
  events: number;
  /** cvm-correlation: the column's name. */
  column?: string;
}

/** A submission that failed a gate: not ranked, with every gate's outcome. */
export class GateFailedError extends SubmissionFormatError {
  constructor(
    readonly outcomes: readonly GateOutcome[],
    problems: FormatProblem[] = outcomes.filter((o) => !o.passed).map((o) => ({ line: null, message: gateFailureMessage(o) })),
  ) {
    super(problems);
  }
}

export function gateFailureMessage(o: GateOutcome): string {
  return (
    `Not ranked: failed the ${gateShortName(o.id)} check (${o.name}${o.column ? `, column ${o.column}` : ""}): ` +
    `statistic ${o.statistic.toPrecision(3)} on ${o.events} control events, must be below ${o.threshold}`
  );
}

// Control rows per key, found once (the scoring thread keeps a key for many submissions).
const controlRowCache = new WeakMap<Solution, { origin: Int32Array; aux: Int32Array }>();

function controlRows(solution: Solution): { origin: Int32Array; aux: Int32Array } {
  let rows = controlRowCache.get(solution);
  if (!rows) {
    const origin: number[] = [];
    const aux: number[] = [];
    solution.usage.forEach((u, i) => {
      if (u !== USAGE.Control) return;
      if ((solution.origin?.[i] ?? ORIGIN_NONE) !== ORIGIN_NONE) origin.push(i);
      if (solution.aux && !Number.isNaN(solution.aux[i]!)) aux.push(i);
    });
    rows = { origin: Int32Array.from(origin), aux: Int32Array.from(aux) };
    controlRowCache.set(solution, rows);
  }
  return rows;
}

/**
 * Every gate's outcome on a submission's scores (one per key row, as the score parser returns them); throws
 * GateFailedError if any failed. A key without the control rows a gate needs is the organiser's problem: an Error.
 */
export function applyGates(solution: Solution, scores: ArrayLike<number>, settings: readonly GateSetting[]): GateOutcome[] {
  const rows = controlRows(solution);
  const outcomes = settings.map((setting): GateOutcome => {
    const { gate, threshold } = gateById(setting.id, setting.threshold);
    const ks = setting.id === "ks-agreement";
    const sample = ks ? rows.origin : rows.aux;
    if (sample.length === 0)
      throw new Error(`the ${gateShortName(setting.id)} check is switched on but the answer key has no control rows for it`);
    const pick = <T extends Float64Array | Int8Array>(from: ArrayLike<number>, make: (n: number) => T) => {
      const out = make(sample.length);
      sample.forEach((row, k) => (out[k] = from[row]!));
      return out;
    };
    const input = {
      scores: pick(scores, (n) => new Float64Array(n)),
      column: ks ? pick(solution.origin!, (n) => new Int8Array(n)) : pick(solution.aux!, (n) => new Float64Array(n)),
      weights: ks ? pick(solution.weights, (n) => new Float64Array(n)) : null,
    };
    const result = gate.evaluate(input, threshold);
    return { id: setting.id, name: gate.name, ...result, events: sample.length, ...(setting.column ? { column: setting.column } : {}) };
  });
  if (outcomes.some((o) => !o.passed)) throw new GateFailedError(outcomes);
  return outcomes;
}
