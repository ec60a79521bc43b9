/**
 * Event weights. During generation each event gets a raw weight factor from its
 * process's weight model (falling with the jet multiplicity, log-normal spread:
 * continuous weights, as the real background has). At the end every process's
 * raw factors are scaled so the process holds its weight share of its class
 * total, each class summing exactly to the Kaggle total over the sample; the
 * normalisation systematics then multiply the background processes' weights.
 * Processes absent from a small sample hand their share to the others of the
 * same class.
 */
import type { Random } from "../../shared/random";
import { BACKGROUND_WEIGHT_TOTAL, HIGGS_PROCESSES, SIGNAL_WEIGHT_TOTAL } from "../schema";
import type { SimulatorConfig, WeightParams } from "./config";
import { normFactor, type Systematics } from "./systematics";

/** True for the signal processes (H -> tau tau in any production mode). */
export function isSignalProcess(p: number): boolean {
  const name = HIGGS_PROCESSES[p];
  return name === "ggH" || name === "VBF" || name === "VH";
}

/** Unnormalised weight of one event with `jets` reconstructed jets (mean-one log-normal spread). */
export function rawWeight(rng: Random, model: WeightParams, jets: number): number {
  const spread = model.spread > 0 ? Math.exp(model.spread * rng.normal() - 0.5 * model.spread * model.spread) : 1;
  return Math.exp(-model.jetSlope * jets) * spread;
}

/** Turns the raw factors in `weight` into final weights, in place. */
export function normaliseWeights(process: Uint8Array, weight: Float64Array, config: SimulatorConfig, systematics: Systematics): void {
  const sums = new Float64Array(HIGGS_PROCESSES.length);
  for (let i = 0; i < process.length; i++) {
    const p = process[i] as number;
    sums[p] = (sums[p] as number) + (weight[i] as number);
  }
  let signalShare = 0;
  let backgroundShare = 0;
  HIGGS_PROCESSES.forEach((name, p) => {
    if ((sums[p] as number) === 0) return;
    if (isSignalProcess(p)) signalShare += config.shares[name].weightShare;
    else backgroundShare += config.shares[name].weightShare;
  });
  const factor = HIGGS_PROCESSES.map((name, p) => {
    if ((sums[p] as number) === 0) return 0;
    const signal = isSignalProcess(p);
    const total = signal ? SIGNAL_WEIGHT_TOTAL : BACKGROUND_WEIGHT_TOTAL;
    const share = config.shares[name].weightShare / (signal ? signalShare : backgroundShare);
    return (total * share * normFactor(p, systematics)) / (sums[p] as number);
  });
  for (let i = 0; i < process.length; i++) weight[i] = (weight[i] as number) * (factor[process[i] as number] as number);
}
