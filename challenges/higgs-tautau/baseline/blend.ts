/**
 * A blend of baseline families: each member is trained as on its own (same seeded validation split), and the
 * blend's score is the mean of the members' signal probabilities, with its own AMS cut chosen on the same
 * validation events. Averaging models that err differently (trees and a network) is what won the 2014 challenge.
 *
 * Example: const b = await trainHiggsBlend([xgboostFamily(xgb), tfjsMlpFamily()], train, { seed: 1 }, onProgress);
 *          const csv = blendSubmission(b, test);
 */
import type { ModelCard } from "../../shared/baseline/pipeline";
import { kaggleSubmission } from "../../shared/baseline/submission";
import type { ModelFamily, ProgressListener } from "../../shared/baseline/types";
import { bestCut, type Cut, weightedLogLoss } from "../../shared/baseline/validation-metrics";
import { balancedWeights } from "../../shared/baseline/weights";
import type { HiggsEvents } from "../schema";
import { higgsValidationSplit, predictHiggs, trainHiggsBaseline, type HiggsBaseline, type HiggsBaselineOptions } from "./train";

export interface HiggsBlend {
  members: HiggsBaseline[];
  cut: Cut;
  card: ModelCard;
}

export async function trainHiggsBlend(
  families: ModelFamily[],
  events: HiggsEvents,
  opts: HiggsBaselineOptions,
  onProgress: ProgressListener,
): Promise<HiggsBlend> {
  if (families.length < 2) throw new Error("a blend needs at least two families");
  const members: HiggsBaseline[] = [];
  for (const family of families) members.push(await trainHiggsBaseline(family, events, opts, onProgress));
  const { validation, amsWeight } = higgsValidationSplit(events, opts);
  const scores = predictBlend({ members }, validation);
  const cut = bestCut(scores, validation.label, amsWeight);
  const cards = members.map((m) => m.card);
  const card: ModelCard = {
    family: "blend",
    architecture: { members: cards.map((c) => ({ family: c.family, ...c.architecture })), combination: "mean of signal probabilities" },
    hyperparameters: { members: cards.map((c) => ({ family: c.family, ...c.hyperparameters })) },
    seed: opts.seed,
    bestEpochs: cards.flatMap((c) => c.bestEpochs),
    trainingSeconds: cards.reduce((t, c) => t + c.trainingSeconds, 0),
    trainEvents: cards[0]!.trainEvents,
    validationEvents: validation.label.length,
    features: cards[0]!.features,
    preprocessing: cards.map((c) => c.preprocessing),
    validation: {
      ams: cut.ams,
      threshold: cut.threshold,
      selectedFraction: cut.selectedFraction,
      logLoss: weightedLogLoss(scores, validation.label, balancedWeights(validation.label, validation.weight)),
    },
  };
  return { members, cut, card };
}

/** The mean of the members' signal probabilities. */
export function predictBlend(blend: Pick<HiggsBlend, "members">, events: HiggsEvents): Float32Array {
  const out = new Float32Array(events.label.length);
  for (const m of blend.members) {
    const p = predictHiggs(m, events);
    for (let i = 0; i < out.length; i++) out[i]! += p[i]! / blend.members.length;
  }
  return out;
}

export function blendSubmission(blend: HiggsBlend, test: HiggsEvents): string {
  return kaggleSubmission(test.eventId, predictBlend(blend, test), blend.cut.threshold);
}
