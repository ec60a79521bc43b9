/**
 * Event weights: each process gets a constant weight so that the process holds
 * its weight share of its class total, and each class sums exactly to the
 * Kaggle total over the whole generated sample. Processes absent from a small
 * sample hand their share to the others of the same class.
 */
import { BACKGROUND_WEIGHT_TOTAL, HIGGS_PROCESSES, SIGNAL_WEIGHT_TOTAL } from "../schema";
import { PROCESS_SHARES } from "./config";

/** True for the signal processes (H -> tau tau in any production mode). */
export function isSignalProcess(p: number): boolean {
  const name = HIGGS_PROCESSES[p];
  return name === "ggH" || name === "VBF" || name === "VH";
}

export function assignWeights(process: Uint8Array, weight: Float64Array): void {
  const counts = new Float64Array(HIGGS_PROCESSES.length);
  for (let i = 0; i < process.length; i++) {
    const p = process[i] as number;
    counts[p] = (counts[p] as number) + 1;
  }
  let signalShare = 0;
  let backgroundShare = 0;
  HIGGS_PROCESSES.forEach((name, p) => {
    if ((counts[p] as number) === 0) return;
    if (isSignalProcess(p)) signalShare += PROCESS_SHARES[name].weightShare;
    else backgroundShare += PROCESS_SHARES[name].weightShare;
  });
  const perEvent = HIGGS_PROCESSES.map((name, p) => {
    const signal = isSignalProcess(p);
    const total = signal ? SIGNAL_WEIGHT_TOTAL : BACKGROUND_WEIGHT_TOTAL;
    const share = PROCESS_SHARES[name].weightShare / (signal ? signalShare : backgroundShare);
    return (counts[p] as number) > 0 ? (total * share) / (counts[p] as number) : 0;
  });
  for (let i = 0; i < process.length; i++) weight[i] = perEvent[process[i] as number] as number;
}
