/**
 * Gates: checks a submission must pass before its score counts (Flavours of Physics' agreement and correlation tests),
 * as descriptors any challenge can switch on by id with its own threshold. A gate reads the submission's scores on
 * control events the organiser provides (never the leaderboard's labels): what `inputs` names.
 */
import { ksAgreement, KS_AGREEMENT_THRESHOLD } from "./ks-agreement";
import { gateBins, MASS_SCULPTING_THRESHOLD, massSculpting } from "../metrics/mass-sculpting";

export interface GateResult {
  statistic: number;
  threshold: number;
  passed: boolean;
}

/** What a gate reads: the submission's scores on control events, and per event a second quantity. */
export interface GateInput {
  /** The submission's scores on the control events. */
  scores: ArrayLike<number>;
  /** cvm-correlation: the chosen column (e.g. the mass) per control event. ks-agreement: 1 = real data, 0 = simulation. */
  column: ArrayLike<number>;
  /** Per-event weights (ks-agreement); null = 1 each. */
  weights?: ArrayLike<number> | null;
}

export interface GateDescriptor {
  id: "ks-agreement" | "cvm-correlation";
  name: string;
  /** The published threshold; an organiser may choose another (the statistic must stay below it). */
  defaultThreshold: number;
  evaluate(input: GateInput, threshold: number): GateResult;
}

/** Splits control events into simulation (column 0) and real data (column 1), with their weights. */
function samples(input: GateInput): { sim: number[]; real: number[]; simW: number[]; realW: number[] } {
  const out = { sim: [] as number[], real: [] as number[], simW: [] as number[], realW: [] as number[] };
  for (let i = 0; i < input.scores.length; i++) {
    const origin = input.column[i];
    if (origin !== 0 && origin !== 1) throw new RangeError(`control event ${i} is marked ${origin}: 1 = real data, 0 = simulation`);
    const w = input.weights ? input.weights[i]! : 1;
    if (origin === 1) {
      out.real.push(input.scores[i]!);
      out.realW.push(w);
    } else {
      out.sim.push(input.scores[i]!);
      out.simW.push(w);
    }
  }
  return out;
}

export const GATES: readonly GateDescriptor[] = [
  {
    id: "ks-agreement",
    name: "Agreement between simulation and real data (weighted KS distance)",
    defaultThreshold: KS_AGREEMENT_THRESHOLD,
    evaluate: (input, threshold) => {
      const { sim, real, simW, realW } = samples(input);
      return ksAgreement(sim, real, { simulatedWeights: simW, realWeights: realW, threshold });
    },
  },
  {
    id: "cvm-correlation",
    name: "No correlation with a chosen column (binned Cramér–von Mises)",
    defaultThreshold: MASS_SCULPTING_THRESHOLD,
    evaluate: (input, threshold) => {
      // Bins of at least 500 events, so sampling noise alone stays well below the threshold.
      const { statistic } = massSculpting(input.scores, input.column, { bins: gateBins(input.scores.length) });
      return { statistic, threshold, passed: statistic < threshold };
    },
  },
];

/** The gate of that id, checking an organiser's threshold (absent: the published one). */
export function gateById(id: string, threshold?: number): { gate: GateDescriptor; threshold: number } {
  const gate = GATES.find((g) => g.id === id);
  if (!gate) throw new RangeError(`unknown gate ${JSON.stringify(id)} (gates: ${GATES.map((g) => g.id).join(", ")})`);
  const chosen = threshold ?? gate.defaultThreshold;
  if (!(chosen > 0 && chosen < Infinity)) throw new RangeError(`the threshold of gate ${id} must be a positive number, got ${threshold}`);
  return { gate, threshold: chosen };
}
