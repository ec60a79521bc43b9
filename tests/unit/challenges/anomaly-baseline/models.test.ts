import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { FEATURE, simulateAnomaly, type AnomalyEvents } from "@/challenges/anomaly-detection";
import { trainAutoencoder } from "@/challenges/anomaly-detection/baseline/autoencoder";
import { sidebandGroups, sidebandWeights, trainCwola } from "@/challenges/anomaly-detection/baseline/cwola";
import { hasSidebands, runAnomalyMethod } from "@/challenges/anomaly-detection/baseline/methods";
import { selectAnomalyEvents } from "@/challenges/anomaly-detection/schema";
import { initTfBackend } from "@/lib/ml/tf-backend";
import { weightedRocAuc } from "@/scoring";

const background = simulateAnomaly({ seed: 31, nEvents: 800, signalFraction: 0 }).events;
const mixed = simulateAnomaly({ seed: 32, nEvents: 3000, signalFraction: 0.15 }).events;
const small = { hyperparameters: { batchSize: 64 } };

/** The events whose mjj lies in [lo, hi). */
function inMass(events: AnomalyEvents, lo: number, hi: number): AnomalyEvents {
  const mjj = events.features[FEATURE.mjj]!;
  return selectAnomalyEvents(
    events,
    Int32Array.from(mjj.keys()).filter((i) => mjj[i]! >= lo && mjj[i]! < hi),
  );
}

beforeAll(async () => {
  expect(await initTfBackend()).toBe("wasm");
});

describe("autoencoder", () => {
  it("gives the same scores for the same seed, others for another seed, and frees its tensors", async () => {
    const tensors = tf.memory().numTensors;
    const fit = (seed: number) => trainAutoencoder(background, { seed, epochs: 2, ...small });
    const [a, b, c] = [await fit(4), await fit(4), await fit(5)];
    expect(b.score(mixed)).toEqual(a.score(mixed));
    expect(c.score(mixed)).not.toEqual(a.score(mixed));
    expect([a.trainEvents, a.validationEvents, a.epochsRun]).toEqual([640, 160, 2]);
    expect(a.architecture).toEqual({
      layers: [4, 16, 2, 16, 4],
      activation: "relu",
      output: "linear",
      parameters: 4 * 16 + 16 + 16 * 2 + 2 + 2 * 16 + 16 + 16 * 4 + 4,
    });
    for (const m of [a, b, c]) m.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it("ranks an injected outlier above every typical event", async () => {
    const ae = await trainAutoencoder(background, { seed: 1, epochs: 5, ...small });
    const typical = ae.score(background);
    // A light jet paired with a 3 TeV-heavier one, both one-prong-like: far outside the QCD background.
    const outlier = ae.score({ features: [3500, 1500, 3000, 0.02, 0.98].map((v) => Float64Array.of(v)), label: Uint8Array.of(0) });
    ae.dispose();
    expect(outlier[0]).toBeGreaterThan(Math.max(...typical));
  });
});

describe("CWoLa", () => {
  it("groups by m_JJ and weighs the two side bands equally (the doc example)", () => {
    const events = {
      features: [[3500, 3000, 3800, 2850, 4200, 3100, 3200]]
        .concat([0, 1, 2, 3].map(() => new Array(7).fill(1)))
        .map((c) => Float64Array.from(c)),
      label: new Uint8Array(7),
    };
    const group = sidebandGroups(events);
    expect([...group]).toEqual([1, 0, 0, -1, -1, 0, 0]);
    expect([...sidebandWeights(events, group)].map((w) => Math.round(w * 1000) / 1000)).toEqual([1, 0.667, 2, 1, 1, 0.667, 0.667]);
  });

  it("is deterministic per seed and learns the signal region's excess out of fold", async () => {
    const group = sidebandGroups(mixed);
    const fit = (seed: number) => trainCwola(mixed, group, { seed, folds: 3, epochs: 4, ...small });
    const [a, b] = [await fit(7), await fit(7)];
    expect(b.scores).toEqual(a.scores);
    expect(a.groupEvents.signalRich + a.groupEvents.reference + a.groupEvents.unused).toBe(3000);
    expect(a.bestEpochs).toHaveLength(3);
    // The signal sits in the signal region; a classifier of signal region vs side bands ranks it high.
    const auc = weightedRocAuc(a.scores, mixed.label, null);
    expect(auc).toBeGreaterThan(0.8);
    expect(a.predict(background)).toHaveLength(800);
    a.dispose();
    b.dispose();
  });

  it("refuses samples without enough events in both groups", async () => {
    const group = new Int8Array(mixed.label.length).fill(1);
    await expect(trainCwola(mixed, group, { seed: 1 })).rejects.toThrow(
      /CWoLa needs at least 25 events in each sample; got 3000 signal-region \(or data\) and 0/,
    );
  });

  it("uses the side bands when the test sample has them, else the background-only training sample", async () => {
    const signalRegionOnly = inMass(mixed, 3300, 3700);
    expect(hasSidebands(mixed)).toBe(true);
    expect(hasSidebands(signalRegionOnly)).toBe(false);
    const { scores, card } = await runAnomalyMethod(
      "cwola",
      { train: background, test: signalRegionOnly },
      { seed: 2, epochs: 1, folds: 2 },
    );
    expect(scores).toHaveLength(signalRegionOnly.label.length);
    expect(card).toMatchObject({
      method: "cwola",
      mode: "reference",
      trainEvents: signalRegionOnly.label.length + 800,
      backend: "wasm",
      epochs: 1,
    });
    expect(card.features).toEqual(["mj1", "delta_mj", "tau21_1", "tau21_2"]);
  });
});
